import type { NormalisedEvent, PlatformNormaliser } from '../types';
import { eventOptions, getPath, makeLead, pickDate, pickRecord, pickString, splitArray } from '../util';

/**
 * HeyReach (LinkedIn outreach). HeyReach does not sign its webhooks; protect the URL with a shared secret
 * in the query string. Event names: the `eventType` values of HeyReach's CreateWebhook API; payloads
 * carry them in `event_type` (lower case, e.g. `every_message_reply_received`). Body: snake_case —
 * `lead { profile_url, first_name, last_name, full_name, company_name, position, email_address }`,
 * `campaign { id, name }`, `sender`, `recent_messages[] { creation_time, message, is_reply }`,
 * `conversation_id`, `timestamp`. Sources are listed in docs/trigger.md.
 */
export const heyreach: PlatformNormaliser = {
	platform: 'heyreach',
	displayName: 'HeyReach',
	events: eventOptions(
		'upper',
		'Campaign Completed',
		'Connection Request Accepted',
		'Connection Request Sent',
		{ name: 'Every Message Reply Received', description: 'Every LinkedIn reply, in or out of a campaign' },
		'Follow Sent',
		'InMail Reply Received',
		'InMail Sent',
		'Lead Tag Updated',
		'Liked Post',
		{ name: 'Message Reply Received', description: 'A reply to a campaign message' },
		'Message Sent',
		'Viewed Profile',
	),
	split: splitArray,
	normalise(raw, receivedAt): NormalisedEvent {
		const lead = pickRecord(raw, 'lead', 'leadProfile', 'leadData') ?? {};
		const sent = pickString(raw, 'event_type', 'eventType', 'type', 'event');
		const messages = getPath(raw, 'recent_messages');
		const lastMessage = Array.isArray(messages) ? messages[messages.length - 1] : undefined;
		return {
			event: sent === null ? 'unknown' : sent.toUpperCase(),
			platform: 'heyreach',
			occurredAt:
				pickDate(raw, 'timestamp', 'event_time', 'eventTime', 'created_at', 'createdAt') ??
				pickDate(lastMessage, 'creation_time', 'creationTime') ??
				receivedAt.toISOString(),
			lead: makeLead({
				email: pickString(
					lead,
					'email_address',
					'emailAddress',
					'enriched_email',
					'enrichedEmail',
					'custom_email',
					'customEmail',
					'email',
				),
				firstName: pickString(lead, 'first_name', 'firstName'),
				lastName: pickString(lead, 'last_name', 'lastName'),
				fullName: pickString(lead, 'full_name', 'fullName'),
				companyName: pickString(lead, 'company_name', 'companyName'),
				linkedinUrl: pickString(lead, 'profile_url', 'profileUrl', 'linkedin_url', 'linkedInUrl', 'linkedinUrl'),
				title: pickString(lead, 'position', 'title', 'headline'),
			}),
			campaign: {
				id: pickString(raw, 'campaign.id', 'campaign_id', 'campaignId'),
				name: pickString(raw, 'campaign.name', 'campaign_name', 'campaignName'),
			},
			raw,
		};
	},
	toNativeBody: (raw) => raw,
};
