// ESLint for the API (src, test, bench, scripts, migrations, ormconfig.ts) and the dashboard (admin/src).
// typescript-eslint's `recommended` set, without type information: it needs no TypeScript program,
// so the whole tree lints in seconds. Formatting is Prettier's (.prettierrc.json); eslint-config-prettier,
// last, turns off every rule that would argue with it.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

const TS = ['**/*.ts', '**/*.tsx'];

/** Data access stays in repositories: these files may query, inject a DataSource and import it from typeorm. */
const DATA_LAYER = ['src/**/*.repository.ts', 'src/database/**', 'src/demo/**'];

/** Raw SQL and connection handles belong in a module's repository files (CONVENTIONS.md, "Data"). */
const NO_RAW_QUERY = {
  selector: "CallExpression[callee.type='MemberExpression'][callee.property.name='query']",
  message: 'Raw SQL (`.query(`) belongs in a `*.repository.ts` file of the module that owns the table.',
};
/** The committee-scope condition is written once (CONVENTIONS.md, "Authorization"). */
const SCOPE_MESSAGE =
  'An ltree `<@` condition is a committee scope: use the helpers of src/common/scope.ts (or a repository built on them).';
const NO_INLINE_SCOPE = [
  { selector: 'Literal[value=/<@/]', message: SCOPE_MESSAGE },
  { selector: 'TemplateElement[value.raw=/<@/]', message: SCOPE_MESSAGE },
];

/** Value imports only: `import type { EntityManager }` (a transaction handed to a repository) stays allowed. */
const NO_DATA_SOURCE_IMPORTS = {
  paths: [
    {
      name: 'typeorm',
      importNames: ['DataSource', 'EntityManager'],
      message: 'Only repository files (and src/database) hold a DataSource or an EntityManager; call the repository instead.',
      allowTypeImports: true,
    },
    {
      name: '@nestjs/typeorm',
      importNames: ['InjectDataSource', 'InjectEntityManager'],
      message: 'Only repository files (and src/database) inject a DataSource or an EntityManager; call the repository instead.',
    },
  ],
};

export default defineConfig(
  {
    ignores: [
      '**/node_modules/',
      '**/dist/',
      'admin/dist.tmp-*/',
      'admin/src/api/schema.d.ts',
      'admin/.build-lock/',
      'coverage/',
      'data/',
      'bench/results/',
      'test/browser/artifacts/',
    ],
  },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },

  // Every file: ESLint's and typescript-eslint's recommended rules.
  js.configs.recommended,
  {
    files: TS,
    extends: [tseslint.configs.recommended],
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      // `any` is an error in src (below); elsewhere (bench, scripts, migrations, the dashboard) a warning.
      '@typescript-eslint/no-explicit-any': 'warn',
    },
  },

  // The few plain-JavaScript files: configs (ESM) and a CommonJS test stand-in.
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { sourceType: 'module', globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { module: 'writable', require: 'readonly', process: 'readonly', __dirname: 'readonly' },
    },
  },

  // The API.
  {
    files: ['src/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'error' },
  },
  // Tests poke at loosely typed response bodies and private internals: `any` is allowed there.
  {
    files: ['test/**/*.ts', 'src/**/*.spec.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },

  // Module boundaries inside src (dependency-cruiser checks the imports between folders, .dependency-cruiser.cjs).
  // no-restricted-syntax takes one list per file, so each group of files gets the whole list that applies to it.
  {
    files: ['src/**/*.ts'],
    // unit specs set their cases up as tests do
    ignores: [...DATA_LAYER, 'src/common/scope.ts', 'src/**/*.spec.ts'],
    rules: {
      'no-restricted-syntax': ['error', NO_RAW_QUERY, ...NO_INLINE_SCOPE],
      '@typescript-eslint/no-restricted-imports': ['error', NO_DATA_SOURCE_IMPORTS],
    },
  },
  {
    files: ['src/common/scope.ts'],
    rules: {
      'no-restricted-syntax': ['error', NO_RAW_QUERY],
      '@typescript-eslint/no-restricted-imports': ['error', NO_DATA_SOURCE_IMPORTS],
    },
  },
  {
    // the demo seed (src/demo) builds a province's data in bulk SQL and serves no request: no scope to keep
    files: ['src/database/**/*.ts'],
    ignores: ['src/**/*.repository.ts'],
    rules: { 'no-restricted-syntax': ['error', ...NO_INLINE_SCOPE] },
  },

  // The dashboard: React + TypeScript in the browser, its own tsconfig (admin/tsconfig.json); same
  // non-type-aware rule set.
  {
    files: ['admin/**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } },
  },

  prettier,
);
