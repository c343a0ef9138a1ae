const { src, dest, parallel } = require('gulp');

/**
 * Icons, codex files and output schemas (`__schema__`, what n8n's editor shows of an operation's
 * output before the first run) are not TypeScript: copy them next to the compiled nodes and credentials.
 */
function copyNodeAssets() {
	return src(['nodes/**/*.svg', 'nodes/**/*.png', 'nodes/**/*.node.json', 'nodes/**/__schema__/**/*.json'], { encoding: false }).pipe(
		dest('dist/nodes'),
	);
}

function copyCredentialAssets() {
	return src(['credentials/**/*.svg', 'credentials/**/*.png'], { encoding: false, allowEmpty: true }).pipe(
		dest('dist/credentials'),
	);
}

exports.build = parallel(copyNodeAssets, copyCredentialAssets);
exports.default = exports.build;
