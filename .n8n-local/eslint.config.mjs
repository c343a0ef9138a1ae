/**
 * Not shipped: `n8n-node lint` (npm run lint) lints only the package's own code. It runs with
 * ESLINT_FLAGS=unstable_config_lookup_from_file, so ESLint uses this file for everything below this
 * folder instead of the root eslint.config.mjs (which strict mode requires to be n8n's default).
 */
export default [{ ignores: ['**/*'] }];
