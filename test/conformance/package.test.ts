/**
 * The published package, as `npm pack` would ship it (dist/ must be built: `npm test` builds
 * first). The same checks run in `npm run check:package`, next to n8n's scanner.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import type { ICredentialType, INodeType } from 'n8n-workflow';

import { checkPackage, checkPackageAt, iconFiles, outputSchemas, packList, TOP_LEVEL } from '../../scripts/lint/package-contents';

const root = resolve(__dirname, '../..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** Categories n8n's node panel knows (codex `categories`). */
const N8N_CATEGORIES = [
	'AI',
	'Analytics',
	'Communication',
	'Core Nodes',
	'Data & Storage',
	'Development',
	'Finance & Accounting',
	'HITL',
	'Marketing',
	'Miscellaneous',
	'Productivity',
	'Sales',
	'Utility',
];

let files: string[];
beforeAll(() => {
	files = packList(root);
});

const load = <T>(file: string): T => require(resolve(root, file)) as T;
const nodeFiles = (): string[] => pkg.n8n.nodes;
const credentialFiles = (): string[] => pkg.n8n.credentials;

describe('npm pack', () => {
	test('ships only dist/, README.md, LICENSE and package.json', () => {
		const topLevel = [...new Set(files.map((f) => (f.includes('/') ? `${f.split('/')[0]}/` : f)))].sort();
		expect(topLevel).toEqual(['dist/', ...TOP_LEVEL].sort());
		expect(files.filter((f) => /\.(ts|map)$/.test(f) || /(^|\/)(test|sandbox|bench|e2e)\//.test(f))).toEqual([]);
	});

	test('passes every package rule (no runtime dependencies, peer n8n-workflow, engines, n8n files, icons, codex)', () => {
		expect(checkPackageAt(root, files)).toEqual([]);
	});

	test('the package rules catch what they are for', () => {
		const bad = {
			...pkg,
			dependencies: { axios: '1.0.0' },
			peerDependencies: {},
			engines: undefined,
			author: { name: 'Someone', email: 'eng@leadgenius.invalid' },
			bugs: undefined,
			main: 'index.js',
			scripts: { ...pkg.scripts, prepublishOnly: undefined },
			repository: undefined,
			n8n: { ...pkg.n8n, nodes: [...pkg.n8n.nodes, 'dist/nodes/Missing/Missing.node.js'] },
		};
		const problems = checkPackage(bad, [...files, 'src/index.ts', 'dist/nodes/LeadGenius/LeadGenius.node.js.map']);
		expect(problems).toEqual(
			expect.arrayContaining([
				expect.stringContaining('src/index.ts is shipped'),
				expect.stringContaining('LeadGenius.node.js.map is shipped'),
				expect.stringContaining('dependencies (1)'),
				expect.stringContaining('peerDependencies'),
				expect.stringContaining('engines.node'),
				expect.stringContaining('dist/nodes/Missing/Missing.node.js, which is not in the tarball'),
				expect.stringContaining('author needs a reachable email'),
				expect.stringContaining('must state bugs'),
				expect.stringContaining('main is "index.js"'),
				expect.stringContaining('prepublishOnly'),
				expect.stringContaining('GitHub repository'),
			]),
		);
	});

	test('ships the output schemas (nodes/**/__schema__), and misses none', () => {
		const schemas = outputSchemas(root);
		expect(schemas).toEqual(expect.arrayContaining(['dist/nodes/LeadGenius/__schema__/v2.0.0/lead/get.json', 'dist/nodes/LeadGenius/__schema__/v1.0.0.json']));
		for (const file of schemas) expect(files).toContain(file);
		const missing = checkPackage(pkg, files.filter((f) => f !== schemas[0]), undefined, schemas);
		expect(missing).toEqual([`output schema ${schemas[0]} is not in the tarball (gulpfile.js copies nodes/**/__schema__)`]);
	});

	test('package.json states what n8n needs', () => {
		expect(pkg.dependencies ?? {}).toEqual({});
		expect(pkg.peerDependencies).toHaveProperty('n8n-workflow');
		expect(pkg.engines?.node).toMatch(/\d/);
		expect(pkg.keywords).toContain('n8n-community-node-package');
		expect(pkg.n8n.n8nNodesApiVersion).toBe(1);
		expect(pkg.files).toEqual(['dist']);
	});
});

describe('node polish', () => {
	test.each(nodeFiles())('%s has a codex file for n8n\'s node panel', (file) => {
		const codex = JSON.parse(readFileSync(resolve(root, file.replace(/^dist\//, '').replace(/\.js$/, '.json')), 'utf8'));
		for (const Type of Object.values(load<Record<string, new () => INodeType>>(file))) {
			const { description } = new Type();
			expect(codex.node).toBe(`${pkg.name}.${description.name}`);
			const versions = Array.isArray(description.version) ? description.version : [description.version];
			expect(codex.nodeVersion).toBe(`${Math.max(...versions)}.0`);
		}
		expect(codex.codexVersion).toBe('1.0');
		expect(codex.categories.length).toBeGreaterThan(0);
		for (const category of codex.categories) expect(N8N_CATEGORIES).toContain(category);
		expect(codex.categories).toEqual(expect.arrayContaining(['Sales', 'Marketing']));
		expect(codex.resources.primaryDocumentation[0].url).toMatch(/^https:\/\//);
		expect(codex.resources.credentialDocumentation[0].url).toMatch(/^https:\/\//);
	});

	test.each([...nodeFiles(), ...credentialFiles()])('%s has distinct light and dark SVG icons', (file) => {
		for (const Type of Object.values(load<Record<string, new () => INodeType | ICredentialType>>(file))) {
			const instance = new Type();
			const icon = 'description' in instance ? instance.description.icon : (instance as ICredentialType).icon;
			expect(icon).toEqual({ light: expect.stringMatching(/^file:.+\.svg$/), dark: expect.stringMatching(/^file:.+\.dark\.svg$/) });
			const [light, dark] = iconFiles(file, icon).map((f) => readFileSync(resolve(root, f), 'utf8'));
			for (const svg of [light, dark]) {
				expect(svg).toMatch(/^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
				expect(svg).toMatch(/viewBox="0 0 60 60"/);
				expect(svg).not.toMatch(/<image|<script|href="(?!#)/);
			}
			expect(light).not.toBe(dark);
		}
	});

	test.each(credentialFiles())('%s links to its documentation', (file) => {
		for (const Type of Object.values(load<Record<string, new () => ICredentialType>>(file))) {
			expect(new Type().documentationUrl).toMatch(/^https:\/\/.+/);
		}
	});

	test.each(nodeFiles())('%s starts at version 1 (see docs/versioning.md)', (file) => {
		for (const Type of Object.values(load<Record<string, new () => INodeType>>(file))) {
			const { description } = new Type();
			const versions = Array.isArray(description.version) ? description.version : [description.version];
			expect(versions).toContain(1);
		}
	});
});
