import type { INodeProperties } from 'n8n-workflow';

import { ALL_EVENTS } from './events';
import { DEFAULT_FORWARD_TIMEOUT_SECONDS } from './forward';
import { DEFAULT_MAX_BODY_KB, DEFAULT_REPLAY_WINDOW_SECONDS } from './handler';
import { normalisers, platforms } from './normalisers';

const verifying = { verification: ['sharedSecret', 'hmacSha256'] };

/** One Events list per source (`genericEvents`, `heyreachEvents`, …), generated from the registry. */
const eventLists: INodeProperties[] = platforms.map((platform) => ({
	displayName: 'Events',
	name: `${platform}Events`,
	type: 'multiOptions',
	required: true,
	default: [ALL_EVENTS],
	description:
		'Which events start the workflow; other events are answered with 200 and start nothing. Events not listed here pass only with "All Events" or Options → Additional Event Names.',
	options: [
		{ name: 'All Events', value: ALL_EVENTS, description: 'Every event, including ones not listed here' },
		...normalisers[platform].events,
	],
	displayOptions: { show: { source: [platform] } },
}));

export const triggerProperties: INodeProperties[] = [
	{
		displayName:
			'Paste the webhook URL above into the platform’s webhook settings (Woodpecker: its webhooks/subscribe API). HeyReach, Woodpecker and lemlist do not sign requests: add ?secret=… to the URL and choose Shared Secret below. Use the test URL while building, the production URL once the workflow is active.',
		name: 'setupNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Source',
		name: 'source',
		type: 'options',
		noDataExpression: true,
		default: 'generic',
		description: 'The platform that calls this webhook; decides how its payload is read',
		options: platforms.map((platform) => ({
			name: normalisers[platform].displayName,
			value: platform,
		})),
	},
	...eventLists,
	{
		displayName: 'Verification',
		name: 'verification',
		type: 'options',
		noDataExpression: true,
		default: 'none',
		description: 'How a request proves it comes from your sender. A failed check answers 401 and starts nothing.',
		options: [
			{
				name: 'None',
				value: 'none',
				description: 'Accept every request that reaches the URL',
			},
			{
				name: 'Shared Secret',
				value: 'sharedSecret',
				description:
					'The sender repeats a secret in a header or in the URL (?secret=…). Use this for HeyReach, Woodpecker and lemlist, which do not sign.',
			},
			{
				name: 'HMAC-SHA256 Signature',
				value: 'hmacSha256',
				description: 'The sender signs the raw body (and a timestamp) with the secret',
			},
		],
	},
	{
		displayName: 'Secret Source',
		name: 'secretSource',
		type: 'options',
		noDataExpression: true,
		default: 'parameter',
		description: 'Where the secret is kept',
		options: [
			{
				name: 'This Node',
				value: 'parameter',
				description: 'Type the secret in the Secret field below',
			},
			{
				name: 'LeadGenius Credential',
				value: 'credential',
				description: 'Use the "Webhook Signing Secret" of a LeadGenius API credential',
			},
		],
		displayOptions: { show: verifying },
	},
	{
		displayName: 'Secret',
		name: 'secret',
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: '',
		description: 'The shared secret or HMAC key. It is never logged or output.',
		displayOptions: { show: { ...verifying, secretSource: ['parameter'] } },
	},
	{
		displayName: 'Secret Location',
		name: 'secretLocation',
		type: 'options',
		default: 'headerOrQuery',
		description: 'Where the request carries the secret',
		options: [
			{ name: 'Header or Query Parameter', value: 'headerOrQuery' },
			{ name: 'Header Only', value: 'header' },
			{ name: 'Query Parameter Only', value: 'query' },
		],
		displayOptions: { show: { verification: ['sharedSecret'] } },
	},
	{
		displayName: 'Secret Header Name',
		name: 'headerName',
		type: 'string',
		default: 'x-leadgenius-secret',
		description: 'Header that carries the secret (case-insensitive)',
		displayOptions: { show: { verification: ['sharedSecret'], secretLocation: ['headerOrQuery', 'header'] } },
	},
	{
		displayName: 'Secret Query Parameter',
		name: 'queryParameterName',
		type: 'string',
		default: 'secret',
		description: 'Query parameter that carries the secret: add ?secret=… to the URL you paste into the platform',
		displayOptions: { show: { verification: ['sharedSecret'], secretLocation: ['headerOrQuery', 'query'] } },
	},
	{
		displayName: 'Signature Header Name',
		name: 'signatureHeaderName',
		type: 'string',
		default: 'x-leadgenius-signature',
		description: 'Header that carries the HMAC-SHA256 signature (case-insensitive)',
		displayOptions: { show: { verification: ['hmacSha256'] } },
	},
	{
		displayName: 'Signature Encoding',
		name: 'signatureEncoding',
		type: 'options',
		default: 'hex',
		description: 'How the sender writes the 32-byte digest',
		options: [
			{ name: 'Hex', value: 'hex', description: '64 hexadecimal characters' },
			{ name: 'Base64', value: 'base64', description: '44 characters (standard or URL-safe alphabet)' },
		],
		displayOptions: { show: { verification: ['hmacSha256'] } },
	},
	{
		displayName: 'Signature Prefix',
		name: 'signaturePrefix',
		type: 'string',
		default: '',
		placeholder: 'sha256=',
		description: 'Text the sender puts before the digest, if any',
		displayOptions: { show: { verification: ['hmacSha256'] } },
	},
	{
		displayName: 'Timestamp Header Name',
		name: 'timestampHeaderName',
		type: 'string',
		default: 'x-leadgenius-timestamp',
		description:
			'Header with the send time (Unix seconds, milliseconds or ISO-8601). The signature then covers "&lt;timestamp&gt;.&lt;raw body&gt;" and old or repeated requests are refused. Leave empty to sign the raw body alone, without replay protection.',
		displayOptions: { show: { verification: ['hmacSha256'] } },
	},
	{
		displayName: 'Replay Window (Seconds)',
		name: 'replayWindowSeconds',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: DEFAULT_REPLAY_WINDOW_SECONDS,
		description: 'How far the timestamp may be from now, either way',
		displayOptions: { show: { verification: ['hmacSha256'] } },
	},
	{
		displayName: 'Forward to LeadGenius',
		name: 'forward',
		type: 'boolean',
		default: false,
		description:
			'Whether to also POST each accepted event, in the platform’s own format, to a LeadGenius webhook workbench URL, so LeadGenius keeps ingesting while n8n reacts. A failed forward is reported in the item’s "forward" field; the event is not dropped.',
	},
	{
		displayName: 'Workbench Webhook URL',
		name: 'forwardUrl',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'https://last.leadgenius.app/api/webhooks/inbound/…?key=…',
		description:
			'The "webhookUrl" LeadGenius gave when the inbound webhook was created (Webhook → Create / Get Many). Create it for the same platform as Source.',
		displayOptions: { show: { forward: [true] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Additional Event Names',
				name: 'additionalEvents',
				type: 'string',
				default: '',
				placeholder: 'e.g. LEAD_AUTO_TAGGED_INTERESTED, customEvent',
				description:
					'Comma-separated event names that also start the workflow, for events the Events list does not offer. Matching ignores case, "_" and "-".',
			},
			{
				displayName: 'Forward Timeout (Seconds)',
				name: 'forwardTimeoutSeconds',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: DEFAULT_FORWARD_TIMEOUT_SECONDS,
				description: 'How long to wait for the workbench before reporting the forward as failed',
			},
			{
				displayName: 'Max Body Size (KB)',
				name: 'maxBodySizeKb',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: DEFAULT_MAX_BODY_KB,
				description: 'Larger requests are refused with 413 and start nothing',
			},
		],
	},
];
