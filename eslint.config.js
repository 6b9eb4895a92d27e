// Lint: typescript-eslint's recommended rules, plus the one-way layer order of the
// source folders. Each layer may import the layers before it, never those after it:
//   src/numeric <- src/symbolic <- src/claims <- properties <- (src/conform, src/report) <- src/cli
// (properties builds its claims with src/claims; src/claims runs claims it is given and
// never imports properties). bench/ and test/ may import anything.
// The rule matches import paths by folder name, for static imports, `export … from`
// and dynamic `import()` alike; test/lint/layers.test.ts proves it rejects an upward import.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** The layers, lowest first: the folder of each, and the path segment that names it in an import. */
const LAYERS = [
  { files: ['src/numeric/**/*.ts'], name: 'numeric', above: ['symbolic', 'claims', 'properties', 'conform', 'report', 'cli'] },
  { files: ['src/symbolic/**/*.ts'], name: 'symbolic', above: ['claims', 'properties', 'conform', 'report', 'cli'] },
  { files: ['src/claims/**/*.ts'], name: 'claims', above: ['properties', 'conform', 'report', 'cli'] },
  { files: ['properties/**/*.ts'], name: 'properties', above: ['conform', 'report', 'cli'] },
  { files: ['src/conform/**/*.ts', 'src/report/**/*.ts'], name: 'conform and report', above: ['cli'] },
  { files: ['src/index.ts'], name: 'the library entry', above: ['cli'] },
];

const ORDER = 'numeric <- symbolic <- claims <- properties <- (conform, report) <- cli';

/** Forbid `files` to import from the folders `above` them. */
const layer = ({ files, name, above }) => {
  const message = `${name} must not import from ${above.join(', ')}: layers import one way (${ORDER})`;
  return {
    files,
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: above.map((folder) => `**/${folder}/**`), message }] }],
      'no-restricted-syntax': ['error', { selector: `ImportExpression[source.value=/(^|\\W)(${above.join('|')})\\W/]`, message }],
    },
  };
};

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
  ...LAYERS.map(layer),
);
