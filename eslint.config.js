// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The layering of ARCHITECTURE.md, enforced: each entry names a folder and the folders it
 * must not import from. `domain` is the pure core; `store` knows SQL; `app` opens
 * transactions; the shells (http, cli, jobs) only talk to `app` (and pure helpers).
 * The composition root (`src/runtime.ts`, `src/main.ts`) is the one place that wires
 * the store into the shells.
 */
const layers = [
  {
    dir: 'src/domain',
    forbidden: ['store', 'app', 'http', 'cli', 'jobs', 'i18n', 'runtime', 'config'],
  },
  { dir: 'src/i18n', forbidden: ['store', 'app', 'http', 'cli', 'jobs', 'runtime'] },
  { dir: 'src/store', forbidden: ['app', 'http', 'cli', 'jobs', 'runtime'] },
  { dir: 'src/demo', forbidden: ['store', 'app', 'http', 'cli', 'jobs', 'runtime'] },
  { dir: 'src/app', forbidden: ['http', 'cli', 'jobs', 'runtime'] },
  { dir: 'src/http', forbidden: ['store', 'cli', 'jobs'] },
  { dir: 'src/cli', forbidden: ['store', 'http', 'jobs'] },
  { dir: 'src/jobs', forbidden: ['store', 'http', 'cli'] },
];

const layerRules = layers.map(({ dir, forbidden }) => ({
  files: [`${dir}/**/*.ts`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: forbidden.map((name) => ({
          group: [`**/${name}`, `**/${name}/**`, `**/${name}.js`],
          message: `${dir} must not import from ${name} (see ARCHITECTURE.md layering).`,
        })),
      },
    ],
  },
}));

export default tseslint.config(
  {
    ignores: ['dist/**', 'node_modules/**', 'web/dist/**', 'data/**', 'coverage/**', 'scratch/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: {
        projectService: {
          allowDefaultProject: ['eslint.config.js', 'bin/*.js'],
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      eqeqeq: ['error', 'smart'],
      'no-console': 'off',
    },
  },
  ...layerRules,
  {
    // The browser app talks to the server only through the HTTP API: no business rule is
    // copied into it, so nothing under src/ may be imported.
    files: ['web/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/src/**', '!./**'], message: 'web/ uses the HTTP API, not server code.' },
          ],
        },
      ],
    },
  },
);
