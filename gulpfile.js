const { src, dest, parallel } = require('gulp');

/** Icons and codex files are not TypeScript: copy them next to the compiled nodes and credentials. */
function copyNodeAssets() {
	return src(['nodes/**/*.svg', 'nodes/**/*.png', 'nodes/**/*.node.json'], { encoding: false }).pipe(
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
