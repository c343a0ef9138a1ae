/**
 * Imported first by every bench entry point: n8n-core keeps settings (an encryption key) in a
 * user folder read when it is first loaded — give the bench its own, never the developer's ~/.n8n.
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const folder = join(tmpdir(), 'n8n-nodes-leadgenius-bench');
mkdirSync(folder, { recursive: true });
process.env.N8N_USER_FOLDER ??= folder;
process.env.N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS ??= 'false';
