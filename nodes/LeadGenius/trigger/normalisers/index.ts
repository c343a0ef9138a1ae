import type { NormalisedEvent, Platform, PlatformNormaliser } from '../types';
import { eventKey } from '../events';
import { generic } from './generic';
import { heyreach } from './heyreach';
import { lemlist } from './lemlist';
import { woodpecker } from './woodpecker';

/** The registry: one normaliser per workbench platform, in the order the Source option lists them. */
export const normalisers: Record<Platform, PlatformNormaliser> = { generic, heyreach, woodpecker, lemlist };

export const platforms = Object.keys(normalisers) as Platform[];

export function isPlatform(value: unknown): value is Platform {
	return typeof value === 'string' && Object.prototype.hasOwnProperty.call(normalisers, value);
}

export function getNormaliser(platform: Platform): PlatformNormaliser {
	return normalisers[platform];
}

/** A sent event name spelled as the Events list spells it when it is a known event (case/separator-insensitive). */
function canonicalEventName(normaliser: PlatformNormaliser, sent: string): string {
	const key = eventKey(sent);
	const known = normaliser.events.find((option) => eventKey(String(option.value)) === key);
	return known ? String(known.value) : sent;
}

/** A parsed request body to the normalised events it carries (a batch gives several). */
export function normaliseBody(platform: Platform, body: unknown, receivedAt: Date): NormalisedEvent[] {
	const normaliser = getNormaliser(platform);
	return normaliser.split(body).map((raw) => {
		const normalised = normaliser.normalise(raw, receivedAt);
		return { ...normalised, event: canonicalEventName(normaliser, normalised.event) };
	});
}
