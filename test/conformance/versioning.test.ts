/**
 * Released node versions do not change under saved workflows (docs/versioning.md).
 *
 * Once a version is released, `npm run lock:description` records it in
 * description-v<N>.lock.json beside this file; from then on any breaking change to it fails here
 * and ships as a new node version instead. Before the first release there is no lock file and
 * only the guard's own behaviour is tested.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { INodeProperties, INodeTypeDescription } from 'n8n-workflow';

import { LeadGenius } from '../../nodes/LeadGenius/LeadGenius.node';
import { breakingChanges, describeVersion, snapshot, type DescriptionSnapshot } from '../../scripts/lint/description-lock';

const node = new LeadGenius();
const lockFile = join(__dirname, 'description-v1.lock.json');

(existsSync(lockFile) ? test : test.skip)('LeadGenius v1 has no breaking change since it was released', () => {
	const locked = JSON.parse(readFileSync(lockFile, 'utf8')) as DescriptionSnapshot;
	expect(breakingChanges(locked, snapshot(describeVersion(node, 1), 1))).toEqual([]);
});

describe('the breaking-change guard', () => {
	const base: INodeTypeDescription = { ...node.description, version: [1, 2] };
	const prop = (p: Partial<INodeProperties>): INodeProperties =>
		({ displayName: 'X', name: 'x', type: 'string', default: '', ...p }) as INodeProperties;
	const op = { show: { resource: ['lead'], operation: ['create'] } };
	const v1 = snapshot(
		{
			...base,
			properties: [
				prop({ name: 'resource', type: 'options', default: 'lead', options: [{ name: 'Lead', value: 'lead' }, { name: 'Client', value: 'client' }] }),
				prop({ name: 'email', displayOptions: op, required: true }),
				prop({ name: 'notes', displayOptions: op }),
				prop({ name: 'limit', type: 'number', default: 50, displayOptions: op }),
			],
		},
		1,
	);

	test('accepts additions: a new optional parameter, option or operation', () => {
		const now = snapshot(
			{
				...base,
				properties: [
					prop({ name: 'resource', type: 'options', default: 'lead', options: [{ name: 'Lead', value: 'lead' }, { name: 'Client', value: 'client' }, { name: 'Tag', value: 'tag' }] }),
					prop({ name: 'email', displayOptions: op, required: true }),
					prop({ name: 'notes', displayOptions: op }),
					prop({ name: 'limit', type: 'number', default: 50, displayOptions: op }),
					prop({ name: 'phone', displayOptions: op }),
					prop({ name: 'tagName', required: true, displayOptions: { show: { resource: ['tag'], operation: ['create'] } } }),
				],
			},
			1,
		);
		expect(breakingChanges(v1, now)).toEqual([]);
	});

	test('refuses renames, type and default changes, removed options and new required parameters', () => {
		const now = snapshot(
			{
				...base,
				properties: [
					prop({ name: 'resource', type: 'options', default: 'lead', options: [{ name: 'Lead', value: 'lead' }] }),
					prop({ name: 'emailAddress', displayOptions: op, required: true }),
					prop({ name: 'notes', type: 'json', displayOptions: op }),
					prop({ name: 'limit', type: 'number', default: 100, displayOptions: op }),
					prop({ name: 'clientId', displayOptions: op, required: true }),
				],
			},
			1,
		);
		const problems = breakingChanges(v1, now).join('\n');
		expect(problems).toContain('lead/create:email: removed');
		expect(problems).toContain('lead/create:notes: type string → json');
		expect(problems).toContain('lead/create:limit: default 50 → 100');
		expect(problems).toContain('*/*:resource: option "client" removed');
		expect(problems).toContain('lead/create:clientId: new required parameter on an existing operation');
	});

	test('a change shown only to version 2 leaves version 1 alone', () => {
		const now = snapshot(
			{
				...base,
				properties: [
					prop({ name: 'resource', type: 'options', default: 'lead', options: [{ name: 'Lead', value: 'lead' }, { name: 'Client', value: 'client' }] }),
					prop({ name: 'email', displayOptions: op, required: true }),
					prop({ name: 'notes', displayOptions: op }),
					prop({ name: 'limit', type: 'number', default: 50, displayOptions: { show: { ...op.show, '@version': [1] } } }),
					prop({ name: 'limit', type: 'number', default: 100, displayOptions: { show: { ...op.show, '@version': [{ _cnd: { gte: 2 } }] } } }),
					prop({ name: 'clientId', required: true, displayOptions: { show: { ...op.show, '@version': [2] } } }),
				],
			},
			1,
		);
		expect(breakingChanges(v1, now)).toEqual([]);
	});
});
