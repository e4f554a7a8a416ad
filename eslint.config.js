import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
	{ ignores: ['build/', '.svelte-kit/', 'node_modules/', 'static/', 'tests/artifacts/'] },
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		plugins: { 'import-x': importX },
		settings: {
			'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
			'import-x/extensions': ['.ts', '.js', '.svelte'],
			'import-x/parsers': { 'svelte-eslint-parser': ['.svelte'], '@typescript-eslint/parser': ['.ts', '.js'] }
		},
		rules: {
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
			// Imports run one way (model → domain → db → feature state → components → routes): a cycle fails.
			'import-x/no-cycle': ['error', { ignoreExternal: true }],
			// The house rule for relative imports: name the file with its extension, as Node and Vite both resolve it.
			'import-x/extensions': [
				'error',
				'ignorePackages',
				{
					checkTypeImports: true,
					pathGroupOverrides: [
						{ pattern: '$app/**', action: 'ignore' },
						{ pattern: './$types', action: 'ignore' },
						{ pattern: 'virtual:**', action: 'ignore' }
					]
				}
			],
			// Prettier wraps code at 120 columns; this catches the comments and strings it cannot wrap.
			'max-len': [
				'error',
				{
					code: 120,
					tabWidth: 2,
					ignoreUrls: true,
					ignoreRegExpLiterals: true,
					// Messages, fixtures and error texts read better unbroken: a long string is data, not code.
					ignoreStrings: true,
					ignoreTemplateLiterals: true
				}
			]
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts'],
		languageOptions: {
			parserOptions: { projectService: true, extraFileExtensions: ['.svelte'], parser: ts.parser, svelteConfig }
		}
	}
);
