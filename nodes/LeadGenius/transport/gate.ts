import { sleep } from 'n8n-workflow';

/** The window Max Requests per Minute counts in. */
const WINDOW_MS = 60_000;

/** Releases the slot a request took once its answer (or failure) is in. */
export type Release = () => void;

/**
 * The one rate-limit gate of an execution, shared by every request its LeadGeniusClient sends
 * (per-item lanes and batch chunks alike):
 *
 * - **Pause**: a 429 anywhere pauses every sender until the time the server named (Retry-After /
 *   X-RateLimit-Reset), so the other in-flight lanes do not walk into the same wall.
 * - **Pacing** (Max Requests per Minute, 0 = off): a request takes a slot when it is sent and
 *   gives it back 60 s after its answer arrived. At most `perMinute` slots are taken at any time,
 *   so however the server counts — fixed windows or a sliding one, from when a request arrives —
 *   no 60 s stretch sees more than `perMinute` requests: a request arrives at the server between
 *   its send and its answer, which both lie inside the time its slot is taken.
 *
 * Waiting uses `sleep` from n8n-workflow; acquirers queue in order (first come, first served).
 */
export class RateGate {
	private resumeAt = 0;
	private inFlight = 0;
	/** When finished requests' slots come free again, ascending. */
	private readonly freesAt: number[] = [];
	/** Acquirers waiting for a slot while every slot is held by a request still in flight. */
	private readonly waiters: Array<() => void> = [];
	/** The acquirer queue: each acquire runs after the one before it has its slot. */
	private queue: Promise<unknown> = Promise.resolve();

	constructor(readonly perMinute = 0) {}

	/** Pauses every sender for `ms` from now (a later pause already set is kept). */
	pause(ms: number): void {
		this.resumeAt = Math.max(this.resumeAt, Date.now() + ms);
	}

	/** How much longer the current pause lasts (0 when none). */
	pausedMs(): number {
		return Math.max(0, this.resumeAt - Date.now());
	}

	/** Waits until a request may go out (pause over, a pacing slot free) and takes its slot. */
	acquire(): Promise<Release> {
		if (this.perMinute <= 0 && this.resumeAt <= Date.now()) return Promise.resolve(noop);
		const turn = this.queue.then(() => this.take());
		this.queue = turn.catch(noop);
		return turn;
	}

	private async take(): Promise<Release> {
		for (;;) {
			const now = Date.now();
			if (now < this.resumeAt) {
				await sleep(this.resumeAt - now);
				continue;
			}
			if (this.perMinute <= 0) return noop;
			while (this.freesAt.length > 0 && this.freesAt[0] <= now) this.freesAt.shift();
			if (this.inFlight + this.freesAt.length < this.perMinute) break;
			if (this.freesAt.length > 0) await sleep(this.freesAt[0] - now);
			else await new Promise<void>((resolve) => this.waiters.push(resolve));
		}
		this.inFlight++;
		let released = false;
		return () => {
			if (released) return;
			released = true;
			this.inFlight--;
			const at = Date.now() + WINDOW_MS;
			let k = this.freesAt.length;
			while (k > 0 && this.freesAt[k - 1] > at) k--;
			this.freesAt.splice(k, 0, at);
			for (const wake of this.waiters.splice(0)) wake();
		};
	}
}

const noop = () => undefined;
