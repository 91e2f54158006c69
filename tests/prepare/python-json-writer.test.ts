/** writePythonJson: the bytes of CPython's json.dumps(value, indent=4, sort_keys=True), printed on the authoring machine. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { writePythonJson } from '../../harness/prepare/python-json-writer.js';
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
])('writes %s as Python does', async (name, value, expected) => {
  const file = join(dir, `${name}.json`);
  await writePythonJson(file, value);
  expect(readFileSync(file, 'utf8')).toBe(expected);
});
