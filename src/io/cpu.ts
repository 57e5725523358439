/**
 * How much of the machine is free right now, measured rather than guessed: the idle time of every
 * core (os.cpus(), /proc/stat on Linux) between two samples. `classify`'s default --jobs uses it
 * once it has read enough records to consider threads (~0.05 s in): the 1-minute load average it
 * used before lags by a minute, so it still counted processes that had just ended (a benchmark's
 * previous run) and said "busy" on an idle machine.
 */
import { fstatSync, statSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';

export interface CpuSample {
  /** Wall clock, ms. */
  at: number;
  /** Idle time summed over the cores, ms. */
  idle: number;
  /** CPU time of this process (all its threads), ms. */
  own: number;
}

export function cpuSample(): CpuSample {
  let idle = 0;
  for (const c of cpus()) idle += c.times.idle;
  const u = process.cpuUsage();
  return { at: performance.now(), idle, own: (u.user + u.system) / 1000 };
}

/**
 * Cores free for more threads between two samples: the capacity that other processes left
 * (idle time plus this process's own time, per unit of wall time), less the one this thread
 * uses. This process's own helper threads (V8's compiler and collector, libuv's reads) count as
 * free: they stop when loading does. Null when the interval is too short to tell (the counters
 * tick every 10 ms).
 */
export function idleCores(a: CpuSample, b: CpuSample): number | null {
  const wall = b.at - a.at;
  return wall >= 40 ? Math.max(0, (b.idle - a.idle + b.own - a.own) / wall - 1) : null;
}

export function coreCount(): number {
  return availableParallelism();
}

/** Size in bytes of an input that is a regular file (a path, or stdin redirected from a file); null for a pipe, a terminal or an error. */
export function inputFileSize(file: string | undefined): number | null {
  try {
    const st = file === undefined || file === '-' ? fstatSync(0) : statSync(file);
    return st.isFile() ? st.size : null;
  } catch {
    return null;
  }
}
