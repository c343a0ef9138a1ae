import type { NormalisedEvent, PlatformNormaliser } from '../types';
import { eventOptions, getPath, isRecord, makeLead, pickDate, pickRecord, pickString } from '../util';

/**
 * LeadGenius (generic). The workbench's `generic` platform accepts any JSON, so this normaliser reads
 * LeadGenius' own lead field names first (`email`, `firstName`, `lastName`, `companyName`, `linkedinUrl`,
 * `title`, as in contract §3.0), then common snake_case / alternative spellings, either inside a `lead`
 * (or `contact`, `prospect`) object or at the top level. Batches: a JSON array, or `{ "events": [...] }`.
 * The event names below are a proposed vocabulary; any other name passes through unchanged.
 */
export const generic: PlatformNormaliser = {
	platform: 'generic',
	displayName: 'LeadGenius (Generic)',
	events: eventOptions(
		'lower',
		'Connection Accepted',
		'Email Bounced',
		'Email Opened',
		'Email Sent',
		'Interested',
		'Lead Created',
		'Lead Updated',
		'Link Clicked',
		'Meeting Booked',
		'Not Interested',
		'Reply Received',
		'Unsubscribed',
	),
	split(body) {
		if (Array.isArray(body)) return body;
		const events = getPath(body, 'events');
		if (Array.isArray(events)) return events;
		return [body];
	},
	normalise(raw, receivedAt): NormalisedEvent {
		const lead = pickRecord(raw, 'lead', 'contact', 'prospect') ?? (isRecord(raw) ? raw : {});
		const campaign = getPath(raw, 'campaign');
		return {
			event: pickString(raw, 'event', 'type', 'eventType', 'event_type', 'action', 'method') ?? 'unknown',
			platform: 'generic',
			occurredAt:
				pickDate(raw, 'occurredAt', 'occurred_at', 'timestamp', 'createdAt', 'created_at', 'date', 'time') ??
				receivedAt.toISOString(),
			lead: makeLead({
				email:
					pickString(lead, 'email', 'emailAddress', 'email_address') ?? pickString(raw, 'leadEmail', 'lead_email'),
				firstName: pickString(lead, 'firstName', 'first_name') ?? pickString(raw, 'leadFirstName'),
				lastName: pickString(lead, 'lastName', 'last_name') ?? pickString(raw, 'leadLastName'),
				fullName: pickString(lead, 'fullName', 'full_name', 'contactName'),
				companyName:
					pickString(lead, 'companyName', 'company_name', 'company') ?? pickString(raw, 'leadCompanyName'),
				linkedinUrl: pickString(lead, 'linkedinUrl', 'linkedin_url', 'linkedInUrl', 'profileUrl', 'profile_url'),
				title: pickString(lead, 'title', 'jobTitle', 'job_title', 'position'),
			}),
			campaign: {
				id: pickString(raw, 'campaign.id', 'campaignId', 'campaign_id'),
				name:
					typeof campaign === 'string' && campaign.trim() !== ''
						? campaign.trim()
						: pickString(raw, 'campaign.name', 'campaignName', 'campaign_name'),
			},
			raw,
		};
	},
	toNativeBody: (raw) => raw,
};
