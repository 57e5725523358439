// ESLint (flat config), run by `npm run lint`. The import order between layers, and "each library behind
// one module" for dynamic imports too, are checked by dependency-cruiser (.dependency-cruiser.mjs);
// formatting by Prettier (prettier.config.mjs); unused files, exports and dependencies by knip (knip.json).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/** The one module allowed to import each library (same list as .dependency-cruiser.mjs, which also sees `await import()`). */
const ONE_MODULE = {
  natural: 'src/classify/natural.ts',
  'pdf-parse': 'src/io/pdf.ts',
  exceljs: 'src/io/excel.ts',
  chalk: 'src/io/color.ts',
  'iconv-lite': 'src/io/encoding.ts',
  'cli-progress': 'src/io/progress.ts',
};

/** Static imports of every library of ONE_MODULE except `allowed`. */
const restrictedImports = (allowed) => [
  'error',
  {
    patterns: Object.entries(ONE_MODULE)
      .filter(([lib]) => lib !== allowed)
      .map(([lib, file]) => ({ regex: `^${lib}(/|$)`, message: `import ${lib} only in ${file} (use what it exports)` })),
  },
];

/** Who may write to the terminal: the stdio module and the other io/ writers, and cli.ts (exit messages). */
const STDIO_WRITERS = ['src/io/**', 'src/cli.ts'];
const rawWrite = {
  selector: "MemberExpression[object.type='MemberExpression'][object.object.name='process'][object.property.name=/^std(out|err)$/][property.name='write']",
  message: 'write to the terminal through src/io/stdio.ts (or return the text to the command), not process.stdout/stderr.write',
};

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'data/', 'fixtures/', 'docs/', 'test/bench/out/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // `_`-prefixed names are deliberately unused (positional parameters, destructuring).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      // Control characters in regexes are deliberate here: terminal output is sanitised, ANSI colours stripped.
      'no-control-regex': 'off',
    },
  },
  {
    files: ['src/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // A few type-aware rules, chosen for a CLI that streams: a forgotten await loses a write or an error.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unnecessary-type-assertion': 'error',
      // stdout carries data (JSON, CSV…) that users pipe: nothing else may print there.
      'no-console': 'error',
      'no-restricted-imports': restrictedImports(null),
      'no-restricted-syntax': ['error', rawWrite],
    },
  },
  // The one module of each library may import it.
  ...Object.entries(ONE_MODULE).map(([lib, file]) => ({ files: [file], rules: { 'no-restricted-imports': restrictedImports(lib) } })),
  { files: STDIO_WRITERS, rules: { 'no-restricted-syntax': 'off' } },
  {
    // pdf.js logs through console while it parses; readPdf silences it for that call only.
    files: ['src/io/pdf.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['test/**/*.{ts,mjs}', '*.{js,mjs}'],
    rules: {
      // Tests assert with `!` on what they have just checked, and bench scripts print their tables.
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
);
