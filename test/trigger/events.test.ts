import { ALL_EVENTS, createEventFilter, eventKey, parseEventList } from '../../nodes/LeadGenius/trigger/events';
import { normaliseBody } from '../../nodes/LeadGenius/trigger/normalisers';
import { heyreachConnectionAccepted, heyreachReply, heyreachUnknown, woodpeckerBounce, woodpeckerReplyBatch } from './fixtures';

describe('event filter', () => {
	it('"All Events" lets everything through, unknown events included', () => {
		const isSelected = createEventFilter([ALL_EVENTS]);
		expect(isSelected('MESSAGE_REPLY_RECEIVED')).toBe(true);
		expect(isSelected('LEAD_AUTO_TAGGED_INTERESTED')).toBe(true);
		expect(isSelected('unknown')).toBe(true);
		// "All" wins even when other events are ticked too
		expect(createEventFilter(['emailsReplied', ALL_EVENTS])('emailsBounced')).toBe(true);
	});

	it('lets only the selected events through', () => {
		const isSelected = createEventFilter(['CONNECTION_REQUEST_ACCEPTED', 'MESSAGE_REPLY_RECEIVED']);
		expect(isSelected('CONNECTION_REQUEST_ACCEPTED')).toBe(true);
		expect(isSelected('MESSAGE_REPLY_RECEIVED')).toBe(true);
		expect(isSelected('EVERY_MESSAGE_REPLY_RECEIVED')).toBe(false);
		expect(isSelected('MESSAGE_SENT')).toBe(false);
	});

	it('ignores case, "_" and "-" when matching (HeyReach subscribes upper case, sends lower case)', () => {
		const isSelected = createEventFilter(['MESSAGE_REPLY_RECEIVED', 'emailsReplied']);
		expect(isSelected('message_reply_received')).toBe(true);
		expect(isSelected('message-reply-received')).toBe(true);
		expect(isSelected('EMAILS_REPLIED')).toBe(true);
		expect(eventKey('Prospect_Replied')).toBe('prospectreplied');
	});

	it('adds the free-text event names', () => {
		const isSelected = createEventFilter(['prospect_replied'], parseEventList('campaign_completed, prospect_non_responsive'));
		expect(isSelected('prospect_replied')).toBe(true);
		expect(isSelected('campaign_completed')).toBe(true);
		expect(isSelected('prospect_non_responsive')).toBe(true);
		expect(isSelected('prospect_bounced')).toBe(false);
	});

	it('with nothing selected, lets nothing through', () => {
		expect(createEventFilter([])('prospect_replied')).toBe(false);
		expect(createEventFilter(undefined)('prospect_replied')).toBe(false);
		expect(createEventFilter([''], [''])('')).toBe(false);
	});

	it('accepts a single string (an expression that returns one name)', () => {
		expect(createEventFilter('prospect_replied')('prospect_replied')).toBe(true);
	});

	it('parses the free-text list (commas and new lines, blanks dropped)', () => {
		expect(parseEventList(' a, b ,,\nc\n')).toEqual(['a', 'b', 'c']);
		expect(parseEventList(undefined)).toEqual([]);
		expect(parseEventList(12)).toEqual([]);
	});
});

describe('filtering normalised events', () => {
	const receivedAt = new Date('2026-05-01T12:00:00Z');

	it('keeps the selected events of a mixed HeyReach stream', () => {
		const events = [heyreachReply, heyreachConnectionAccepted, heyreachUnknown].flatMap((body) =>
			normaliseBody('heyreach', body, receivedAt),
		);
		const isSelected = createEventFilter(['CONNECTION_REQUEST_ACCEPTED']);
		expect(events.filter((e) => isSelected(e.event)).map((e) => e.lead.lastName)).toEqual(['van der Berg']);
	});

	it('filters a Woodpecker batch element by element', () => {
		const batch = [...woodpeckerReplyBatch, ...woodpeckerBounce];
		const events = normaliseBody('woodpecker', batch, receivedAt);
		expect(events.filter((e) => createEventFilter(['prospect_bounced'])(e.event))).toHaveLength(1);
		expect(events.filter((e) => createEventFilter(['prospect_replied'])(e.event))).toHaveLength(2);
	});
});
