/** Types of scripts/lint/description-lock.js (plain CommonJS). */
import type { INodeType, INodeTypeDescription, IVersionedNodeType } from 'n8n-workflow';

export interface ParameterRecord {
	type: string;
	default: unknown;
	required?: true;
	options?: unknown[];
}

export interface DescriptionSnapshot {
	node: string;
	version: number;
	parameters: Record<string, ParameterRecord>;
}

export function snapshot(description: INodeTypeDescription, version: number): DescriptionSnapshot;
export function breakingChanges(locked: DescriptionSnapshot, now: DescriptionSnapshot): string[];
export function describeVersion(node: INodeType | IVersionedNodeType, version: number): INodeTypeDescription;
export function versionMatches(conditions: unknown[], version: number): boolean;
