#!/usr/bin/env node
/**
 * Guards saved workflows against breaking changes to a released node version (docs/versioning.md).
 *
 * A saved workflow stores, per node, its `typeVersion` and only the parameters that differ from
 * their defaults. So for a released version, changing a parameter's name, type or default,
 * removing an option value, an operation or a resource, or adding a required parameter to an
 * existing operation silently changes or breaks workflows that users already have.
 *
 * `snapshot()` records, for one node version, every parameter as that version shows it (key:
 * `resource/operation:path`, value: type, default, option values, required). `breakingChanges()`
 * compares a recorded snapshot with today's description: additions are fine, the rest is listed.
 *
 *   npm run lock:description   record dist/'s LeadGenius v1 in test/conformance/description-v1.lock.json
 *
 * Do this when a version is released (first npm publish of it); test/conformance/versioning.test.ts
 * then fails on any breaking change to it. A breaking change ships as a new version instead.
 * Plain CommonJS; types in description-lock.d.ts.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');

/** Does a displayOptions `@version` condition list admit `version`? */
function versionMatches(conditions, version) {
	return conditions.some((c) => {
		if (typeof c === 'number') return c === version;
		const cnd = c && typeof c === 'object' ? c._cnd : undefined;
		if (!cnd) return false;
		return Object.entries(cnd).every(([op, v]) => {
			if (op === 'eq') return version === v;
			if (op === 'not') return version !== v;
			if (op === 'gte') return version >= v;
			if (op === 'lte') return version <= v;
			if (op === 'gt') return version > v;
			if (op === 'lt') return version < v;
			if (op === 'between') return version >= v.from && version <= v.to;
			return false;
		});
	});
}

function shownAt(prop, version) {
	const show = prop.displayOptions?.show?.['@version'];
	const hide = prop.displayOptions?.hide?.['@version'];
	if (show && !versionMatches(show, version)) return false;
	if (hide && versionMatches(hide, version)) return false;
	return true;
}

function where(prop) {
	const show = prop.displayOptions?.show ?? {};
	const resource = (show.resource ?? ['*']).join(',');
	const operation = (show.operation ?? ['*']).join(',');
	return `${resource}/${operation}`;
}

function record(prop) {
	const entry = { type: prop.type, default: prop.default ?? null };
	if (prop.required) entry.required = true;
	if ((prop.type === 'options' || prop.type === 'multiOptions') && Array.isArray(prop.options)) {
		entry.options = prop.options.map((o) => o.value);
	}
	return entry;
}

/** Every parameter of `description` as node version `version` shows it. */
function snapshot(description, version) {
	const parameters = {};
	const visit = (props, prefix) => {
		for (const prop of props) {
			if (!shownAt(prop, version)) continue;
			const key = `${prefix}${prop.name}`;
			parameters[key] = record(prop);
			if (prop.type === 'collection') visit(prop.options ?? [], `${key} › `);
			if (prop.type === 'fixedCollection') {
				for (const group of prop.options ?? []) visit(group.values ?? [], `${key} › ${group.name} › `);
			}
		}
	};
	for (const prop of description.properties) {
		if (shownAt(prop, version)) visit([prop], `${where(prop)}:`);
	}
	return { node: description.name, version, parameters };
}

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/** What today's snapshot breaks for workflows saved against `locked`. */
function breakingChanges(locked, now) {
	const problems = [];
	const operationsBefore = new Set(Object.keys(locked.parameters).map((k) => k.split(':')[0]));
	for (const [key, before] of Object.entries(locked.parameters)) {
		const after = now.parameters[key];
		if (!after) {
			problems.push(`${key}: removed (or renamed, or moved to other operations)`);
			continue;
		}
		if (after.type !== before.type) problems.push(`${key}: type ${before.type} → ${after.type}`);
		if (!same(after.default, before.default)) {
			problems.push(`${key}: default ${JSON.stringify(before.default)} → ${JSON.stringify(after.default)} (saved workflows that kept the default change behaviour)`);
		}
		for (const value of before.options ?? []) {
			if (!(after.options ?? []).includes(value)) problems.push(`${key}: option "${value}" removed`);
		}
		if (after.required && !before.required) problems.push(`${key}: became required`);
	}
	for (const [key, after] of Object.entries(now.parameters)) {
		if (locked.parameters[key] || !after.required || key.includes(' › ')) continue;
		if (operationsBefore.has(key.split(':')[0])) problems.push(`${key}: new required parameter on an existing operation`);
	}
	return problems;
}

/** The description of one version of a node (light-versioned or a VersionedNodeType). */
function describeVersion(node, version) {
	if (node.nodeVersions) {
		const v = node.nodeVersions[version];
		if (!v) throw new Error(`${node.description.name} has no version ${version}`);
		return v.description;
	}
	const versions = [].concat(node.description.version);
	if (!versions.includes(version)) throw new Error(`${node.description.name} has no version ${version}`);
	return node.description;
}

module.exports = { snapshot, breakingChanges, describeVersion, versionMatches };

if (require.main === module) {
	const root = path.resolve(__dirname, '../..');
	const stale = require('./dist-fresh.js').staleDist(root);
	if (stale) {
		console.error(`lock:description: ${stale}`);
		process.exitCode = 1;
	} else {
		const { LeadGenius } = require(path.join(root, 'dist/nodes/LeadGenius/LeadGenius.node.js'));
		const version = Number(process.argv[2] ?? 1);
		const shot = snapshot(describeVersion(new LeadGenius(), version), version);
		const file = path.join(root, `test/conformance/description-v${version}.lock.json`);
		fs.writeFileSync(file, `${JSON.stringify(shot, null, '\t')}\n`);
		console.log(`${path.relative(root, file)}: ${Object.keys(shot.parameters).length} parameters of LeadGenius v${version} recorded`);
	}
}
