/**
 * parseJsonStream / readJsonFile give what JSON.parse gives for the same text, whatever the chunking:
 * random documents (unicode, lone surrogates, escapes, number spellings) cut into random chunks, latin-1
 * files read as latin-1, and the errors JSON.parse would raise.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJsonStream, readJsonFile } from '../../harness/prepare/json-stream-reader.js';
import { useTempDir } from '../support/temp-dir.js';

const dir = useTempDir();

/** The bytes in chunks cut at `cuts` (byte offsets, any order), so UTF-8 characters get split too. */
async function* cutAt(bytes: Buffer, cuts: readonly number[]): AsyncGenerator<Uint8Array> {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  let from = 0;
  for (const point of [...points, bytes.length]) {
    if (point > from) yield bytes.subarray(from, point);
    from = Math.max(from, point);
  }
}

const parseCut = (text: string, cuts: readonly number[]) => parseJsonStream(cutAt(Buffer.from(text, 'utf8'), cuts));

/**
 * The value as a tree that toStrictEqual compares exactly: keys in their order (an own "__proto__" key
 * included), -0 apart from 0, and no reliance on a `constructor` property, which JSON may define.
 */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return ['array', value.map(canonical)];
  if (typeof value === 'number') return ['number', Object.is(value, -0) ? '-0' : String(value)];
  if (value === null || typeof value !== 'object') return value;
  const object = value as Record<string, unknown>;
  return [
    'object',
    Object.getPrototypeOf(object) === Object.prototype,
    Object.keys(object).map((k) => [k, canonical(object[k])]),
  ];
}
const sameAsJsonParse = (parsed: unknown, text: string) =>
  expect(canonical(parsed)).toStrictEqual(canonical(JSON.parse(text)));

/** A JSON number as any valid spelling (exponents, signs, leading zeros of fractions, overflow to Infinity). */
const numberText = fc.stringMatching(/^-?(0|[1-9][0-9]{0,20})(\.[0-9]{1,20})?([eE][+-]?[0-9]{1,3})?$/);
/** A string literal mixing raw characters (any UTF-16 unit, BOM included) and \u escapes (lone surrogates too). */
const stringText = fc
  .array(
    fc.oneof(
      fc.string({ unit: 'binary', maxLength: 4 }).map((s) => JSON.stringify(s).slice(1, -1)),
      fc.integer({ min: 0, max: 0xffff }).map((u) => `\\u${u.toString(16).padStart(4, '0')}`),
      fc.constantFrom('\ufeff', '\\"', '\\\\', '\\/', '\\b', '\\f', '\\n', '\\r', '\\t', 'é', '\u{1F600}'),
    ),
    { maxLength: 8 },
  )
  .map((parts) => `"${parts.join('')}"`);
/** A document of those literals, with the whitespace JSON allows between tokens. */
const documentText = fc.letrec<{ value: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    numberText,
    stringText,
    fc.constantFrom('true', 'false', 'null'),
    fc.array(tie('value'), { maxLength: 5 }).map((items) => `[${items.join(' ,\n')}]`),
    fc
      .array(fc.tuple(fc.oneof(stringText, fc.constantFrom('"__proto__"', '"a"', '"constructor"')), tie('value')), {
        maxLength: 5,
      })
      .map((members) => `{\t${members.map(([k, v]) => `${k} :${v}`).join(',')} }`),
  ),
})).value;

describe('parseJsonStream', () => {
  it('parses random documents of any chunking exactly as JSON.parse', async () => {
    await fc.assert(
      fc.asyncProperty(documentText, fc.array(fc.nat(), { maxLength: 12 }), async (text, cuts) => {
        sameAsJsonParse(await parseCut(text, cuts), text);
      }),
      { numRuns: 400 },
    );
  });

  it('parses random JSON values written by JSON.stringify, byte by byte', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ depthSize: 'small' }), async (value) => {
        const text = JSON.stringify(value, null, 1);
        const bytes = Buffer.from(text, 'utf8');
        const cuts = Array.from(bytes, (_, i) => i);
        sameAsJsonParse(await parseCut(text, cuts), text);
      }),
      { numRuns: 200 },
    );
  });

  it.each([
    ['a BOM cut by every boundary', '["\ufeffa\ufeff", "b\ufeff"]'],
    ['the largest, smallest and negative-zero numbers', '[1e400, -1e400, 5e-324, 1e-400, -0, 1.7976931348623157e308]'],
    ['"__proto__" as an own key, the last duplicate wins', '{"__proto__": {"x": 1}, "a": 1, "a": 2}'],
    ['lone and paired surrogate escapes', '["\\ud800", "\\udc00x", "\\ud83d\\ude00", "\\uD83D\\uDE00"]'],
    ['a top-level number', '  -12.5e3 '],
  ])('parses %s as JSON.parse', async (_name, text) => {
    const bytes = Buffer.from(text, 'utf8');
    for (const cuts of [[], Array.from(bytes, (_, i) => i)]) {
      sameAsJsonParse(await parseCut(text, cuts), text);
    }
  });

  it.each([
    ['empty input', ''],
    ['a truncated object', '{"a": [1, 2'],
    ['text after the document', '{} x'],
    ['a trailing comma', '[1,]'],
    ['a leading zero', '01'],
  ])('rejects %s, as JSON.parse does', async (_name, text) => {
    expect(() => JSON.parse(text)).toThrow();
    await expect(parseCut(text, [1, 2, 3])).rejects.toThrow();
  });

  it('rejects invalid UTF-8 instead of replacing it', async () => {
    await expect(parseJsonStream(cutAt(Buffer.from([0x22, 0xff, 0x22]), []))).rejects.toThrow();
  });
});

describe('readJsonFile', () => {
  it('reads latin-1 as readFile(file, "latin1") + JSON.parse does, in chunks of a few bytes', async () => {
    const file = join(dir, 'latin1.json');
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(
          fc.string({ unit: fc.integer({ min: 0, max: 0xff }).map((c) => String.fromCharCode(c)) }),
          fc.nat(),
        ),
        fc.integer({ min: 1, max: 9 }),
        async (value, highWaterMark) => {
          // U+0080–U+00FF stay raw in JSON.stringify's text and become single bytes: not UTF-8
          const text = JSON.stringify(value);
          writeFileSync(file, Buffer.from(text, 'latin1'));
          sameAsJsonParse(await readJsonFile(file, { encoding: 'latin1', highWaterMark }), text);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('reads UTF-8 files in chunks smaller than one character', async () => {
    const file = join(dir, 'utf8.json');
    const value = { name: 'Plantae Montréal \u{1F600}\ufeff', ids: [1, 2.5, -3e-7] };
    writeFileSync(file, JSON.stringify(value));
    expect(await readJsonFile(file, { highWaterMark: 1 })).toStrictEqual(value);
  });
});
