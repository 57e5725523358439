/**
 * Progress bar on stderr. The only module that loads cli-progress (on first draw).
 *
 * Nothing is drawn unless stderr is a terminal and `quiet` is not set, and nothing before
 * `delayMs` (2 s) of work: short runs never flash a bar. After that a bar (known total) or a
 * counter (total null) is drawn and redrawn at most 10 times a second; `stop()` erases it.
 * The bar never keeps the process alive (its timers are unref'd) and never leaves the terminal
 * in a changed state (no hidden cursor, no disabled line wrapping); if the process exits without
 * `stop()`, the line is erased on 'exit'.
 */
import { createRequire } from 'node:module';
import type { SingleBar } from 'cli-progress';

/** cli-progress, loaded when a bar is first drawn: a run on a pipe, or under 2 s, never pays its ~7 ms of loading. */
let cliProgress: typeof import('cli-progress') | undefined;
function barClass(): typeof SingleBar {
  cliProgress ??= createRequire(import.meta.url)('cli-progress') as typeof import('cli-progress');
  return cliProgress.SingleBar;
}

export interface Progress {
  /** Count `n` (default 1) more items done. */
  tick(n?: number): void;
  /** Erase the bar (if drawn). Idempotent. */
  stop(): void;
}

export interface ProgressOptions {
  /** Number of items, or null when unknown (a counter is shown). */
  total: number | null;
  /** Shown before the bar, e.g. "classify". */
  label: string;
  /** --quiet: never draw. */
  quiet?: boolean;
  /** Where to draw (default process.stderr); for tests. */
  stream?: NodeJS.WriteStream;
  /** Work time before the bar appears (default 2000 ms); for tests. */
  delayMs?: number;
}

const NOOP: Progress = { tick() {}, stop() {} };

export function progressBar(opts: ProgressOptions): Progress {
  const stream = opts.stream ?? process.stderr;
  if (opts.quiet || !stream.isTTY) return NOOP;
  const delay = opts.delayMs ?? 2000;
  const started = Date.now();
  let value = 0;
  let stopped = false;
  let bar: SingleBar | null = null;

  const onExit = (): void => {
    bar?.stop();
  };
  const show = (): void => {
    if (bar || stopped) return;
    const known = opts.total !== null;
    const Bar = barClass();
    bar = new Bar({
      stream,
      format: known ? '{label} [{bar}] {percentage}% | {value}/{total} | ETA {eta_formatted}' : '{label} {value} | {duration_formatted}',
      barsize: 30,
      clearOnComplete: true,
      hideCursor: false,
      // true: lines are cut to the terminal width, and the terminal's own wrapping mode is never
      // touched (false would send ESC[?7l and rely on stop() to undo it).
      linewrap: true,
      gracefulExit: false,
      fps: 10,
    });
    // cli-progress reschedules a redraw timer after each render; unref it so that a forgotten
    // stop() cannot keep the process alive.
    const b = bar as unknown as { render: () => void; timer: NodeJS.Timeout | null };
    const render = b.render.bind(bar);
    b.render = () => {
      render();
      b.timer?.unref?.();
    };
    bar.start(known ? Math.max(0, opts.total ?? 0) : 0, value, { label: opts.label });
    process.once('exit', onExit);
  };
  const timer = setTimeout(show, delay);
  timer.unref();

  return {
    tick(n = 1) {
      if (stopped) return;
      value += n;
      if (bar) bar.update(value);
      else if (Date.now() - started >= delay) show();
    },
    stop() {
      if (stopped) return;
      stopped = true;
      clearTimeout(timer);
      if (bar) {
        bar.update(value);
        bar.stop();
        process.removeListener('exit', onExit);
      }
    },
  };
}
