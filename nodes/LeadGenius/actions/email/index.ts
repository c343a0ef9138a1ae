import { requestOperation } from '../builders';
import { required } from '../fields';
import type { Resource } from '../types';

/** §3.12 E-mail services: rows 46–47. Side-effect free, so safe to retry like a read. */

const email = required('email', 'Email', {
	placeholder: 'name@email.com',
	description: 'The address to check (sent as typed: a malformed address is reported by LeadGenius, not refused here)',
});

export const emailResource: Resource = {
	value: 'email',
	name: 'Email',
	description: 'Validate and verify email addresses',
	operations: [
		requestOperation({
			value: 'validate',
			name: 'Validate',
			action: 'Validate an email address',
			description: 'Fast check of an address: format and MX records',
			method: 'POST',
			path: '/api/email-validate',
			idempotent: true,
			properties: [email],
			read: (p) => ({ email: p.str('email', { required: true }) }),
		}),
		requestOperation({
			value: 'verify',
			name: 'Verify',
			action: 'Verify an email address',
			description: 'Deep check of an address: MX lookup, SMTP handshake and catch-all detection',
			method: 'POST',
			path: '/api/email-verify',
			idempotent: true,
			properties: [email],
			read: (p) => ({ email: p.str('email', { required: true }) }),
		}),
	],
};
