import type { NormalisedEvent, PlatformNormaliser } from '../types';
import { makeLead, pickDate, pickRecord, pickString, splitArray } from '../util';

/**
 * Woodpecker (cold e-mail). Woodpecker batches: every request body is a JSON array (up to 100 objects)
 * of `{ method, prospect { email, first_name, last_name, company, title, linkedin_url, campaign_id,
 * campaign_name, … }, email?, timestamp, firm_id }`; each element becomes one item. Woodpecker does
 * not sign its webhooks; protect the URL with a shared secret in the query string. Event names: the
 * `method` values of developers.woodpecker.co/docs/webhooks (see docs/trigger.md).
 */
export const woodpecker: PlatformNormaliser = {
	platform: 'woodpecker',
	displayName: 'Woodpecker',
	events: [
		{ name: 'Email Opened', value: 'email_opened' },
		{ name: 'Email Sent', value: 'campaign_sent', description: 'Woodpecker sent a campaign e-mail to a prospect' },
		{ name: 'Follow-Up After Autoreply', value: 'followup_after_autoreply' },
		{ name: 'Link Clicked', value: 'link_clicked' },
		{ name: 'Prospect Autoreplied', value: 'prospect_autoreplied' },
		{ name: 'Prospect Blacklisted', value: 'prospect_blacklisted', description: 'Unsubscribed or marked Blacklist' },
		{ name: 'Prospect Bounced', value: 'prospect_bounced' },
		{ name: 'Prospect Interested', value: 'prospect_interested' },
		{ name: 'Prospect Invalid', value: 'prospect_invalid' },
		{ name: 'Prospect Maybe Later', value: 'prospect_maybe_later' },
		{ name: 'Prospect Not Interested', value: 'prospect_not_interested' },
		{ name: 'Prospect Replied', value: 'prospect_replied' },
		{ name: 'Prospect Saved', value: 'prospect_saved', description: 'A prospect was added or updated' },
		{
			name: 'Secondary Replied',
			value: 'secondary_replied',
			description: 'Someone else answered from another address',
		},
	],
	split: splitArray,
	normalise(raw, receivedAt): NormalisedEvent {
		const prospect = pickRecord(raw, 'prospect') ?? {};
		const sent = pickString(raw, 'method', 'event', 'type');
		return {
			event: sent === null ? 'unknown' : sent.toLowerCase(),
			platform: 'woodpecker',
			occurredAt: pickDate(raw, 'timestamp', 'email.date') ?? receivedAt.toISOString(),
			lead: makeLead({
				email: pickString(prospect, 'email'),
				firstName: pickString(prospect, 'first_name'),
				lastName: pickString(prospect, 'last_name'),
				companyName: pickString(prospect, 'company'),
				linkedinUrl: pickString(prospect, 'linkedin_url'),
				title: pickString(prospect, 'title'),
			}),
			campaign: {
				id: pickString(prospect, 'campaign_id') ?? pickString(raw, 'campaign_id'),
				name: pickString(prospect, 'campaign_name') ?? pickString(raw, 'campaign_name'),
			},
			raw,
		};
	},
	// Woodpecker's own format is an array, so a forwarded single event keeps that shape.
	toNativeBody: (raw) => [raw],
};
