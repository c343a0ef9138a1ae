'use strict';
/**
 * What this project puts into an n8n user folder: the sandbox credentials, the owner account and
 * the examples/ workflows. Shared by `npm start` and the e2e suite.
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const lib = require('./lib');

const { PROJECT_ROOT } = lib;

/** Credential IDs the examples/ workflows refer to (node → credentials → leadGeniusApi → id). */
const CREDENTIAL_IDS = {
	apiKey: 'lgSandboxApiKey1',
	password: 'lgSandboxPasswd1',
};

const CREDENTIALS = [
	{ id: CREDENTIAL_IDS.apiKey, name: 'LeadGenius Sandbox (API key)', authMode: 'apiKey' },
	{ id: CREDENTIAL_IDS.password, name: 'LeadGenius Sandbox (email & password)', authMode: 'password' },
];

/**
 * The "Webhook Signing Secret" of the sandbox API-key credential: the LeadGenius Trigger of the
 * inbound-reply example verifies HMAC-SHA256 signatures with it (secretSource: credential).
 */
const SANDBOX_WEBHOOK_SECRET = process.env.LEADGENIUS_WEBHOOK_SECRET || 'sandbox-webhook-signing-secret';

/** The n8n owner account created on first start (n8n wants 8+ chars, a digit and a capital). */
const OWNER = {
	email: process.env.LEADGENIUS_N8N_OWNER_EMAIL || 'owner@example.com',
	password: process.env.LEADGENIUS_N8N_OWNER_PASSWORD || 'LeadGenius1!',
	firstName: 'Lead',
	lastName: 'Genius',
};

/**
 * `leadGeniusApi` credentials for a sandbox, from its start-up JSON
 * ({ url, email, password, apiKey, userId, … }), in the array form `n8n import:credentials` reads
 * (plain `data`: n8n encrypts it on import).
 */
function buildCredentials(sb, { only } = {}) {
	return CREDENTIALS.filter((c) => !only || only.includes(c.authMode)).map((c) => ({
		id: c.id,
		name: c.name,
		type: 'leadGeniusApi',
		data:
			c.authMode === 'apiKey'
				? { baseUrl: sb.url, authMode: 'apiKey', apiKey: sb.apiKey, userId: sb.userId, webhookSecret: SANDBOX_WEBHOOK_SECRET }
				: { baseUrl: sb.url, authMode: 'password', email: sb.email, password: sb.password },
	}));
}

const EXAMPLES_DIR = path.join(PROJECT_ROOT, 'examples');

/** examples/*.json, parsed, in file-name order. */
function loadExamples(dir = EXAMPLES_DIR) {
	if (!fs.existsSync(dir)) return [];
	return fs
		.readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((f) => ({ file: f, ...JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) }))
		.map(({ file, ...wf }) => {
			if (!wf.id) throw new Error(`examples/${file} has no "id" (needed so re-imports replace it)`);
			return wf;
		});
}

/** Examples that start from a webhook-style trigger: activated on import so their production URL works. */
function examplesToActivate(examples) {
	return examples.filter((wf) => wf.nodes.some((n) => /\.leadGeniusTrigger$/.test(n.type))).map((wf) => wf.id);
}

/** What the running `npm start` tells `npm run send-test-event` (git-ignored, under .n8n-user/). */
const SESSION_FILE = path.join('.n8n-user', 'session.json');

/** Where syncExamples remembers what it imported, in the n8n user folder. */
const EXAMPLES_STATE_FILE = 'leadgenius-examples.json';

/** JSON with sorted keys, so two equal workflows compare equal whatever their key order. */
function canonical(value) {
	if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
	if (value && typeof value === 'object') {
		return `{${Object.keys(value)
			.sort()
			.filter((k) => value[k] !== undefined)
			.map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`)
			.join(',')}}`;
	}
	return JSON.stringify(value);
}

const sha256 = (text) => crypto.createHash('sha256').update(text).digest('hex');

/**
 * Imports the examples/ workflows without overwriting a user's edits (n8n 2.x autosaves): an
 * example is imported when it is absent, or when it is unchanged since we imported it (same
 * versionId in the database as recorded then; n8n gives a workflow a new versionId on every
 * save) and examples/ has a newer version of it. Edited ones are kept as they are. The record,
 * { <id>: { fileHash, versionId, importedAt } }, lives in <user folder>/leadgenius-examples.json.
 * A workflow from before this record existed counts as unchanged when its nodes and connections
 * equal the example's. Activates (`activate` IDs) only what it imported.
 * Returns { imported, current, kept }: the workflows in each case.
 */
function syncExamples(inst, env, examples, { activate = [] } = {}) {
	const stateFile = path.join(env.N8N_USER_FOLDER, EXAMPLES_STATE_FILE);
	const state = lib.readJson(stateFile) || {};
	const inDb = new Map(lib.readWorkflows(inst, env, examples.map((w) => w.id)).map((r) => [r.id, r]));
	const imported = [];
	const current = [];
	const kept = [];
	for (const wf of examples) {
		const row = inDb.get(wf.id);
		const record = state[wf.id];
		const fileHash = sha256(canonical(wf));
		if (!row) {
			imported.push(wf);
			continue;
		}
		const untouched = record
			? record.versionId === row.versionId
			: canonical({ nodes: row.nodes, connections: row.connections }) === canonical({ nodes: wf.nodes, connections: wf.connections });
		if (!untouched) kept.push(wf);
		else if (record && record.fileHash === fileHash) current.push(wf);
		else imported.push(wf);
	}
	if (imported.length) lib.importWorkflows(inst, env, imported);
	const toActivate = activate.filter((id) => imported.some((w) => w.id === id));
	if (toActivate.length) lib.activateWorkflows(inst, env, toActivate);
	const recorded = [...imported, ...current];
	const after = new Map(lib.readWorkflows(inst, env, recorded.map((w) => w.id)).map((r) => [r.id, r]));
	for (const wf of recorded) {
		const row = after.get(wf.id);
		if (!row) continue;
		const keep = state[wf.id] && current.includes(wf) ? state[wf.id].importedAt : new Date().toISOString();
		state[wf.id] = { fileHash: sha256(canonical(wf)), versionId: row.versionId, importedAt: keep };
	}
	lib.writeJson(stateFile, state);
	return { imported, current, kept };
}

module.exports = {
	CREDENTIAL_IDS,
	CREDENTIALS,
	OWNER,
	SANDBOX_WEBHOOK_SECRET,
	buildCredentials,
	loadExamples,
	examplesToActivate,
	syncExamples,
	SESSION_FILE,
	EXAMPLES_STATE_FILE,
	EXAMPLES_DIR,
};
