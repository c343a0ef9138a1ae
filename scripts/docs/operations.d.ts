/** Types of scripts/docs/operations.js (plain CommonJS, runs without a compile step). */
import type { INodeTypeDescription } from 'n8n-workflow';

export interface RegisteredResource {
	value: string;
	operations: Array<{ value: string; routes: string[] }>;
}

export interface OperationRow {
	resource: string;
	operation: string;
	description: string;
	routes: string[];
}

export const START: string;
export const END: string;
export function operationRows(description: INodeTypeDescription, resources: RegisteredResource[]): OperationRow[];
export function renderOperationsTable(description: INodeTypeDescription, resources: RegisteredResource[]): string;
export function replaceBetweenMarkers(text: string, table: string): string;
export function currentTable(text: string): string | undefined;
