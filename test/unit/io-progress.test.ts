import { Writable } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { progressBar } from '../../src/io/progress.js';

class FakeTerm extends Writable {
  out = '';
  isTTY: boolean;
  columns = 80;
  constructor(isTTY: boolean) {
    super();
    this.isTTY = isTTY;
  }
  override _write(chunk: Buffer | string, _enc: BufferEncoding, cb: () => void): void {
    this.out += chunk.toString();
    cb();
  }
}

const asStream = (t: FakeTerm) => t as unknown as NodeJS.WriteStream;

afterEach(() => vi.useRealTimers());

describe('progressBar', () => {
  it('draws nothing when stderr is not a terminal', () => {
    const t = new FakeTerm(false);
    const p = progressBar({ total: 10, label: 'classify', stream: asStream(t), delayMs: 0 });
    p.tick(5);
    p.stop();
    expect(t.out).toBe('');
  });

  it('draws nothing with quiet', () => {
    const t = new FakeTerm(true);
    const p = progressBar({ total: 10, label: 'classify', quiet: true, stream: asStream(t), delayMs: 0 });
    p.tick(5);
    p.stop();
    expect(t.out).toBe('');
  });

  it('draws nothing for a run shorter than the delay', () => {
    vi.useFakeTimers();
    const t = new FakeTerm(true);
    const p = progressBar({ total: 10, label: 'classify', stream: asStream(t) });
    p.tick(3);
    vi.advanceTimersByTime(1500);
    p.tick(3);
    p.stop();
    vi.advanceTimersByTime(5000);
    expect(t.out).toBe('');
  });

  it('after the delay, draws the label and the count, and erases the line on stop', () => {
    vi.useFakeTimers();
    const t = new FakeTerm(true);
    const p = progressBar({ total: 10, label: 'classify', stream: asStream(t) });
    p.tick(4);
    vi.advanceTimersByTime(2100);
    expect(t.out).toContain('classify [');
    expect(t.out).toContain('4/10');
    const before = t.out.length;
    p.tick(6);
    p.stop();
    const tail = t.out.slice(before);
    expect(tail).toContain('10/10');
    expect(tail.endsWith('\x1b[2K')).toBe(true); // clearOnComplete: the line is erased
    p.stop();
    expect(t.out.slice(before)).toBe(tail); // idempotent
  });

  it('unknown total: a counter', () => {
    const t = new FakeTerm(true);
    const p = progressBar({ total: null, label: 'lecture', stream: asStream(t), delayMs: 0 });
    p.tick(7);
    p.stop();
    const visible = t.out.replace(/\x1b(\[[0-9;?]*[A-Za-z]|[78])/g, '');
    expect(visible).toMatch(/^lecture 7 \| \d+s$/);
  });
});
