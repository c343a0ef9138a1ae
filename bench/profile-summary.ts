/**
 * Summarise a V8 .cpuprofile: self time by function and by package (node_modules/<pkg>, or the
 * project folder), and inclusive time of the heaviest call paths through named functions.
 *
 *   node build/bench/profile-summary.js <file.cpuprofile> [top=25] [filter]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string; lineNumber: number };
	hitCount: number;
	children?: number[];
}

interface Profile {
	nodes: ProfileNode[];
	samples: number[];
	timeDeltas: number[];
	startTime: number;
	endTime: number;
}

function packageOf(url: string): string {
	if (!url) return '(native/vm)';
	const nm = url.lastIndexOf('node_modules/');
	if (nm >= 0) {
		const rest = url.slice(nm + 'node_modules/'.length).split('/');
		return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
	}
	if (url.startsWith('node:')) return 'node:internal';
	const m = /\/build\/([^/]+\/(?:[^/]+\/)?)/.exec(url);
	return m ? `project:${m[1]}` : url;
}

function main() {
	const [file, topArg = '25', filter] = process.argv.slice(2);
	const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
	const byId = new Map(profile.nodes.map((n) => [n.id, n]));
	const selfUs = new Map<number, number>();
	profile.samples.forEach((id, k) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[k] ?? 0)));
	const total = profile.endTime - profile.startTime;

	const parent = new Map<number, number>();
	for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

	const fnSelf = new Map<string, number>();
	const pkgSelf = new Map<string, number>();
	const fnTotal = new Map<string, number>();
	for (const n of profile.nodes) {
		const us = selfUs.get(n.id) ?? 0;
		if (!us) continue;
		const key = `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/^.*\/(node_modules|build)\//, '$1/')}:${n.callFrame.lineNumber + 1}`;
		fnSelf.set(key, (fnSelf.get(key) ?? 0) + us);
		const pkg = packageOf(n.callFrame.url);
		pkgSelf.set(pkg, (pkgSelf.get(pkg) ?? 0) + us);
		// inclusive: add this node's self time to every distinct ancestor frame
		const seen = new Set<string>();
		for (let id: number | undefined = n.id; id !== undefined; id = parent.get(id)) {
			const f = byId.get(id)!.callFrame;
			const k = `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*\/(node_modules|build)\//, '$1/')}:${f.lineNumber + 1}`;
			if (seen.has(k)) continue;
			seen.add(k);
			fnTotal.set(k, (fnTotal.get(k) ?? 0) + us);
		}
	}
	const top = Number(topArg);
	const ms = (us: number) => `${(us / 1000).toFixed(0).padStart(7)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%`;
	const print = (title: string, map: Map<string, number>) => {
		process.stdout.write(`\n${title}\n`);
		[...map.entries()]
			.filter(([k]) => !filter || k.includes(filter))
			.sort((a, b) => b[1] - a[1])
			.slice(0, top)
			.forEach(([k, v]) => process.stdout.write(`${ms(v)}  ${k}\n`));
	};
	process.stdout.write(`profile: ${(total / 1e6).toFixed(2)} s\n`);
	print('self time by package', pkgSelf);
	print('self time by function', fnSelf);
	print('inclusive time by function', fnTotal);
}

main();
