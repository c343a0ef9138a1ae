import { requestOperation, unwrap, listOperation } from '../builders';
import { collection, required, returnAllAndLimit, text } from '../fields';
import type { Resource } from '../types';

/**
 * Bug reports and enhancement requests are the same Maintenance record under two routes
 * (`{agent}/maintenance/bugs`, `{agent}/maintenance/enhancements`), so one factory makes both.
 */
export function maintenanceResource(spec: {
	value: string;
	name: string;
	description: string;
	/** Route segment: `bugs` or `enhancements`. */
	plural: string;
	/** Key of the created record in the answer: `bug` or `enhancement`. */
	singular: string;
	/** Lower-case noun for sentences: `bug report`, `enhancement request`. */
	noun: string;
	placeholder: string;
	/** Description of the Description field: what to write. */
	describe: string;
}): Resource {
	const path = `{agent}/maintenance/${spec.plural}`;
	return {
		value: spec.value,
		name: spec.name,
		description: spec.description,
		operations: [
			requestOperation({
				value: 'create',
				name: 'Create',
				action: `Create ${spec.noun.startsWith('e') ? 'an' : 'a'} ${spec.noun}`,
				method: 'POST',
				path,
				properties: [
					required('description', 'Description', {
						typeOptions: { rows: 4 },
						placeholder: spec.placeholder,
						description: spec.describe,
					}),
					collection('additionalFields', 'Additional Fields', [
						text('userEmail', 'User Email', {
							placeholder: 'name@email.com',
							description: 'Who to contact about it',
						}),
					]),
				],
				read: (p) => {
					const extra = p.collection('additionalFields');
					const body: Record<string, string> = { description: p.str('description', { required: true }) };
					if (extra.userEmail !== undefined) body.userEmail = p.email('additionalFields.userEmail');
					return body;
				},
				output: (answer) => unwrap(answer, spec.singular, 'data'),
			}),
			listOperation({
				value: 'getAll',
				name: 'Get Many',
				action: `Get many ${spec.noun}s`,
				path,
				style: { whole: true, itemKeys: [spec.plural, 'data', 'items'] },
				properties: returnAllAndLimit(),
			}),
		],
	};
}
