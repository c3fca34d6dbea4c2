import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'test-results/**', 'shared/generated/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['client/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    // Plain Node scripts (not type-checked TypeScript) need Node's globals declared.
    files: ['**/*.mjs', '**/*.cjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  // Layers (README, Architecture): shared/ is used by both sides and imports neither; the client reaches the
  // server only through the API router's types; domain modules never depend on the tRPC adapters or on the
  // process entry points that wire them.
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/server/**', '**/client/**', 'react', 'react-dom', 'express', 'better-sqlite3', 'pg', '@trpc/*'], message: 'shared/ is used by the client and the server: it imports neither.' }] }],
    },
  },
  {
    files: ['client/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ group: ['**/server/**', '!@trpc/server/**'], allowTypeImports: true, message: 'The client reaches the server through the API: import types only (the router type), or move shared code to shared/.' }] }],
    },
  },
  {
    files: ['server/{attributes,auth,catalogue,channels,core,data,db,dialer,engine,governance,learning,monitoring,provisioning,security,segments}/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['**/trpc/**', '@trpc/*'], message: 'Domain code does not depend on the tRPC adapters: take the types from server/core, throw DomainError.' },
        { group: ['**/server/app.js', '**/server/main.js', '**/server/worker.js', '../app.js', '../main.js', '../worker.js', '../../app.js', '../../main.js', '../../worker.js'], message: 'Domain code does not import the process entry points.' },
      ] }],
    },
  },
  {
    // Routers are adapters: input schema, access, one call into the domain, which holds the SQL (#21 item 3).
    files: ['server/trpc/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-syntax': ['error',
        { selector: "CallExpression[callee.property.name=/^(prepare|transaction|pragma)$/]", message: 'Routers hold no SQL: move the statement into a domain function (server/governance, monitoring, data, engine/store, …) and call it.' },
        { selector: "CallExpression[callee.property.name='exec'][callee.object.regex=undefined]", message: 'Routers hold no SQL: move the script into a domain function and call it.' },
        { selector: 'Literal[value=/^\\s*(SELECT|INSERT|UPDATE|DELETE|WITH)\\s/i]', message: 'Routers hold no SQL text: the statement belongs in a domain function.' },
        { selector: 'TemplateElement[value.raw=/^\\s*(SELECT|INSERT|UPDATE|DELETE|WITH)\\s/i]', message: 'Routers hold no SQL text: the statement belongs in a domain function.' },
      ],
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
