'use strict';
/**
 * What this project puts into an n8n user folder: the sandbox credentials, the owner account and
 * the examples/ workflows. Shared by `npm start` and the e2e suite.
 */
const fs = require('node:fs');
const path = require('node:path');
const { PROJECT_ROOT } = require('./lib');

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

module.exports = {
	CREDENTIAL_IDS,
	CREDENTIALS,
	OWNER,
	SANDBOX_WEBHOOK_SECRET,
	buildCredentials,
	loadExamples,
	examplesToActivate,
	EXAMPLES_DIR,
};
