// The one way notes and refusals list things: the first few, then ", …" when there are more.
import { describe, expect, it } from 'vitest';
import { clip, firstFew } from '../../src/wording.js';

describe('firstFew', () => {
  it('lists all when they fit, the first few and ", …" when they do not', () => {
    expect(firstFew([], 3)).toBe('');
    expect(firstFew([4, 7], 3)).toBe('4, 7');
    expect(firstFew([4, 7, 9], 3)).toBe('4, 7, 9');
    expect(firstFew([4, 7, 9, 12], 3)).toBe('4, 7, 9, …');
  });
  it('says ", …" when only the first few were kept of a larger total', () => {
    expect(firstFew(['"a"', '"b"'], 2, 2)).toBe('"a", "b"');
    expect(firstFew(['"a"', '"b"'], 2, 5)).toBe('"a", "b", …');
    expect(firstFew(['"a"'], 5, 3)).toBe('"a", …');
  });
});

describe('clip', () => {
  it('cuts a text to its length, the mark within it', () => {
    expect(clip('abcdef', 6)).toBe('abcdef');
    expect(clip('abcdefg', 6)).toBe('abcde…');
    expect(clip('abcdefg', 6, '...')).toBe('abc...');
    expect(clip('abcdefg', 6).length).toBe(6);
  });
});
