/**
 * Summarise a V8 .heapsnapshot: self size and count by node type and constructor/class name.
 *
 *   node --max-old-space-size=8192 build/bench/heap-summary.js <file.heapsnapshot> [top=25]
 */
import { readFileSync } from 'node:fs';

interface Snapshot {
	snapshot: { meta: { node_fields: string[]; node_types: Array<string[] | string> } };
	nodes: number[];
	strings: string[];
}

function main() {
	const [file, topArg = '25'] = process.argv.slice(2);
	const snap = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
	const fields = snap.snapshot.meta.node_fields;
	const types = snap.snapshot.meta.node_types[0] as string[];
	const width = fields.length;
	const iType = fields.indexOf('type');
	const iName = fields.indexOf('name');
	const iSize = fields.indexOf('self_size');
	const groups = new Map<string, { count: number; bytes: number }>();
	let total = 0;
	for (let k = 0; k < snap.nodes.length; k += width) {
		const type = types[snap.nodes[k + iType]];
		const name = type === 'object' || type === 'closure' ? snap.strings[snap.nodes[k + iName]] : `(${type})`;
		const size = snap.nodes[k + iSize];
		total += size;
		const g = groups.get(`${type} ${name}`) ?? { count: 0, bytes: 0 };
		g.count++;
		g.bytes += size;
		groups.set(`${type} ${name}`, g);
	}
	process.stdout.write(`total self size ${(total / 2 ** 20).toFixed(1)} MB in ${snap.nodes.length / width} nodes\n`);
	[...groups.entries()]
		.sort((a, b) => b[1].bytes - a[1].bytes)
		.slice(0, Number(topArg))
		.forEach(([k, g]) => process.stdout.write(`${(g.bytes / 2 ** 20).toFixed(1).padStart(8)} MB ${String(g.count).padStart(9)}  ${k}\n`));
}

main();
