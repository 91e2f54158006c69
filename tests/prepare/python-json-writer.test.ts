/**
 * writePythonJson: the bytes of CPython's json.dumps(value, indent=4, sort_keys=True), printed on the
 * authoring machine; the streamed writer gives the one-string text for random values, in small chunks that
 * wait for a slow stream to drain.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import {
  pythonJsonPieces,
  pythonJsonText,
  writePythonJson,
  writePythonJsonTo,
} from '../../harness/prepare/python-json-writer.js';
import { useTempDir } from '../support/temp-dir.js';

const dir = useTempDir();

it.each([
  [
    'an object with arrays streamed',
    {
      images: [{ id: 1, file_name: 'images/1.jpg', b: 'é' }],
      info: { year: 2020, x: [1, 2] },
      licenses: [],
      z: 'ü',
      a: {},
    },
    '{\n    "a": {},\n    "images": [\n        {\n            "b": "\\u00e9",\n            "file_name": "images/1.jpg",\n            "id": 1\n        }\n    ],\n    "info": {\n        "x": [\n            1,\n            2\n        ],\n        "year": 2020\n    },\n    "licenses": [],\n    "z": "\\u00fc"\n}',
  ],
  [
    'a top-level array, astral characters as surrogate pairs',
    [{ b: 1, a: [{ c: 2 }] }, { d: '\u{1F600}' }],
    '[\n    {\n        "a": [\n            {\n                "c": 2\n            }\n        ],\n        "b": 1\n    },\n    {\n        "d": "\\ud83d\\ude00"\n    }\n]',
  ],
  [
    'nested containers, a non-ASCII key, DEL and a control character (CPython 3.12)',
    { 'k\u00e9': '\x7f\x1f', a: [[1, []], {}], b: { c: { d: [1] } } },
    '{\n    "a": [\n        [\n            1,\n            []\n        ],\n        {}\n    ],\n    "b": {\n        "c": {\n            "d": [\n                1\n            ]\n        }\n    },\n    "k\\u00e9": "\\u007f\\u001f"\n}',
  ],
  [
    'keys an object would list out of order, and floats that overflowed (CPython 3.12)',
    { '10': 1, '9': [Infinity, -Infinity], '': null, '0': { b: 1, a: 2 } },
    '{\n    "": null,\n    "0": {\n        "a": 2,\n        "b": 1\n    },\n    "10": 1,\n    "9": [\n        Infinity,\n        -Infinity\n    ]\n}',
  ],
])('writes %s as Python does', async (name, value, expected) => {
  const file = join(dir, `${name}.json`);
  await writePythonJson(file, value);
  expect(readFileSync(file, 'utf8')).toBe(expected);
});

it('streams the same text as the one-string version, for random values', () => {
  fc.assert(
    fc.property(fc.jsonValue(), (value) => {
      expect([...pythonJsonPieces(value)].join('')).toBe(pythonJsonText(value));
    }),
    { numRuns: 300 },
  );
});

/** The earlier writer: JSON.stringify of a key-sorted copy, right while no key looks like an array index. */
function stringifiedSorted(value: unknown): string {
  const sorted = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sorted)
      : v !== null && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, sorted((v as Record<string, unknown>)[k])]),
          )
        : v;
  return JSON.stringify(sorted(value), null, 4).replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

it('writes what JSON.stringify of a sorted copy writes, for random values without index-like keys', () => {
  const noIndexKeys = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      fc.oneof(fc.string({ unit: 'binary' }), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean()),
      fc.constant(null),
      fc.array(tie('value'), { maxLength: 4 }),
      fc.dictionary(
        fc.string({ unit: 'binary' }).filter((key) => !/^(0|[1-9][0-9]*)$/.test(key)),
        tie('value'),
        { maxKeys: 4 },
      ),
    ),
  })).value;
  fc.assert(
    fc.property(noIndexKeys, (value) => {
      expect(pythonJsonText(value)).toBe(stringifiedSorted(value));
    }),
    { numRuns: 300 },
  );
});

/** A stream that takes a while for every chunk, remembering each chunk and how full it was when written to. */
function slowStream(highWaterMark: number) {
  const chunks: string[] = [];
  const bufferedBefore: number[] = [];
  const out = new Writable({
    highWaterMark,
    decodeStrings: false,
    write(chunk: string, _encoding, done) {
      chunks.push(chunk);
      setTimeout(done, 1);
    },
  });
  const write = out.write.bind(out);
  out.write = ((chunk: string, ...rest: never[]) => {
    bufferedBefore.push(out.writableLength);
    return write(chunk, ...rest);
  }) as typeof out.write;
  return { out, chunks, bufferedBefore };
}

it('writes in chunks of about chunkChars and waits for the stream to drain', async () => {
  const images = Array.from({ length: 200 }, (_, i) => ({ id: i, file_name: `images/${i}.jpg`, name: 'Montréal' }));
  const value = { images, annotations: images.map((image) => ({ image_id: image.id })), info: { year: 2021 } };
  const { out, chunks, bufferedBefore } = slowStream(256);
  await writePythonJsonTo(out, value, { chunkChars: 100 });
  const text = pythonJsonText(value);
  expect(chunks.join('')).toBe(text);
  // never one text: many chunks, none much over chunkChars (at most one piece, an image entry, over)
  expect(chunks.length).toBeGreaterThan(text.length / 300);
  expect(Math.max(...chunks.map((chunk) => chunk.length))).toBeLessThan(300);
  // backpressure: nothing is written while the stream holds its highWaterMark or more
  expect(Math.max(...bufferedBefore)).toBeLessThan(256);
});
