/**
 * HTML built with an escaping tagged template: every interpolated value is escaped unless it is
 * already `Html` (markup written here, or a nested `html` template). No interpolation can forget
 * its escaping: labels, ids, file names and codes from the report all go through `esc`.
 *
 *   html`<td>${label}</td>`            label escaped
 *   html`<ul>${items.map((i) => html`<li>${i}</li>`)}</ul>`   arrays are concatenated
 *   raw(svg)                           trusted markup (the charts' SVG, the CSS)
 */

/** Markup that is safe to put in a page as is. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type HtmlValue = Html | string | number | null | undefined | false | readonly HtmlValue[];

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function esc(s: unknown): string {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

function render(v: HtmlValue): string {
  if (v instanceof Html) return v.value;
  if (Array.isArray(v)) return v.map(render).join('');
  if (v === null || v === undefined || v === false) return '';
  return esc(v);
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1]!;
  return new Html(out);
}

/** Trusted markup, unescaped (never for data read from a file). */
export function raw(s: string): Html {
  return new Html(s);
}

/** Parts joined by a separator (markup). */
export function joinHtml(parts: readonly HtmlValue[], sep: string): Html {
  return new Html(parts.map(render).join(sep));
}
