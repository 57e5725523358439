/**
 * Colour policy, without chalk (see ./color.ts for painting).
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
export interface ColorOptions {
  /** false when --no-color was given. */
  color?: boolean;
  /** Environment to read (default process.env); for tests. */
  env?: NodeJS.ProcessEnv;
  /** Whether the stream is a terminal (default: the real stream's isTTY); for tests. */
  isTTY?: boolean;
}

export function colorEnabled(stream: 'stdout' | 'stderr', opts: ColorOptions = {}): boolean {
  if (opts.color === false) return false;
  const env = opts.env ?? process.env;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return !(force === '0' || force.toLowerCase() === 'false');
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.TERM === 'dumb') return false;
  return opts.isTTY ?? Boolean((stream === 'stdout' ? process.stdout : process.stderr).isTTY);
}
