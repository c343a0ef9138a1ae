import type { INodePropertyOptions } from 'n8n-workflow';

/** The four platforms of the LeadGenius webhook workbench (contract §3.7). */
export type Platform = 'generic' | 'heyreach' | 'woodpecker' | 'lemlist';

export interface NormalisedLead {
	email: string | null;
	firstName: string | null;
	lastName: string | null;
	companyName: string | null;
	linkedinUrl: string | null;
	title: string | null;
}

export interface NormalisedCampaign {
	/** Always a string (HeyReach and Woodpecker send numbers), or null when the event has no campaign. */
	id: string | null;
	name: string | null;
}

/** One inbound event, whatever platform sent it. This is the json of each output item. */
export interface NormalisedEvent {
	/** The platform's own event name (canonical spelling of the Events list), or `unknown`. */
	event: string;
	platform: Platform;
	/** ISO-8601; from the payload when it carries a date, else the time the request was received. */
	occurredAt: string;
	lead: NormalisedLead;
	campaign: NormalisedCampaign;
	/** The event exactly as the platform sent it (one element of a batch). */
	raw: unknown;
}

/** Describes one platform: its events, how its batches split, how one event maps to the shared shape. */
export interface PlatformNormaliser {
	platform: Platform;
	displayName: string;
	/** Events offered in the node's Events list (values are the platform's own names). */
	events: INodePropertyOptions[];
	/** One request body (already parsed JSON) to the list of single events it carries. */
	split(body: unknown): unknown[];
	/** One event to the shared shape. `receivedAt` is the fallback for `occurredAt`. */
	normalise(raw: unknown, receivedAt: Date): NormalisedEvent;
	/** The body to send when forwarding this one event to a LeadGenius workbench URL of the same platform. */
	toNativeBody(raw: unknown): unknown;
}
