import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { choice, showWhen } from '../fields';
import { compact, isEmail } from '../params';
import type { Params } from '../params';
import { LAST_NAME_DOT } from './fields';

/**
 * Mapping Mode for the batch writes (Create Many, Update Many). "Map Automatically" takes each
 * input item's fields as the lead's fields, the way n8n's database and sheet nodes do: no
 * per-item expressions to evaluate, which is most of the time a 10,000-item Create Many spends
 * when every field is an expression.
 */
export const mappingModeProperty: INodeProperties = choice(
	'mappingMode',
	'Mapping Mode',
	[
		{
			name: 'Map Automatically',
			value: 'autoMap',
			description:
				"Send each input item's fields as the lead's fields; field names must match LeadGenius's (firstName, lastName, email, companyName, …)",
		},
		{ name: 'Map Each Field Below', value: 'defineBelow', description: 'Set each lead field with a value or an expression' },
	],
	'defineBelow',
	{
		noDataExpression: true,
		description: 'How the lead fields are filled in for each input item',
	},
);

/** The properties, shown only when Mapping Mode is "Map Each Field Below". */
export function whenMappedBelow(properties: INodeProperties[]): INodeProperties[] {
	return properties.map((prop) => showWhen(prop, { mappingMode: ['defineBelow'] }));
}

export function mapsAutomatically(p: Params): boolean {
	return p.raw('mappingMode', 'defineBelow') === 'autoMap';
}

const AUTO_MAP_HELP =
	'Mapping Mode is "Map Automatically": the lead\'s fields are the input item\'s fields of the same name. Rename or set them with an Edit Fields node before this one, or switch to "Map Each Field Below".';

/** The same, for node version 2's resource mapper (Lead Fields). */
export const AUTO_MAP_HELP_V2 =
	'Lead Fields is set to "Map Automatically": the lead\'s fields are the input item\'s fields of the same name. Rename or set them with an Edit Fields node before this one, or map each field manually.';

/**
 * The checks every lead written field by field gets, whatever filled the fields in: required
 * fields present, no `phone`, e-mail shape, no "." as last name. `fail` names the field.
 */
export function checkLeadFields(fields: IDataObject, requiredFields: readonly string[], fail: (field: string, problem: string) => never): void {
	for (const name of requiredFields) {
		if (fields[name] === undefined) fail(name, 'is missing or empty');
	}
	if (fields.phone !== undefined) fail('phone', 'is not accepted by LeadGenius: name it phoneNumber');
	if (fields.email !== undefined && !(typeof fields.email === 'string' && isEmail(fields.email))) {
		fail('email', `is not a valid email address (got ${JSON.stringify(fields.email)})`);
	}
	if (fields.lastName === '.') fail('lastName', LAST_NAME_DOT);
}

/**
 * The input item's fields as lead fields: empty values and the `leave` fields dropped, text
 * trimmed, the same checks as the fields set one by one (no `phone`, e-mail shape). They are
 * added to `into` (a new object by default). Runs once per item: no per-item copies or lists.
 */
export function leadFieldsFromInput(
	p: Params,
	leave: ReadonlySet<string>,
	requiredFields: readonly string[] = [],
	into?: IDataObject,
	help: string = AUTO_MAP_HELP,
): IDataObject {
	const fields = compact(p.input(), leave, into);
	checkLeadFields(fields, requiredFields, (field, problem) => p.failInput(field, problem, help));
	return fields;
}
