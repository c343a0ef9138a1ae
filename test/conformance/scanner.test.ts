/**
 * The package gate (scripts/lint/scan-package.mjs, `npm run check:package`) bites: a packed
 * package with restricted globals, a dependency import and stray files fails it, and n8n's own
 * scanner rules are the ones reporting the globals.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const root = resolve(__dirname, '../..');

function fixture(files: Record<string, string>): string {
	const dir = mkdtempSync(join(tmpdir(), 'lg-scan-fixture-'));
	for (const [file, text] of Object.entries(files)) {
		mkdirSync(dirname(join(dir, file)), { recursive: true });
		writeFileSync(join(dir, file), text);
	}
	return dir;
}

function scan(dir: string) {
	const run = spawnSync(process.execPath, [join(root, 'scripts/lint/scan-package.mjs'), '--dir', dir], {
		cwd: root,
		encoding: 'utf8',
	});
	return { status: run.status, output: `${run.stdout}\n${run.stderr}` };
}

const manifest = {
	name: 'n8n-nodes-fixture',
	version: '1.0.0',
	description: 'Fixture',
	keywords: ['n8n-community-node-package'],
	license: 'MIT',
	homepage: 'https://example.com',
	author: { name: 'Fixture', email: 'fixture@example.com' },
	repository: { type: 'git', url: 'git+https://github.com/fixture/n8n-nodes-fixture.git' },
	bugs: { url: 'https://github.com/fixture/n8n-nodes-fixture/issues' },
	scripts: { prepublishOnly: 'npm run verify' },
	engines: { node: '>=20.15' },
	files: ['dist'],
	n8n: { n8nNodesApiVersion: 1, credentials: [], nodes: ['dist/nodes/Fixture/Fixture.node.js'] },
	peerDependencies: { 'n8n-workflow': '*' },
	devDependencies: { axios: '1.0.0' },
};

const cleanNode = `"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Fixture = void 0;
const n8n_workflow_1 = require("n8n-workflow");
const crypto_1 = require("crypto");
const util_1 = require("./util");
class Fixture {
    async execute() {
        await (0, n8n_workflow_1.sleep)(10);
        return [[{ json: { id: (0, crypto_1.randomUUID)(), x: (0, util_1.x)() }, pairedItem: { item: 0 } }]];
    }
}
exports.Fixture = Fixture;
`;

describe('check:package on an unpacked package', () => {
	const dirs: string[] = [];
	afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

	test('fails on restricted globals, a dependency import and stray files', () => {
		const dir = fixture({
			'package.json': JSON.stringify(manifest, null, 2),
			'README.md': '# Fixture\n',
			LICENSE: 'MIT\n',
			'src/index.ts': 'export {};\n',
			'dist/nodes/Fixture/Fixture.node.js': `"use strict";
const axios_1 = require("axios");
class Fixture {
    async execute() {
        await new Promise((r) => setTimeout(r, 10));
        const key = process.env.API_KEY;
        globalThis.cache = key;
        return [[{ json: (await axios_1.default.get(__dirname)).data }]];
    }
}
exports.Fixture = Fixture;
`,
		});
		dirs.push(dir);
		const { status, output } = scan(dir);
		expect(status).toBe(1);
		// n8n's scanner rules (the tarball leg) report the globals...
		expect(output).toMatch(/scanner \(tarball\): \d+ files, [1-9]\d* errors/);
		for (const name of ['setTimeout', 'process', 'globalThis', '__dirname']) {
			expect(output).toContain(`Use of restricted global '${name}'`);
		}
		// ...but let a devDependency through; our strict leg does not.
		expect(output).toMatch(/'axios' may not be imported by shipped code/);
		expect(output).toContain('src/index.ts is shipped');
		expect(output).toContain('check:package: FAILED');
	}, 120_000);

	test('passes a clean package that imports only n8n-workflow, crypto and relative paths', () => {
		const dir = fixture({
			'package.json': JSON.stringify(manifest, null, 2),
			'README.md': '# Fixture\n',
			LICENSE: 'MIT\n',
			'dist/nodes/Fixture/Fixture.node.js': cleanNode,
			'dist/nodes/Fixture/util.js': '"use strict";\nexports.x = () => 1;\n',
			'dist/nodes/Fixture/Fixture.node.json': '{}\n',
		});
		dirs.push(dir);
		const { status, output } = scan(dir);
		expect(output).toContain('✔ strict (tarball): 2 files, 0 errors, 0 warnings');
		expect(output).toContain('✔ contents (tarball)');
		expect(output).toContain('check:package: passed');
		expect(status).toBe(0);
	}, 120_000);
});
