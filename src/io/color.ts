/**
 * Colour. The only module that imports chalk: everything else asks `colorEnabled` (in
 * ./color-policy.ts, chalk-free, so that commands which only decide whether to colour do not load
 * chalk) and paints with `paint(enabled)`.
 *
 * Colour is on only when the stream is a terminal. Overrides, strongest first:
 *   1. `--no-color` (opts.color === false): off, whatever the environment says;
 *   2. FORCE_COLOR set and non-empty: on, except "0" or "false" which force it off
 *      (FORCE_COLOR beats NO_COLOR, as in Node itself);
 *   3. NO_COLOR set and non-empty (https://no-color.org): off;
 *   4. TERM=dumb: off;
 *   5. otherwise: on if and only if the stream is a TTY.
 * (commander's `--no-color` makes `color` default to true, so `color: true` is not a request to
 * force colour; only `false` counts.)
 */
import chalk, { Chalk, type ChalkInstance } from 'chalk';

export type Painter = ChalkInstance;

const plain = new Chalk({ level: 0 });
const colored = new Chalk({ level: chalk.level > 0 ? chalk.level : 1 });

/**
 * A chalk instance: `paint(on).red('x')`. When `enabled` is false it has level 0 and returns its
 * input unchanged (no ANSI codes at all).
 */
export function paint(enabled: boolean): Painter {
  return enabled ? colored : plain;
}
