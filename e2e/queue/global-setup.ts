/**
 * The single-server suite's global setup (pack + install, cached in .n8n-local/), for n8n 2.x only:
 * the same n8n install and tarball serve both suites.
 */
import globalSetup from '../global-setup';

export default async function queueGlobalSetup(): Promise<void> {
	process.env.E2E_N8N_VERSIONS = '2';
	await globalSetup();
}
