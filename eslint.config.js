// Lint rules for the whole repository; formatting is Prettier's job (.prettierrc.json), so no stylistic rules here.
// Type-aware: typescript-eslint reads types through the TypeScript 6 JavaScript API (package `typescript`,
// an alias of @typescript/typescript6), because TypeScript 7 (`@typescript/native`, which provides `tsc`) has none yet.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  // Built output, local runtime state, and the built-asset fixtures of the infra tests.
  globalIgnores(['node_modules/', '.local/', '.build/', 'cdk.out/', 'test-results/', 'test/infra/fixtures/web/']),
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error', reportUnusedInlineConfigs: 'error' },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      // Async Preact event handlers are fine: each one catches its own errors into component state.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/await-thenable': 'error',
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
      // verbatimModuleSyntax keeps every import that is not marked `type`, so a type-only import must say so.
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-import-type-side-effects': 'error',
      // The control-character patterns in this code base are deliberate: they strip or reject control characters.
      'no-control-regex': 'off',
    },
  },
  {
    // Tests read JSON replies and CDK templates as untyped data and assert on them; fakes implement async ports without awaiting.
    files: ['test/**'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/require-await': 'off',
    },
  },
  // Plain JavaScript (this file) is outside tsconfig.json: no type information.
  { files: ['**/*.js'], extends: [tseslint.configs.disableTypeChecked] },
);
