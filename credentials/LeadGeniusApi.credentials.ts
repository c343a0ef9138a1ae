import type {
	IAuthenticate,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { BASE_URL_EXPRESSION, normalizeBaseUrl } from './base-url';

/**
 * LeadGenius API credential: one type, three ways to sign in.
 *
 * - Email & Password: `preAuthentication` logs in with POST /api/auth and keeps the access token in
 *   the hidden, expirable `sessionToken` field; n8n calls it again when a request answers 401.
 * - Access Token: a pasted JWT, sent as a Bearer token.
 * - API Key: `x-api-key` + `x-user-id` headers (needed by the bulk extraction routes).
 *
 * Each mode sends only its own headers.
 */
export class LeadGeniusApi implements ICredentialType {
	name = 'leadGeniusApi';

	displayName = 'LeadGenius API';

	documentationUrl = 'https://github.com/leadgenius/n8n-nodes-leadgenius#credentials';

	icon = { light: 'file:leadgenius.svg', dark: 'file:leadgenius.dark.svg' } as const;

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://last.leadgenius.app',
			placeholder: 'https://last.leadgenius.app',
			description: 'Host root of the LeadGenius API, without the trailing /api',
			required: true,
		},
		{
			displayName: 'Authentication',
			name: 'authMode',
			type: 'options',
			options: [
				{
					name: 'Email & Password',
					value: 'password',
					description: 'Log in with your LeadGenius account; the 1-hour token is renewed automatically',
				},
				{
					name: 'Access Token',
					value: 'accessToken',
					description: 'Paste an access token (JWT) obtained elsewhere; it is not renewed',
				},
				{
					name: 'API Key',
					value: 'apiKey',
					description: 'Long-lived lgp_ API key plus your user ID; required for bulk extraction',
				},
			],
			default: 'password',
		},
		{
			displayName: 'Email',
			name: 'email',
			type: 'string',
			placeholder: 'name@example.com',
			default: '',
			required: true,
			displayOptions: { show: { authMode: ['password'] } },
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { authMode: ['password'] } },
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The accessToken returned by POST /api/auth (valid for one hour)',
			displayOptions: { show: { authMode: ['accessToken'] } },
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			placeholder: 'lgp_…',
			description: 'An API key created in LeadGenius (or with the node: API Key → Create)',
			displayOptions: { show: { authMode: ['apiKey'] } },
		},
		{
			displayName: 'User ID',
			name: 'userId',
			type: 'string',
			default: '',
			required: true,
			description:
				'Your user ID (the "sub" of your access token), sent as x-user-id with the API key',
			displayOptions: { show: { authMode: ['apiKey'] } },
		},
		{
			displayName: 'Agent API Path Prefix',
			name: 'agentPrefix',
			type: 'string',
			default: '/api/agent',
			description:
				'Path prefix of the Agent API routes (campaigns, analytics, maintenance, lead search, enrichment trigger). Older deployments use /api/agent, newer ones /api.',
		},
		{
			displayName: 'Webhook Signing Secret',
			name: 'webhookSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Optional. Shared secret used by the LeadGenius Trigger to verify inbound webhook events',
		},
		{
			displayName: 'Refresh Token',
			name: 'refreshToken',
			type: 'hidden',
			typeOptions: { password: true },
			default: '',
		},
		{
			displayName: 'Session Token',
			name: 'sessionToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];

	/**
	 * Email & Password mode: get a fresh access token. With a refresh token from the last login,
	 * try POST /api/auth/refresh first; when that is refused (or the server has no such route),
	 * log in again with POST /api/auth. Other modes need no session.
	 */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		if (credentials.authMode !== 'password' && credentials.authMode !== undefined) return {};
		const base = normalizeBaseUrl(credentials.baseUrl);
		const refreshToken = typeof credentials.refreshToken === 'string' ? credentials.refreshToken : '';
		if (refreshToken !== '') {
			try {
				const refreshed = (await this.helpers.httpRequest({
					method: 'POST',
					url: `${base}/api/auth/refresh`,
					body: { refreshToken },
					json: true,
				})) as IDataObject;
				const session = sessionFrom(refreshed, refreshToken);
				if (session) return session;
			} catch {
				// refresh refused or not supported: log in again below
			}
		}
		const email = String(credentials.email ?? '');
		let answer: IDataObject;
		try {
			answer = (await this.helpers.httpRequest({
				method: 'POST',
				url: `${base}/api/auth`,
				body: { username: email, password: credentials.password },
				json: true,
			})) as IDataObject;
		} catch (error) {
			throw new Error(loginFailureMessage(email, error));
		}
		const session = sessionFrom(answer, '');
		if (!session) throw new Error(`LeadGenius login for ${email} returned no access token`);
		return session;
	}

	authenticate: IAuthenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => {
		const headers: IDataObject = { ...(requestOptions.headers ?? {}) };
		const mode = credentials.authMode ?? 'password';
		if (mode === 'apiKey') {
			headers['x-api-key'] = credentials.apiKey;
			headers['x-user-id'] = credentials.userId;
		} else {
			const token = mode === 'accessToken' ? credentials.accessToken : credentials.sessionToken;
			headers.Authorization = `Bearer ${String(token ?? '')}`;
		}
		return { ...requestOptions, headers };
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: BASE_URL_EXPRESSION,
			url: '/api/webhook-workbench',
			method: 'GET',
		},
		// Email & Password fails earlier, in preAuthentication, with loginFailureMessage's wording;
		// these answer the API Key and Access Token modes (n8n shows the message of the matching code).
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'LeadGenius rejected the credential (HTTP 401): with API Key, check the key (lgp_…) and that the User ID is the key owner\'s; with Access Token, the token may have expired (tokens last one hour)',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'LeadGenius accepted the credential but refused access (HTTP 403): check that the account may use the API and that the Base URL is your LeadGenius server',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'LeadGenius API not found at this Base URL (HTTP 404): use the host root, e.g. https://last.leadgenius.app, without /api',
				},
			},
		],
	};
}

/** The session fields to keep from a login or refresh answer, or undefined without a token. */
function sessionFrom(answer: IDataObject, previousRefreshToken: string): IDataObject | undefined {
	const tokens = (answer?.tokens ?? {}) as IDataObject;
	const token = tokens.accessToken ?? answer?.accessToken ?? answer?.jwt_token;
	if (typeof token !== 'string' || token === '') return undefined;
	const refresh = tokens.refreshToken ?? answer?.refreshToken;
	return { sessionToken: token, refreshToken: typeof refresh === 'string' ? refresh : previousRefreshToken };
}

/** A login failure says what went wrong and for whom, never the password. */
function loginFailureMessage(email: string, error: unknown): string {
	const e = error as { response?: { status?: number; data?: IDataObject }; cause?: unknown };
	const response = e?.response ?? (e?.cause as { response?: typeof e.response })?.response;
	const status = response?.status;
	if (status === 401 || status === 403) {
		return `LeadGenius login failed for ${email}: wrong email or password`;
	}
	if (status === 400) return `LeadGenius login failed for ${email}: email and password are both required`;
	if (status) return `LeadGenius login failed for ${email}: the server answered HTTP ${status}`;
	const code = (error as { code?: string })?.code;
	return `LeadGenius login failed for ${email}: could not reach the server${code ? ` (${code})` : ''}`;
}
