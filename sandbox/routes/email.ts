/**
 * §3.12 E-mail services — POST /api/email-validate, POST /api/email-verify.
 * Decided by rules, never by DNS/SMTP:
 *   bad syntax → invalid; domain invalid.test or *.invalid → no MX (invalid);
 *   catchall.test → catch_all; unknown.test → unknown; local part starting with "bounce" → invalid mailbox.
 */
import { invalidFormat, missingField } from '../errors';
import { ok, type RouteDef } from '../http';
import { bodyObject } from '../validate';

const FORMAT = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

export interface EmailVerdict {
	email: string;
	formatValid: boolean;
	hasMx: boolean;
	status: 'valid' | 'invalid' | 'catch_all' | 'unknown';
	reason: string | null;
}

export function judgeEmail(raw: string): EmailVerdict {
	const email = raw.trim();
	const formatValid = FORMAT.test(email) && !email.includes('..') && email.length <= 254;
	if (!formatValid) return { email, formatValid, hasMx: false, status: 'invalid', reason: 'invalid_format' };
	const [local, domainRaw] = email.split('@');
	const domain = domainRaw.toLowerCase();
	const hasMx = domain !== 'invalid.test' && !domain.endsWith('.invalid');
	if (!hasMx) return { email, formatValid, hasMx, status: 'invalid', reason: 'no_mx_records' };
	if (domain === 'catchall.test') return { email, formatValid, hasMx, status: 'catch_all', reason: 'accepts_all_addresses' };
	if (domain === 'unknown.test') return { email, formatValid, hasMx, status: 'unknown', reason: 'smtp_timeout' };
	if (local.toLowerCase().startsWith('bounce')) return { email, formatValid, hasMx, status: 'invalid', reason: 'mailbox_not_found' };
	return { email, formatValid, hasMx, status: 'valid', reason: null };
}

function emailOf(body: unknown): string {
	const b = bodyObject(body);
	if (b.email === undefined || b.email === null || b.email === '') throw missingField('email');
	if (typeof b.email !== 'string') throw invalidFormat("Field 'email' must be a string");
	return b.email;
}

export const emailRoutes: RouteDef[] = [
	{
		method: 'POST',
		path: '/api/email-validate',
		auth: 'user',
		company: false,
		handler: (req) => {
			const v = judgeEmail(emailOf(req.body));
			// The fast check only looks at syntax and MX.
			const isValid = v.formatValid && v.hasMx;
			const reason = v.formatValid ? (v.hasMx ? null : v.reason) : v.reason;
			return ok({ success: true, email: v.email, isValid, formatValid: v.formatValid, hasMx: v.hasMx, reason });
		},
	},
	{
		method: 'POST',
		path: '/api/email-verify',
		auth: 'user',
		company: false,
		handler: (req) => {
			const v = judgeEmail(emailOf(req.body));
			return ok({
				success: true,
				email: v.email,
				status: v.status,
				mx: v.hasMx,
				smtp: v.status === 'valid' || v.status === 'catch_all',
				catchAll: v.status === 'catch_all',
				reason: v.reason,
			});
		},
	},
];
