// Prettier, matching the code as written: 2 spaces, single quotes, semicolons, trailing commas, and
// 160 columns, the longest line of most files under src/ (a narrower width would rewrap thousands of lines).
export default {
  printWidth: 160,
  singleQuote: true,
  semi: true,
  tabWidth: 2,
  trailingComma: 'all',
  // The html`…` templates of the report are its bytes: never reflow them.
  embeddedLanguageFormatting: 'off',
};
