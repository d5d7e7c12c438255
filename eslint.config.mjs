import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

/*
 * Process boundaries, enforced by folder (as Signal-Desktop does per file):
 * - only src-main/electron and src-main/preload may import `electron`;
 * - the renderer imports no Node module, no database code, and nothing from src-main but the pure contract;
 * - the contract stays pure, because the renderer and preload import it;
 * - the HQ server uses only the pure core and contract from src-main; it keeps its own store (src-hq/db, its own
 *   SQLite through drizzle), so store modules are allowed there, but never the app's store (src-main/db).
 * Layers inside the main process, each importing only downwards (as VS Code's layers do):
 * - report/ is a print layer: it lays out a composed model and reads no store, domain or handler;
 * - domains/ build on the kernel (src-main/kernel), never on the registry that imports them all;
 * - core/ is the pure base: it knows no domain and no handler.
 */
const nodeModules = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const electronOnlyInShell = { name: 'electron', message: 'Only src-main/electron and src-main/preload import electron.' };
const storeModules = ['better-sqlite3', 'drizzle-orm', 'drizzle-orm/*', 'drizzle-kit'];

const layer = (folders, message) => ({ group: folders.flatMap((f) => [`**/${f}`, `**/${f}/**`]), message });

const restrict = (paths, patterns = []) => ({
  'no-restricted-imports': ['error', { paths, patterns }],
});

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': ['error', { 'ts-ignore': true, 'ts-expect-error': 'allow-with-description' }],
      ...restrict([electronOnlyInShell]),
    },
  },
  {
    // No import cycles in the main process: a cycle makes module order matter (a subcommand loaded first once
    // saw its registry's exports uninitialised). Resolved by Node's rules plus TypeScript's extensions.
    files: ['src-main/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.mjs', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.mjs', '.js', '.json', '.node'] })],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    files: ['src-main/report/**'],
    rules: restrict(
      [electronOnlyInShell, ...storeModules.map((name) => ({ name, message: 'The print layer reads no store.' }))],
      [layer(['domains', 'db', 'handlers'], 'src-main/report prints a composed model; composing (reading the store) is the domains\' job.')],
    ),
  },
  {
    files: ['src-main/domains/**'],
    rules: restrict(
      [electronOnlyInShell],
      [layer(['handlers'], 'Domains import HandlerContext, HandlerMap and requireActor from src-main/kernel/context, not the registry.')],
    ),
  },
  {
    files: ['src-main/core/**'],
    rules: restrict([electronOnlyInShell], [layer(['domains', 'handlers'], 'The core is pure: it imports no domain and no handler.')]),
  },
  {
    files: ['src-main/electron/**', 'src-main/preload/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['src-main/preload/**'],
    rules: restrict(
      [...nodeModules, ...storeModules].map((name) => ({ name, message: 'The sandboxed preload has no Node.' })),
      [{ group: ['../*', '!../contract'], message: 'The preload uses only electron and the contract.' }],
    ),
  },
  {
    files: ['src-main/contract/**'],
    rules: restrict(
      [...nodeModules, ...storeModules, 'electron'].map((name) => ({
        name,
        message: 'The contract is pure: the renderer and preload import it.',
      })),
      [{ group: ['../*'], message: 'The contract imports nothing else from src-main.' }],
    ),
  },
  {
    files: ['src-renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict(
        [...nodeModules, ...storeModules, 'electron'].map((name) => ({
          name,
          message: 'The renderer runs in a sandboxed page: no Node, no database, no electron.',
        })),
        [
          {
            group: ['**/src-main/**', '!**/src-main/contract', '!**/src-main/contract/**'],
            message: 'The renderer may import only the contract from src-main.',
          },
        ],
      ),
    },
  },
  {
    files: ['src-hq/**'],
    rules: restrict(
      [electronOnlyInShell],
      [
        {
          group: ['**/src-main/**', '!**/src-main/core', '!**/src-main/core/**', '!**/src-main/contract', '!**/src-main/contract/**'],
          message: 'The HQ server imports only the pure core and the contract.',
        },
      ],
    ),
  },
);
