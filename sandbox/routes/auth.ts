/** §3.1 Auth — POST /api/auth, POST /api/auth/refresh. */
import { ApiError, invalidFormat, missingField } from '../errors';
import { ok, type RouteDef } from '../http';
import { bodyObject } from '../validate';

const loginFailed = (): ApiError =>
	new ApiError('no_valid_credentials', 'Invalid username or password', {
		recommendation: 'Check the e-mail address and password of your LeadGenius account.',
	});

export const authRoutes: RouteDef[] = [
	{
		method: 'POST',
		path: '/api/auth',
		auth: 'none',
		handler: (req, { store, tokens }) => {
			const b = bodyObject(req.body);
			// `email` is accepted as an alias of `username` (§5 A14).
			const username = b.username ?? b.email;
			if (username === undefined || username === null || username === '') throw missingField('username');
			if (b.password === undefined || b.password === null || b.password === '') throw missingField('password');
			if (typeof username !== 'string' || typeof b.password !== 'string') {
				throw invalidFormat('username and password must be strings');
			}
			const user = store.findUserByEmail(username);
			if (!user || user.password !== b.password || user.status !== 'active') throw loginFailed();
			return ok({ success: true, tokens: tokens.issue(user) });
		},
	},
	{
		method: 'POST',
		path: '/api/auth/refresh',
		auth: 'none',
		handler: (req, { store, tokens }) => {
			const b = bodyObject(req.body);
			const token = b.refreshToken;
			if (token === undefined || token === null || token === '') throw missingField('refreshToken');
			if (typeof token !== 'string') throw invalidFormat('refreshToken must be a string');
			const entry = store.refreshTokens.get(token);
			const user = entry ? store.getUser(entry.userId) : undefined;
			if (!user || user.status !== 'active') {
				throw new ApiError('no_valid_tokens', 'Invalid or revoked refresh token', {
					recommendation: 'Log in again with POST /api/auth.',
				});
			}
			return ok({ success: true, tokens: tokens.issue(user, token) });
		},
	},
];
