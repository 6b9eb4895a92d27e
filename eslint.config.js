// Lint: typescript-eslint's recommended rules, plus the one-way layer rule of
// DESIGN.md: numeric <- symbolic <- properties <- claims <- cli (data flows down).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const layer = (files, forbidden) => ({
  files,
  rules: {
    'no-restricted-imports': ['error', { patterns: forbidden.map((group) => ({ group: [group], message: 'layers import one way: see DESIGN.md' })) }],
  },
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'bin/**', '.ci/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  layer(['src/numeric/**/*.ts'], ['**/symbolic/**', '**/claims/**', '**/cli/**', '**/properties/**']),
  layer(['src/symbolic/**/*.ts'], ['**/claims/**', '**/cli/**', '**/properties/**']),
  layer(['properties/**/*.ts'], ['**/cli/**']),
  layer(['src/claims/**/*.ts'], ['**/cli/**']),
  layer(['src/report/**/*.ts'], ['**/cli/**']),
);
