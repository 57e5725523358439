/**
 * The normalised line stream every parser stage reads. Text and PDF inputs are both turned into
 * this one shape, so there is one parser:
 *  - `n` is the 1-based line number in the stream (for text input: the line of the file);
 *  - `text` follows the conventions of the bundled text extraction: a bullet item or an IDEA
 *    line starts with a single space (the lost bullet glyph), a GROUP line, a heading and a
 *    continuation line start at column 0, a sub-item starts with "- ";
 *  - `page` is set for PDF input (1-based).
 * Page footers and running heads may remain in the stream: the parser recognises and skips them.
 */
export interface SourceLine {
  n: number;
  text: string;
  page?: number;
}

/** Split decoded text into the line stream (LF, CRLF or CR). */
export function textToLines(text: string): SourceLine[] {
  const parts = text.split(/\r\n|\n|\r/);
  // A final newline does not start a line.
  if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  return parts.map((t, i) => ({ n: i + 1, text: t }));
}
