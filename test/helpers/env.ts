// n8n-core keeps settings in a user folder: give tests their own, never the developer's ~/.n8n.
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const folder = join(tmpdir(), 'n8n-nodes-leadgenius-test');
mkdirSync(folder, { recursive: true });
process.env.N8N_USER_FOLDER ??= folder;
process.env.N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS ??= 'false';
// n8n-core 2.x logs every node error through its own console logger: the tests assert on those
// errors, so the log lines are noise in the output (a test that wants them sets the level itself).
process.env.N8N_LOG_LEVEL ??= 'silent';
