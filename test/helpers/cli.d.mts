import type { SpawnSyncReturns } from 'node:child_process';

export const ROOT: string;
export const BIN: string;
export const env: NodeJS.ProcessEnv;

interface Options {
  input?: string | Buffer;
  cwd?: string;
  extraEnv?: NodeJS.ProcessEnv;
}

export function run(args: string[], opts?: Options & { encoding?: 'utf8' }): SpawnSyncReturns<string>;
export function run(args: string[], opts: Options & { encoding: 'buffer' }): SpawnSyncReturns<Buffer>;
export function sh(cmd: string, opts?: Options & { encoding?: 'utf8'; pipefail?: boolean }): SpawnSyncReturns<string>;
export function sh(cmd: string, opts: Options & { encoding: 'buffer'; pipefail?: boolean }): SpawnSyncReturns<Buffer>;
export function shAsync(cmd: string, opts?: { cwd?: string; extraEnv?: NodeJS.ProcessEnv }): Promise<{ status: number | null; stdout: string; stderr: string }>;
export function runAsync(
  args: string[],
  opts?: { cwd?: string; extraEnv?: NodeJS.ProcessEnv },
): Promise<{ status: number | null; stdout: string; stderr: string }>;
export function tempDir(prefix?: string): string;
export const hasJq: boolean;
