import { getNormaliser, isPlatform, normaliseBody, normalisers, platforms } from '../../nodes/LeadGenius/trigger/normalisers';
import { pickDate, splitFullName, toIsoDate } from '../../nodes/LeadGenius/trigger/util';
import {
	genericFlat,
	genericReply,
	heyreachConnectionAccepted,
	heyreachReply,
	heyreachUnknown,
	lemlistInviteAccepted,
	lemlistReply,
	woodpeckerBounce,
	woodpeckerReplyBatch,
} from './fixtures';

const receivedAt = new Date('2026-05-01T12:00:00.000Z');

describe('HeyReach normaliser', () => {
	it('maps a reply (snake_case body, lower-case event_type) to the shared shape', () => {
		expect(normaliseBody('heyreach', heyreachReply, receivedAt)).toEqual([
			{
				event: 'EVERY_MESSAGE_REPLY_RECEIVED',
				platform: 'heyreach',
				occurredAt: '2026-01-28T16:28:03.000Z',
				lead: {
					email: 'jane.doe@acme.example',
					firstName: 'Jane',
					lastName: 'Doe',
					companyName: 'Acme GmbH',
					linkedinUrl: 'https://www.linkedin.com/in/jane-doe-42',
					title: 'VP Sales',
				},
				campaign: { id: '98765', name: 'Q1 VP Sales DACH' },
				raw: heyreachReply,
			},
		]);
	});

	it('splits a full name, keeps missing fields null and falls back to the receipt time', () => {
		const [event] = normaliseBody('heyreach', heyreachConnectionAccepted, receivedAt);
		expect(event.event).toBe('CONNECTION_REQUEST_ACCEPTED');
		expect(event.occurredAt).toBe(receivedAt.toISOString());
		expect(event.lead).toEqual({
			email: null,
			firstName: 'Tom',
			lastName: 'van der Berg',
			companyName: 'Berg Analytics Ltd',
			linkedinUrl: 'https://www.linkedin.com/in/tom-van-der-berg',
			title: 'Founder & CEO',
		});
		expect(event.campaign).toEqual({ id: '4242', name: 'Founders UK' });
	});

	it('uses the last message time when the body has no timestamp', () => {
		const { timestamp: _omit, ...withoutTimestamp } = heyreachReply;
		const [event] = normaliseBody('heyreach', withoutTimestamp, receivedAt);
		expect(event.occurredAt).toBe('2026-01-28T16:28:01.000Z');
	});

	it('passes an unknown event through with its name and raw body', () => {
		const [event] = normaliseBody('heyreach', heyreachUnknown, receivedAt);
		expect(event.event).toBe('LEAD_AUTO_TAGGED_INTERESTED');
		expect(event.raw).toBe(heyreachUnknown);
		expect(event.lead.firstName).toBe('Ana');
	});

	it('reads the camelCase variant some senders use', () => {
		const [event] = normaliseBody(
			'heyreach',
			{
				eventType: 'MESSAGE_REPLY_RECEIVED',
				lead: { firstName: 'Jo', lastName: 'Ko', emailAddress: 'jo@ko.example', profileUrl: 'https://linkedin.com/in/joko', companyName: 'Ko' },
				campaignId: 5,
			},
			receivedAt,
		);
		expect(event.event).toBe('MESSAGE_REPLY_RECEIVED');
		expect(event.lead).toMatchObject({ email: 'jo@ko.example', firstName: 'Jo', lastName: 'Ko', linkedinUrl: 'https://linkedin.com/in/joko' });
		expect(event.campaign).toEqual({ id: '5', name: null });
	});

	it('calls an event-less body "unknown"', () => {
		expect(normaliseBody('heyreach', { lead: {} }, receivedAt)[0].event).toBe('unknown');
	});
});

describe('Woodpecker normaliser', () => {
	it('turns a batch (JSON array) into one event per element', () => {
		const events = normaliseBody('woodpecker', woodpeckerReplyBatch, receivedAt);
		expect(events).toHaveLength(2);
		expect(events[0]).toEqual({
			event: 'prospect_replied',
			platform: 'woodpecker',
			occurredAt: '2026-03-21T19:47:47.000Z',
			lead: {
				email: 'erlich@bachmanity.example',
				firstName: 'Erlich',
				lastName: 'Bachman',
				companyName: 'Bachmanity',
				linkedinUrl: 'https://linkedin.com/in/erlich-bachman',
				title: 'CEO',
			},
			campaign: { id: '123456', name: 'SaaS in America' },
			raw: woodpeckerReplyBatch[0],
		});
		expect(events[1].lead).toEqual({
			email: 'monica@raviga.example',
			firstName: 'Monica',
			lastName: 'Hall',
			companyName: 'Raviga',
			linkedinUrl: null,
			title: 'Partner',
		});
		expect(events[1].raw).toBe(woodpeckerReplyBatch[1]);
	});

	it('turns empty strings into null (campaign-less bounce)', () => {
		const [event] = normaliseBody('woodpecker', woodpeckerBounce, receivedAt);
		expect(event.event).toBe('prospect_bounced');
		expect(event.occurredAt).toBe('2026-03-22T07:00:00.000Z');
		expect(event.lead).toEqual({
			email: 'gone@defunct.example',
			firstName: null,
			lastName: null,
			companyName: null,
			linkedinUrl: 'https://linkedin.com/in/erlich-bachman',
			title: null,
		});
		expect(event.campaign).toEqual({ id: null, name: null });
	});

	it('accepts a single object (older API 1.0 samples) and an empty batch', () => {
		expect(normaliseBody('woodpecker', woodpeckerReplyBatch[0], receivedAt)).toHaveLength(1);
		expect(normaliseBody('woodpecker', [], receivedAt)).toEqual([]);
	});

	it('forwards a single event in Woodpecker’s own (array) format', () => {
		expect(getNormaliser('woodpecker').toNativeBody(woodpeckerReplyBatch[0])).toEqual([woodpeckerReplyBatch[0]]);
	});
});

describe('lemlist normaliser', () => {
	it('maps an emailsReplied activity', () => {
		expect(normaliseBody('lemlist', lemlistReply, receivedAt)).toEqual([
			{
				event: 'emailsReplied',
				platform: 'lemlist',
				occurredAt: '2026-03-25T20:55:49.877Z',
				lead: {
					email: 'john@acme.example',
					firstName: 'John',
					lastName: 'Doe',
					companyName: 'Acme Inc',
					linkedinUrl: 'https://www.linkedin.com/in/johndoe',
					title: 'Head of Growth',
				},
				campaign: { id: 'cam_ghi789', name: 'GTM Engineering Copy' },
				raw: lemlistReply,
			},
		]);
	});

	it('maps a LinkedIn invite acceptance without e-mail', () => {
		const [event] = normaliseBody('lemlist', lemlistInviteAccepted, receivedAt);
		expect(event.event).toBe('linkedinInviteAccepted');
		expect(event.lead).toEqual({
			email: null,
			firstName: 'Priya',
			lastName: 'Nair',
			companyName: null,
			linkedinUrl: 'https://www.linkedin.com/in/priya-nair',
			title: null,
		});
	});

	it('spells a known event the way the Events list does, whatever the case', () => {
		expect(normaliseBody('lemlist', { ...lemlistReply, type: 'EMAILSREPLIED' }, receivedAt)[0].event).toBe('emailsReplied');
		expect(normaliseBody('lemlist', { ...lemlistReply, type: 'someNewType' }, receivedAt)[0].event).toBe('someNewType');
	});
});

describe('LeadGenius (generic) normaliser', () => {
	it('reads LeadGenius lead field names inside "lead"', () => {
		expect(normaliseBody('generic', genericReply, receivedAt)).toEqual([
			{
				event: 'reply_received',
				platform: 'generic',
				occurredAt: '2026-04-02T11:30:00.000Z',
				lead: {
					email: 'li.wei@example.org',
					firstName: 'Li',
					lastName: 'Wei',
					companyName: 'Example Org',
					linkedinUrl: 'https://www.linkedin.com/in/liwei',
					title: 'CTO',
				},
				campaign: { id: 'cmp-001', name: 'Spring launch' },
				raw: genericReply,
			},
		]);
	});

	it('reads a flat snake_case body with an epoch timestamp', () => {
		const [event] = normaliseBody('generic', genericFlat, receivedAt);
		expect(event).toMatchObject({
			event: 'email_bounced',
			occurredAt: '2026-04-06T12:00:00.000Z',
			lead: { email: 'bounce@example.net', firstName: 'Bo', lastName: 'Unce', companyName: 'Example Net', linkedinUrl: null, title: 'Ops' },
			campaign: { id: '77', name: 'Winter' },
		});
	});

	it('splits arrays and { events: [...] } into one event each', () => {
		expect(normaliseBody('generic', [genericReply, genericFlat], receivedAt).map((e) => e.event)).toEqual([
			'reply_received',
			'email_bounced',
		]);
		expect(normaliseBody('generic', { events: [genericFlat, genericReply] }, receivedAt).map((e) => e.event)).toEqual([
			'email_bounced',
			'reply_received',
		]);
	});

	it('takes a campaign given as a plain string as its name', () => {
		expect(normaliseBody('generic', { event: 'x', campaign: 'Autumn' }, receivedAt)[0].campaign).toEqual({ id: null, name: 'Autumn' });
	});

	it('keeps unknown events and non-object elements of a batch', () => {
		const events = normaliseBody('generic', [{ event: 'custom.thing' }, 42], receivedAt);
		expect(events[0].event).toBe('custom.thing');
		expect(events[1]).toMatchObject({ event: 'unknown', raw: 42, occurredAt: receivedAt.toISOString() });
	});
});

describe('registry and helpers', () => {
	it('has one normaliser per workbench platform, each with unique event values', () => {
		expect(platforms).toEqual(['generic', 'heyreach', 'woodpecker', 'lemlist']);
		for (const platform of platforms) {
			const values = normalisers[platform].events.map((option) => option.value);
			expect(new Set(values).size).toBe(values.length);
			expect(values).not.toContain('*');
		}
		expect(isPlatform('heyreach')).toBe(true);
		expect(isPlatform('toString')).toBe(false);
	});

	it('parses the date formats the platforms send', () => {
		expect(toIsoDate('2026-03-21T20:47:47+0100')).toBe('2026-03-21T19:47:47.000Z');
		expect(toIsoDate('2026-03-21T20:47:47+01:00')).toBe('2026-03-21T19:47:47.000Z');
		expect(toIsoDate(1775476800)).toBe('2026-04-06T12:00:00.000Z');
		expect(toIsoDate(1775476800000)).toBe('2026-04-06T12:00:00.000Z');
		expect(toIsoDate('1775476800')).toBe('2026-04-06T12:00:00.000Z');
		expect(toIsoDate('not a date')).toBeNull();
		expect(toIsoDate('May')).toBeNull();
		expect(toIsoDate('')).toBeNull();
		expect(pickDate({ a: 'x', b: '2026-01-01' }, 'a', 'b')).toBe('2026-01-01T00:00:00.000Z');
	});

	it('splits full names', () => {
		expect(splitFullName('Cher')).toEqual({ firstName: 'Cher', lastName: null });
		expect(splitFullName('  Ana  Maria Lopes ')).toEqual({ firstName: 'Ana', lastName: 'Maria Lopes' });
		expect(splitFullName(null)).toEqual({ firstName: null, lastName: null });
	});
});
