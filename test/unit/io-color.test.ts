import { describe, expect, it } from 'vitest';
import { paint } from '../../src/io/color.js';
import { colorEnabled } from '../../src/io/color-policy.js';

const tty = { isTTY: true, env: {} as NodeJS.ProcessEnv };

describe('colorEnabled', () => {
  it('on for a terminal, off when the stream is not a TTY', () => {
    expect(colorEnabled('stdout', { ...tty })).toBe(true);
    expect(colorEnabled('stdout', { isTTY: false, env: {} })).toBe(false);
    expect(colorEnabled('stderr', { isTTY: false, env: {} })).toBe(false);
  });

  it('uses the real stream when not told (vitest pipes stdout: no colour)', () => {
    const real = Boolean(process.stdout.isTTY);
    expect(colorEnabled('stdout', { env: {} })).toBe(real);
  });

  it('NO_COLOR (non-empty) turns it off; empty NO_COLOR does not', () => {
    expect(colorEnabled('stdout', { isTTY: true, env: { NO_COLOR: '1' } })).toBe(false);
    expect(colorEnabled('stdout', { isTTY: true, env: { NO_COLOR: '' } })).toBe(true);
  });

  it('--no-color turns it off, even with FORCE_COLOR', () => {
    expect(colorEnabled('stdout', { ...tty, color: false })).toBe(false);
    expect(colorEnabled('stdout', { isTTY: true, color: false, env: { FORCE_COLOR: '1' } })).toBe(false);
    expect(colorEnabled('stdout', { ...tty, color: true })).toBe(true);
  });

  it('FORCE_COLOR forces it on without a TTY (and over NO_COLOR); "0" forces it off', () => {
    expect(colorEnabled('stdout', { isTTY: false, env: { FORCE_COLOR: '1' } })).toBe(true);
    expect(colorEnabled('stdout', { isTTY: false, env: { FORCE_COLOR: '1', NO_COLOR: '1' } })).toBe(true);
    expect(colorEnabled('stdout', { isTTY: true, env: { FORCE_COLOR: '0' } })).toBe(false);
    expect(colorEnabled('stdout', { isTTY: false, env: { FORCE_COLOR: '' } })).toBe(false);
  });

  it('TERM=dumb turns it off', () => {
    expect(colorEnabled('stdout', { isTTY: true, env: { TERM: 'dumb' } })).toBe(false);
  });
});

describe('paint', () => {
  it('no escape codes when disabled, codes when enabled', () => {
    expect(paint(false).red.bold('erreur')).toBe('erreur');
    expect(paint(true).red('erreur')).toBe('\x1b[31merreur\x1b[39m');
  });
});
