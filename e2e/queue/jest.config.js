/**
 * The queue-mode e2e suite: n8n 2.41 as main + 2 webhook processors + 2 workers on PostgreSQL and
 * Redis (Debian packages), the packed package in each. Separate from e2e/jest.config.js (its files end
 * in .queue.ts, not .e2e.ts), run after it by `npm test`; QUEUE_E2E_SKIP=1 skips it.
 *   npx jest -c e2e/queue/jest.config.js
 */
const path = require('node:path');

module.exports = {
	rootDir: path.join(__dirname, '..', '..'),
	roots: ['<rootDir>/e2e/queue'],
	testMatch: ['**/*.queue.ts'],
	testEnvironment: 'node',
	transform: {
		'^.+\\.ts$': ['ts-jest', { isolatedModules: true, diagnostics: false }],
	},
	globalSetup: '<rootDir>/e2e/queue/global-setup.ts',
	testTimeout: 300000,
	maxWorkers: 1,
	verbose: true,
};
