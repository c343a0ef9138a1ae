/**
 * Sample webhook bodies, written from each platform's public documentation and from payloads
 * published by people who receive them (sources in docs/trigger.md). Names and addresses are invented.
 */

/** HeyReach: a LinkedIn reply (EVERY_MESSAGE_REPLY_RECEIVED subscription); snake_case, lower-case event_type. */
export const heyreachReply = {
	is_inmail: false,
	recent_messages: [
		{ creation_time: '2026-01-28T16:20:00Z', message: 'Hi Jane, open to a quick chat about LeadGenius?', is_reply: false },
		{ creation_time: '2026-01-28T16:28:01Z', message: 'Sure, send me a calendar link.', is_reply: true },
	],
	conversation_id: '2-ODYwNmVkNDItYWE0Zi00ZjEx',
	campaign: { name: 'Q1 VP Sales DACH', id: 98765, status: 'IN_PROGRESS' },
	sender: {
		id: 110357,
		first_name: 'Artem',
		last_name: 'Morozov',
		full_name: 'Artem Morozov',
		email_address: 'artem@leadgenius.example',
		profile_url: 'https://www.linkedin.com/in/artem-morozov',
	},
	lead: {
		id: '918418165',
		profile_url: 'https://www.linkedin.com/in/jane-doe-42',
		first_name: 'Jane',
		last_name: 'Doe',
		full_name: 'Jane Doe',
		location: 'Berlin, Germany',
		company_name: 'Acme GmbH',
		company_url: 'https://www.linkedin.com/company/acme',
		position: 'VP Sales',
		email_address: 'jane.doe@acme.example',
		tags: ['warm'],
		lists: [{ id: 12, name: 'DACH VPs' }],
	},
	timestamp: '2026-01-28T16:28:03Z',
	event_type: 'every_message_reply_received',
	correlation_id: 'a1b2c3d4-0000-4c4c-9d9d-123456789abc',
};

/** HeyReach: an accepted connection; the lead only has a full name and no e-mail, no timestamp. */
export const heyreachConnectionAccepted = {
	campaign: { name: 'Founders UK', id: 4242 },
	sender: { id: 2001, first_name: 'Sam', full_name: 'Sam Seller' },
	lead: {
		id: 'ACoAAB12345',
		profile_url: 'https://www.linkedin.com/in/tom-van-der-berg',
		full_name: 'Tom van der Berg',
		company_name: 'Berg Analytics Ltd',
		position: 'Founder & CEO',
	},
	event_type: 'connection_request_accepted',
};

/** HeyReach: an event this package does not list (passes through with "All Events"). */
export const heyreachUnknown = {
	lead: { profile_url: 'https://www.linkedin.com/in/x', first_name: 'Ana', last_name: 'Lopes' },
	event_type: 'lead_auto_tagged_interested',
	timestamp: '2026-02-01T09:00:00Z',
};

/** Woodpecker prospect fields common to every event (developers.woodpecker.co/docs/webhooks). */
function woodpeckerProspect(overrides: Record<string, unknown> = {}) {
	return {
		id: 1234567890,
		email: 'erlich@bachmanity.example',
		first_name: 'Erlich',
		last_name: 'Bachman',
		company: 'Bachmanity',
		website: 'https://bachmanity.example',
		linkedin_url: 'https://linkedin.com/in/erlich-bachman',
		tags: '#VISIONARY',
		title: 'CEO',
		phone: '+1 987-654-321',
		city: 'Palo Alto',
		country: 'United States',
		snippet1: 'You are running a successful startup incubator',
		snippet_labels: { 'my snippet label': 'You are running a successful startup incubator' },
		industry: 'IT',
		last_contacted: '2026-03-20T14:32:34+0100',
		status: 'REPLIED',
		in_campaign: 2,
		emails_sent: 3,
		imported: 'saasinamerica.csv',
		interested: 'INTERESTED',
		campaign_id: 123456,
		campaign_name: 'SaaS in America',
		campaign_email: 'jared.dunn@piedpiper.example',
		campaign_emails: ['jared.dunn@piedpiper.example'],
		campaign_email_sent: 2,
		step: 2,
		step_type: 'EMAIL',
		followup_after: '2026-03-22T00:00:00+0100',
		...overrides,
	};
}

/** Woodpecker: a batch of two replies (Woodpecker always sends an array, up to 100 objects). */
export const woodpeckerReplyBatch = [
	{
		method: 'prospect_replied',
		prospect: woodpeckerProspect(),
		email: {
			id: 191867492,
			mail_id: 123321,
			subject: 'Re: quick question',
			sender: 'Erlich from Bachmanity',
			email: 'erlich@bachmanity.example',
			date: '2026-03-21T20:47:40+0100',
			message: 'Interesting, tell me more.',
		},
		timestamp: '2026-03-21T20:47:47+0100',
		firm_id: 456789,
	},
	{
		method: 'prospect_replied',
		prospect: woodpeckerProspect({
			id: 1234567891,
			email: 'monica@raviga.example',
			first_name: 'Monica',
			last_name: 'Hall',
			company: 'Raviga',
			title: 'Partner',
			linkedin_url: '',
		}),
		email: { id: 191867493, subject: 'Re: quick question', date: '2026-03-21T20:48:00+0100', message: 'Not now.' },
		timestamp: '2026-03-21T20:48:05+0100',
		firm_id: 456789,
	},
];

/** Woodpecker: a bounce, outside any campaign data (campaign fields empty, as the docs allow). */
export const woodpeckerBounce = [
	{
		method: 'prospect_bounced',
		prospect: woodpeckerProspect({
			email: 'gone@defunct.example',
			first_name: '',
			last_name: '',
			company: '',
			title: '',
			status: 'BOUNCED',
			campaign_id: '',
			campaign_name: '',
		}),
		timestamp: '2026-03-22T08:00:00+0100',
		firm_id: 456789,
	},
];

/** lemlist: one activity object (fields as in lemlist's activity schema). */
export const lemlistReply = {
	_id: 'act_aBcD1234efGH5678',
	type: 'emailsReplied',
	isFirst: true,
	stopped: true,
	createdAt: '2026-03-25T20:55:49.877Z',
	bot: false,
	teamId: 'tea_abc123',
	leadId: 'lea_def456',
	campaignId: 'cam_ghi789',
	sequenceId: 'seq_jkl012',
	sequenceStep: 1,
	totalSequenceStep: 4,
	createdBy: 'usr_mno345',
	sendUserId: 'usr_mno345',
	sendUserName: 'Jai Toor',
	name: 'Jai Toor',
	leadFirstName: 'John',
	leadLastName: 'Doe',
	leadCompanyName: 'Acme Inc',
	contactId: 'ctc_pqr678',
	firstName: 'John',
	lastName: 'Doe',
	linkedinUrl: 'https://www.linkedin.com/in/johndoe',
	companyName: 'Acme Inc',
	jobTitle: 'Head of Growth',
	campaignName: 'GTM Engineering Copy',
	emailTemplateId: 'etp_stu901',
	leadEmail: 'john@acme.example',
	email: 'john@acme.example',
	subject: 'Re: scaling outbound at Acme',
	text: 'Hey, sounds interesting! Tell me more.',
	messagePreview: 'Hey, sounds interesting!',
	relatedSentAt: '2026-03-24T09:00:00.000Z',
};

/** lemlist: LinkedIn invitation accepted (no e-mail on the lead). */
export const lemlistInviteAccepted = {
	_id: 'act_zz99',
	type: 'linkedinInviteAccepted',
	createdAt: '2026-03-26T10:15:00.000Z',
	campaignId: 'cam_ghi789',
	campaignName: 'GTM Engineering Copy',
	leadId: 'lea_uvw234',
	leadFirstName: 'Priya',
	leadLastName: 'Nair',
	linkedinUrl: 'https://www.linkedin.com/in/priya-nair',
	sequenceStep: 0,
};

/** LeadGenius (generic): LeadGenius' own lead field names. */
export const genericReply = {
	event: 'reply_received',
	occurredAt: '2026-04-02T11:30:00.000Z',
	client_id: 'acme-corp',
	lead: {
		email: 'li.wei@example.org',
		firstName: 'Li',
		lastName: 'Wei',
		companyName: 'Example Org',
		linkedinUrl: 'https://www.linkedin.com/in/liwei',
		title: 'CTO',
	},
	campaign: { id: 'cmp-001', name: 'Spring launch' },
	message: 'Happy to talk next week.',
};

/** LeadGenius (generic): flat snake_case body, epoch-seconds timestamp, numeric campaign id. */
export const genericFlat = {
	type: 'email_bounced',
	timestamp: 1775476800,
	email_address: 'bounce@example.net',
	first_name: 'Bo',
	last_name: 'Unce',
	company_name: 'Example Net',
	job_title: 'Ops',
	campaign_id: 77,
	campaign_name: 'Winter',
};
