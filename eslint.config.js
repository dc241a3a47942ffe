// ESLint guards one thing here: no raw HTML in the renderer. The renderer shows payloads anyone
// on the internet can send, so every value must reach the DOM through React's escaping — never
// dangerouslySetInnerHTML, innerHTML/outerHTML, insertAdjacentHTML, document.write, or strings
// evaluated as code. test/unit/desktop/eslint.test.ts proves these rules fire and that
// renderer/src passes them. Types are checked by tsc, formatting is not linted.
import noUnsanitized from 'eslint-plugin-no-unsanitized';
import react from 'eslint-plugin-react';
import tseslint from 'typescript-eslint';

export default [
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.tools/**', 'test/tunnel-server/**'] },
  {
    files: ['renderer/src/**/*.{ts,tsx}'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { ecmaVersion: 'latest', sourceType: 'module', ecmaFeatures: { jsx: true } },
    },
    plugins: { react, 'no-unsanitized': noUnsanitized },
    settings: { react: { version: '19' } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      'react/no-danger': 'error',
      'react/no-danger-with-children': 'error',
      'react/jsx-no-script-url': 'error',
      'react/jsx-no-target-blank': 'error',
      'no-unsanitized/method': 'error',
      'no-unsanitized/property': 'error',
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      'no-script-url': 'error',
    },
  },
];
