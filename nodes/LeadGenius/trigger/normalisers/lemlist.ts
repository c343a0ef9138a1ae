import type { NormalisedEvent, PlatformNormaliser } from '../types';
import { makeLead, pickDate, pickString, splitArray } from '../util';

/**
 * lemlist (multichannel outreach). A lemlist webhook body is one activity object:
 * `{ _id, type, createdAt, campaignId, campaignName, leadId, leadEmail, leadFirstName, leadLastName,
 * leadCompanyName, linkedinUrl, jobTitle, sequenceStep, isFirst, … }` (lead fields are also copied
 * without the `lead` prefix). lemlist does not sign its webhooks; protect the URL with a shared secret
 * in the query string. Event names: the `type` enum of lemlist's webhook object
 * (developer.lemlist.com, objects-definitions/webhook); see docs/trigger.md.
 */
export const lemlist: PlatformNormaliser = {
	platform: 'lemlist',
	displayName: 'lemlist',
	events: [
		{ name: 'Aircall Call Created', value: 'aircallCreated' },
		{ name: 'Aircall Call Ended', value: 'aircallEnded' },
		{ name: 'Aircall Done', value: 'aircallDone' },
		{ name: 'Aircall Interested', value: 'aircallInterested' },
		{ name: 'Aircall Not Interested', value: 'aircallNotInterested' },
		{ name: 'API Interested', value: 'apiInterested' },
		{ name: 'API Not Interested', value: 'apiNotInterested' },
		{ name: 'API Step Done', value: 'apiDone' },
		{ name: 'API Step Failed', value: 'apiFailed' },
		{ name: 'Call Recording Done', value: 'callRecordingDone' },
		{ name: 'Call Transcript Done', value: 'callTranscriptDone' },
		{ name: 'Campaign Complete', value: 'campaignComplete' },
		{ name: 'Custom Domain Errors', value: 'customDomainErrors' },
		{ name: 'Email Bounced', value: 'emailsBounced' },
		{ name: 'Email Clicked', value: 'emailsClicked' },
		{ name: 'Email Failed', value: 'emailsFailed' },
		{ name: 'Email Interested', value: 'emailsInterested' },
		{ name: 'Email Not Interested', value: 'emailsNotInterested' },
		{ name: 'Email Opened', value: 'emailsOpened' },
		{ name: 'Email Replied', value: 'emailsReplied' },
		{ name: 'Email Send Failed', value: 'emailsSendFailed' },
		{ name: 'Email Sent', value: 'emailsSent' },
		{ name: 'Email Unsubscribed', value: 'emailsUnsubscribed' },
		{ name: 'Enrichment Done', value: 'enrichmentDone' },
		{ name: 'Enrichment Error', value: 'enrichmentError' },
		{ name: 'Inbox Label Updated', value: 'inboxLabelUpdated' },
		{ name: 'Lead Annotated', value: 'annotated' },
		{ name: 'Lead Attracted', value: 'attracted' },
		{ name: 'Lead Contacted', value: 'contacted' },
		{ name: 'Lead Hooked', value: 'hooked' },
		{ name: 'Lead Interested', value: 'interested' },
		{ name: 'Lead Not Interested', value: 'notInterested' },
		{ name: 'Lead Paused', value: 'paused' },
		{ name: 'Lead Resumed', value: 'resumed' },
		{ name: 'Lead Skipped', value: 'skipped' },
		{ name: 'Lead Warmed', value: 'warmed' },
		{ name: 'Lemwarm Paused', value: 'lemwarmPaused' },
		{ name: 'LinkedIn Interested', value: 'linkedinInterested' },
		{ name: 'LinkedIn Invite Accepted', value: 'linkedinInviteAccepted' },
		{ name: 'LinkedIn Invite Failed', value: 'linkedinInviteFailed' },
		{ name: 'LinkedIn Invite Sent', value: 'linkedinInviteDone' },
		{ name: 'LinkedIn Message Sent', value: 'linkedinSent' },
		{ name: 'LinkedIn Not Interested', value: 'linkedinNotInterested' },
		{ name: 'LinkedIn Profile Visited', value: 'linkedinVisitDone' },
		{ name: 'LinkedIn Replied', value: 'linkedinReplied' },
		{ name: 'LinkedIn Send Failed', value: 'linkedinSendFailed' },
		{ name: 'LinkedIn Visit Failed', value: 'linkedinVisitFailed' },
		{ name: 'LinkedIn Voice Note Failed', value: 'linkedinVoiceNoteFailed' },
		{ name: 'LinkedIn Voice Note Sent', value: 'linkedinVoiceNoteDone' },
		{ name: 'Mailbox Connection Issue', value: 'connectionIssue' },
		{ name: 'Manual Step Interested', value: 'manualInterested' },
		{ name: 'Manual Step Not Interested', value: 'manualNotInterested' },
		{ name: 'Opportunity Done', value: 'opportunitiesDone' },
		{ name: 'Send Limit Reached', value: 'sendLimitReached' },
	],
	split: splitArray,
	normalise(raw, receivedAt): NormalisedEvent {
		return {
			event: pickString(raw, 'type', 'event') ?? 'unknown',
			platform: 'lemlist',
			occurredAt: pickDate(raw, 'createdAt', 'date', 'timestamp') ?? receivedAt.toISOString(),
			lead: makeLead({
				email: pickString(raw, 'leadEmail', 'email'),
				firstName: pickString(raw, 'leadFirstName', 'firstName'),
				lastName: pickString(raw, 'leadLastName', 'lastName'),
				companyName: pickString(raw, 'leadCompanyName', 'companyName'),
				linkedinUrl: pickString(raw, 'leadLinkedinUrl', 'linkedinUrl', 'linkedInUrl', 'linkedinPublicUrl'),
				title: pickString(raw, 'leadJobTitle', 'jobTitle', 'title', 'position'),
			}),
			campaign: {
				id: pickString(raw, 'campaignId'),
				name: pickString(raw, 'campaignName'),
			},
			raw,
		};
	},
	toNativeBody: (raw) => raw,
};
