import { canonicalJson, toJsonValue } from '../../../src/services/evidence/canonical-json';

describe('canonical JSON', () => {
  it('sorts keys at every depth and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: 'x' } })).toBe('{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}');
  });

  it('gives the same text for equal values whatever their key order', () => {
    expect(canonicalJson({ x: 1, y: [1, 2], z: { b: 2, a: 1 } })).toBe(canonicalJson({ z: { a: 1, b: 2 }, y: [1, 2], x: 1 }));
  });

  it('writes numbers and strings as JSON.stringify does (RFC 8785)', () => {
    expect(canonicalJson([1.5, 1e21, -0, 0.1, 'é\n"q"', '\u2028'])).toBe('[1.5,1e+21,0,0.1,"é\\n\\"q\\"","\u2028"]');
  });

  it('sorts keys by UTF-16 code units', () => {
    expect(canonicalJson({ b: 1, B: 2, é: 3, a: 4 })).toBe('{"B":2,"a":4,"b":1,"é":3}');
  });

  it('drops undefined fields and refuses values JSON cannot hold', () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson({ a: 1n })).toThrow(TypeError);
  });

  it('normalises a value to what a JSON column reads back (dates become ISO strings)', () => {
    expect(toJsonValue({ at: new Date('2024-01-02T03:04:05.678Z'), gone: undefined })).toEqual({ at: '2024-01-02T03:04:05.678Z' });
  });
});
