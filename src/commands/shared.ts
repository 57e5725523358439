/** What every command module shares: the factory shape, examples in help, common options. */
import type { Command } from 'commander';
import { UsageError } from '../errors.js';

/** Commands report their exit code through this (only cli.ts sets process.exitCode). */
export type SetExit = (code: number) => void;
export type CommandFactory = (setExit: SetExit) => Command;

/**
 * Append an "Examples:" block to a command's help. test/unit/help-examples.test.ts runs each one
 * once, as written, in a temporary directory of its own (data/ and fixtures/ linked in, /tmp/NAME
 * written there) and checks every file it writes.
 */
export function withExamples(cmd: Command, examples: string[]): Command {
  // Descriptions are written with line breaks for the source; commander wraps to the terminal
  // itself, so single breaks become spaces (blank lines stay paragraph breaks).
  cmd.description(cmd.description().replace(/([^\n])\n(?=[^\n])/g, '$1 '));
  return cmd.addHelpText('after', `\nExamples:\n${examples.map((e) => `  $ ${e}`).join('\n')}\n`);
}

export function parseIntOption(name: string) {
  return (v: string): number => {
    if (!/^\d+$/.test(v)) throw new UsageError(`${name} takes a whole number, got "${v}"`);
    return Number(v);
  };
}

/** Wrap an async action so that its returned code reaches cli.ts. */
export function action<A extends unknown[]>(setExit: SetExit, fn: (...args: A) => Promise<number>) {
  return async (...args: A): Promise<void> => {
    setExit(await fn(...args));
  };
}
