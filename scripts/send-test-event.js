#!/usr/bin/env node
'use strict';
/**
 * `npm run send-test-event`: fires the webhook example ("inbound reply → find lead → SDR AI") of a
 * running `npm start` with a correctly signed `reply_received` event for a real sandbox lead.
 *
 *   npm run send-test-event                  # the first sandbox lead with an e-mail
 *   npm run send-test-event -- --email x@y   # another lead of the sandbox
 *   npm run send-test-event -- --print       # print a signed curl command instead of sending
 *
 * A printed command is valid for the trigger's replay window (5 minutes by default) and once:
 * the trigger refuses a signature it has already accepted.
 */
const crypto = require('node:crypto');
const path = require('node:path');
const lib = require('./n8n/lib');
const { SESSION_FILE } = require('./n8n/project');

function parseArgs(argv) {
	const o = { email: undefined, print: false };
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].split(/=(.*)/s, 2);
		if (flag === '--email') o.email = inline !== undefined ? inline : argv[++i];
		else if (flag === '--print') o.print = true;
		else if (flag === '--help' || flag === '-h') o.help = true;
		else throw new Error(`unknown option ${argv[i]} (see --help)`);
	}
	return o;
}

const shellQuote = (s) => `'${String(s).replace(/'/g, `'\\''`)}'`;

async function main() {
	const opts = parseArgs(process.argv.slice(2));
	if (opts.help) {
		console.log('npm run send-test-event [-- --email <lead e-mail>] [-- --print]');
		return;
	}
	const session = lib.readJson(path.join(lib.PROJECT_ROOT, SESSION_FILE));
	if (!session) throw new Error('no running npm start found (it writes .n8n-user/session.json): run npm start first');
	if (!lib.pidAlive(session.pid)) throw new Error(`the npm start that wrote ${SESSION_FILE} (PID ${session.pid}) is gone: run npm start again`);
	const trigger = session.triggers[0];
	if (!trigger) throw new Error('no active example with a LeadGenius Trigger in this npm start');
	const sb = session.sandbox;

	let email = opts.email;
	if (!email) {
		// A real lead of the sandbox's demo client, read with the sandbox API key.
		const res = await lib.httpRequest(`${sb.url}/api/leads?client_id=${encodeURIComponent(sb.clientId)}&limit=20`, {
			headers: { 'x-api-key': sb.apiKey, 'x-user-id': sb.userId },
		});
		if (res.status !== 200) throw new Error(`the sandbox answered HTTP ${res.status} for its leads: ${res.text.slice(0, 200)}`);
		const leads = res.json.leads || res.json.data || res.json.items || [];
		const lead = leads.find((l) => typeof l.email === 'string' && l.email !== '');
		if (!lead) throw new Error(`the sandbox client ${sb.clientId} has no lead with an e-mail`);
		email = lead.email;
	}
	const body = JSON.stringify({ event: 'reply_received', lead: { email }, message: 'Sounds good, let us talk next week' });
	const timestamp = String(Math.floor(Date.now() / 1000));
	const signature = crypto.createHmac('sha256', session.webhookSecret).update(`${timestamp}.${body}`).digest('hex');
	const headers = { 'content-type': 'application/json', 'x-leadgenius-timestamp': timestamp, 'x-leadgenius-signature': signature };

	console.log(`signed reply_received for ${email} → "${trigger.node}" of "${trigger.workflow}"`);
	if (!opts.print) {
		const res = await lib.httpRequest(trigger.url, { method: 'POST', body, headers, timeoutMs: 30000 });
		console.log(`n8n answered HTTP ${res.status}: ${res.text.slice(0, 300)}`);
		console.log(`see the run in n8n: ${session.n8nUrl} → the workflow → Executions`);
		if (res.status !== 200) process.exitCode = 1;
		return;
	}
	console.log('(valid for 5 minutes, once)\n');
	console.log(
		`curl -sS -X POST ${shellQuote(trigger.url)} \\\n` +
			Object.entries(headers)
				.map(([k, v]) => `  -H ${shellQuote(`${k}: ${v}`)} \\\n`)
				.join('') +
			`  --data-raw ${shellQuote(body)}\n`,
	);
}

main().catch((err) => {
	console.error(`send-test-event: ${err.message}`);
	process.exit(1);
});
