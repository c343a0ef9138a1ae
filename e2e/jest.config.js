/**
 * The e2e suite: real n8n servers (one per version under test) with the packed package, driven over
 * HTTP. Separate from the default `jest` run (root jest.config.js only looks at test/ *.test.ts).
 *   npx jest -c e2e/jest.config.js                      # both versions, in parallel workers
 *   E2E_N8N_VERSIONS=2 npx jest -c e2e/jest.config.js   # one version
 */
const path = require('node:path');

module.exports = {
	rootDir: path.join(__dirname, '..'),
	roots: ['<rootDir>/e2e'],
	testMatch: ['**/*.e2e.ts'],
	testEnvironment: 'node',
	transform: {
		'^.+\\.ts$': ['ts-jest', { isolatedModules: true, diagnostics: false }],
	},
	globalSetup: '<rootDir>/e2e/global-setup.ts',
	// Per test; boot (beforeAll) gets its own timeout in the suite.
	testTimeout: 240000,
	// One worker per n8n version: each test file boots its own sandbox and n8n on free ports.
	maxWorkers: 2,
	verbose: true,
};
