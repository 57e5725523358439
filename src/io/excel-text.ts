/**
 * The constant text formula of spreadsheets, ="007": how `--excel-fr` writes a text that a
 * spreadsheet would turn into a number or a date (src/render/csv.ts), read back here by the CSV
 * readers, `tables --check` and the writer's own inverse. One definition of the form.
 */

const CONSTANT = /^="((?:[^"]|"")*)"$/;

/** The text of a ="…" cell (its "" undoubled); any other cell as it is. */
export function excelConstant(v: string): string {
  if (v.length < 3 || v.charCodeAt(0) !== 0x3d || v.charCodeAt(1) !== 0x22) return v;
  const m = CONSTANT.exec(v);
  return m ? m[1]!.replace(/""/g, '"') : v;
}
