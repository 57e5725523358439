/**
 * How much of the machine is free right now, measured rather than guessed: the idle time of every
 * core (os.cpus(), /proc/stat on Linux) between two samples. `classify`'s default --jobs uses it
 * once it has read enough records to consider threads (~0.05 s in): the 1-minute load average it
 * used before lags by a minute, so it still counted processes that had just ended (a benchmark's
 * previous run) and said "busy" on an idle machine.
 */
import { availableParallelism, cpus } from 'node:os';

export interface CpuSample {
  /** Wall clock, ms. */
  at: number;
  /** Idle time summed over the cores, ms. */
  idle: number;
}

export function cpuSample(): CpuSample {
  let idle = 0;
  for (const c of cpus()) idle += c.times.idle;
  return { at: performance.now(), idle };
}

/** Cores that stayed idle on average between two samples (0 when the interval is too short to tell). */
export function idleCores(a: CpuSample, b: CpuSample): number {
  const wall = b.at - a.at;
  return wall >= 20 ? Math.max(0, (b.idle - a.idle) / wall) : 0;
}

export function coreCount(): number {
  return availableParallelism();
}
