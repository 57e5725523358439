import { describe, expect, it } from 'vitest';
import { toJson, toNdjson } from '../../src/render/json.js';

describe('toJson', () => {
  it('2-space indent, insertion order, trailing newline, French text unescaped', () => {
    expect(toJson({ z: 1, a: [1, 2], label: 'Accès « aux » soins’', n: null })).toBe(
      '{\n  "z": 1,\n  "a": [\n    1,\n    2\n  ],\n  "label": "Accès « aux » soins’",\n  "n": null\n}\n',
    );
  });

  it('numbers as JSON prints them; non-finite become null; undefined prints null', () => {
    expect(toJson([0.1 + 0.2, -0, 1e21, Number.NaN, Infinity])).toBe('[\n  0.30000000000000004,\n  0,\n  1e+21,\n  null,\n  null\n]\n');
    expect(toJson(undefined)).toBe('null\n');
  });
});

describe('toNdjson', () => {
  it('one compact JSON per line with a trailing newline', () => {
    expect(toNdjson([{ a: 1, b: 'x\ny' }, { c: [1, { d: 'é' }] }])).toBe('{"a":1,"b":"x\\ny"}\n{"c":[1,{"d":"é"}]}\n');
  });

  it('accepts any iterable; nothing → empty string', () => {
    function* gen() {
      yield { i: 1 };
      yield { i: 2 };
    }
    expect(toNdjson(gen())).toBe('{"i":1}\n{"i":2}\n');
    expect(toNdjson([])).toBe('');
  });

  it('every line parses back to the record', () => {
    const recs = [{ t: 'ligne\u2028sep' }, { t: '"quoted"' }];
    const out = toNdjson(recs).split('\n');
    expect(out.length).toBe(3);
    expect(out.slice(0, 2).map((l) => JSON.parse(l))).toEqual(recs);
  });
});
