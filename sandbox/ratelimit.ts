/** Fixed-window rate limiter per identity (§2.3): the window opens at an owner's first request. */

export interface RateDecision {
	allowed: boolean;
	limit: number;
	remaining: number;
	/** Epoch ms at which the current window closes. */
	resetAtMs: number;
}

export class RateLimiter {
	private readonly windows = new Map<string, { count: number; resetAtMs: number }>();

	constructor(private readonly settings: () => { limit: number; windowMs: number }) {}

	/** Counts one request of `owner`; returns null when rate limiting is off (limit 0). */
	hit(owner: string, now = Date.now()): RateDecision | null {
		const { limit, windowMs } = this.settings();
		if (!limit || limit <= 0) return null;
		let w = this.windows.get(owner);
		if (!w || now >= w.resetAtMs) {
			w = { count: 0, resetAtMs: now + windowMs };
			this.windows.set(owner, w);
		}
		w.count++;
		return { allowed: w.count <= limit, limit, remaining: Math.max(0, limit - w.count), resetAtMs: w.resetAtMs };
	}

	reset(): void {
		this.windows.clear();
	}
}
