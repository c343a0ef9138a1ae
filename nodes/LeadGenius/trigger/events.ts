/** The Events option value that lets every event through, known or not. */
export const ALL_EVENTS = '*';

/**
 * Comparison key of an event name: lower case, letters and digits only. HeyReach subscribes with
 * `MESSAGE_REPLY_RECEIVED` but sends `message_reply_received`; both give `messagereplyreceived`.
 */
export function eventKey(name: string): string {
	return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** `"a, b\nc"` → `['a', 'b', 'c']` (the free-text "Additional Event Names" option). */
export function parseEventList(text: unknown): string[] {
	if (typeof text !== 'string') return [];
	return text
		.split(/[,\n]/)
		.map((name) => name.trim())
		.filter((name) => name !== '');
}

export type EventFilter = (event: string) => boolean;

/**
 * The event filter of one node: `selected` are the values ticked in the Events list (`*` = all),
 * `additional` are extra names typed by the user (for events this package does not list).
 * Nothing selected lets nothing through.
 */
export function createEventFilter(selected: unknown, additional: string[] = []): EventFilter {
	const names = (Array.isArray(selected) ? selected : [selected]).filter(
		(name): name is string => typeof name === 'string',
	);
	if (names.includes(ALL_EVENTS)) return () => true;
	const keys = new Set([...names, ...additional].map(eventKey).filter((key) => key !== ''));
	return (event) => keys.has(eventKey(event));
}
