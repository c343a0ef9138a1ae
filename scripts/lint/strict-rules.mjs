/**
 * Our own, stricter reading of n8n's community-node runtime rules. n8n's plugin
 * (`@n8n/community-nodes/no-restricted-imports`) lets a node import any package listed in
 * devDependencies — and the packed package.json still lists them — so a stray `import axios` would
 * pass the scanner yet fail at run time on n8n Cloud, where no dependency is installed. Here the
 * shipped code may import only:
 *
 *   n8n-workflow, crypto / node:crypto, and relative paths.
 *
 * The same rules run on the TypeScript sources (eslint.config.mjs) and on the compiled `.js` files
 * of the `npm pack` tarball (scripts/lint/scan-package.mjs).
 */

export const ALLOWED_MODULES = ['n8n-workflow', 'crypto', 'node:crypto'];

/** The globals n8n's scanner refuses, plus the HTTP clients our design forbids in nodes. */
export const RESTRICTED_GLOBALS = [
	'clearImmediate',
	'clearInterval',
	'clearTimeout',
	'global',
	'globalThis',
	'process',
	'setImmediate',
	'setInterval',
	'setTimeout',
	'__dirname',
	'__filename',
	'fetch',
	'XMLHttpRequest',
];

const isAllowed = (specifier) =>
	specifier.startsWith('./') || specifier.startsWith('../') || ALLOWED_MODULES.includes(specifier);

const allowedImports = {
	meta: {
		type: 'problem',
		docs: { description: 'Shipped code imports only n8n-workflow, crypto/node:crypto and relative paths' },
		messages: {
			notAllowed:
				"'{{ specifier }}' may not be imported by shipped code: only {{ allowed }} and relative paths (n8n installs community nodes without dependencies)",
			notLiteral: 'Module specifiers must be string literals so the allow-list can be checked',
		},
		schema: [],
	},
	create(context) {
		const check = (node, source) => {
			if (!source) return;
			if (source.type !== 'Literal' || typeof source.value !== 'string') {
				context.report({ node, messageId: 'notLiteral' });
				return;
			}
			if (!isAllowed(source.value)) {
				context.report({
					node,
					messageId: 'notAllowed',
					data: { specifier: source.value, allowed: ALLOWED_MODULES.join(', ') },
				});
			}
		};
		return {
			ImportDeclaration: (node) => check(node, node.source),
			ExportNamedDeclaration: (node) => check(node, node.source),
			ExportAllDeclaration: (node) => check(node, node.source),
			ImportExpression: (node) => check(node, node.source),
			TSImportEqualsDeclaration: (node) => {
				if (node.moduleReference.type === 'TSExternalModuleReference') check(node, node.moduleReference.expression);
			},
			CallExpression: (node) => {
				const callee = node.callee;
				const isRequire =
					(callee.type === 'Identifier' && callee.name === 'require') ||
					(callee.type === 'MemberExpression' &&
						callee.object.type === 'Identifier' &&
						callee.object.name === 'require' &&
						!callee.computed &&
						callee.property.name === 'resolve');
				if (isRequire) check(node, node.arguments[0] ?? { type: 'Missing' });
			},
		};
	},
};

export const strictPlugin = {
	meta: { name: 'leadgenius-strict', version: '1.0.0' },
	rules: { 'allowed-imports': allowedImports },
};

/** Rules for shipped code, source or compiled. */
export const strictRules = {
	'leadgenius/allowed-imports': 'error',
	'no-restricted-globals': [
		'error',
		...RESTRICTED_GLOBALS.map((name) => ({
			name,
			message:
				name === 'setTimeout' || name === 'setInterval'
					? "Not allowed in community nodes: wait with 'sleep' from n8n-workflow"
					: name === 'fetch' || name === 'XMLHttpRequest'
						? 'HTTP goes through this.helpers.httpRequestWithAuthentication (transport/)'
						: 'Not allowed in community nodes (n8n Cloud runs them without Node globals)',
		})),
	],
	// No dynamic code: eval, new Function, string timers (n8n's no-dangerous-functions covers most).
	'no-eval': 'error',
	'no-implied-eval': 'error',
	'no-new-func': 'error',
};
