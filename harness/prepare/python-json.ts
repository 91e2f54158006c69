/**
 * Re-serialising JSON text the way Python's `json.dumps(json.loads(text))` writes it (default
 * separators `, ` and `: `, ensure_ascii), for MLE-bench preparations that load a raw JSON file, keep
 * some of it and dump it again. Numbers keep their kind: a literal with a fraction or exponent is a
 * Python float and is written as `repr(float)` (`1.50` → `1.5`, `1e5` → `100000.0`), an integer keeps
 * its digits (so 64-bit ids survive). Key order is kept as written.
 */
import { PrepareError } from './prepare-error.js';
import { pythonFloat } from './python-float.js';

export class JsonFormatError extends PrepareError {
  override name = 'JsonFormatError';
}

/** A parsed JSON value that remembers whether each number was written as an integer or a float. */
export type PyJson =
  | { kind: 'int'; text: string }
  | { kind: 'float'; value: number }
  | string
  | boolean
  | null
  | PyJson[]
  | { kind: 'object'; entries: [string, PyJson][] };

const TOKEN =
  /\s*(?:("(?:[^"\\\u0000-\u001f]|\\.)*")|(-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?)|(true|false|null)|([[\]{}:,]))/y;

export function parsePyJson(text: string, source: string): PyJson {
  let pos = 0;
  const next = () => {
    TOKEN.lastIndex = pos;
    const match = TOKEN.exec(text);
    if (match === null) throw new JsonFormatError(`${source}: invalid JSON at character ${pos}`);
    pos = TOKEN.lastIndex;
    return match;
  };
  const value = (match: RegExpExecArray): PyJson => {
    const [, str, num, fraction, exponent, literal, punct] = match;
    if (str !== undefined) return JSON.parse(str) as string;
    if (num !== undefined) {
      return fraction !== undefined || exponent !== undefined
        ? { kind: 'float', value: Number(num) }
        : { kind: 'int', text: num };
    }
    if (literal !== undefined) return literal === 'null' ? null : literal === 'true';
    if (punct === '[') {
      const items: PyJson[] = [];
      let token = next();
      if (token[6] === ']') return items;
      for (;;) {
        items.push(value(token));
        token = next();
        if (token[6] === ']') return items;
        if (token[6] !== ',') throw new JsonFormatError(`${source}: expected , or ] at character ${pos}`);
        token = next();
      }
    }
    if (punct === '{') {
      const entries: [string, PyJson][] = [];
      let token = next();
      if (token[6] === '}') return { kind: 'object', entries };
      for (;;) {
        if (token[1] === undefined) throw new JsonFormatError(`${source}: expected a key at character ${pos}`);
        const key = JSON.parse(token[1]) as string;
        if (next()[6] !== ':') throw new JsonFormatError(`${source}: expected : at character ${pos}`);
        entries.push([key, value(next())]);
        token = next();
        if (token[6] === '}') return { kind: 'object', entries };
        if (token[6] !== ',') throw new JsonFormatError(`${source}: expected , or } at character ${pos}`);
        token = next();
      }
    }
    throw new JsonFormatError(`${source}: unexpected '${punct}' at character ${pos}`);
  };
  const result = value(next());
  if (text.slice(pos).trim() !== '') throw new JsonFormatError(`${source}: trailing text at character ${pos}`);
  return result;
}

const SHORT_ESCAPES: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

/** Python's ensure_ascii string encoding: printable ASCII as is, everything else escaped per UTF-16 unit. */
export function pythonJsonString(s: string): string {
  const body = s.replace(
    /["\\]|[^ -~]/g,
    (c) => SHORT_ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return `"${body}"`;
}

/** `json.dumps(value)` with Python's defaults. */
export function dumpPyJson(value: PyJson): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'string') return pythonJsonString(value);
  if (Array.isArray(value)) return `[${value.map(dumpPyJson).join(', ')}]`;
  if (value.kind === 'int') return value.text;
  if (value.kind === 'float') {
    // json.dumps writes the non-finite floats as NaN/Infinity; JSON text cannot hold them, so no input has them
    return Object.is(value.value, -0) ? '-0.0' : pythonFloat(value.value);
  }
  return `{${value.entries.map(([k, v]) => `${pythonJsonString(k)}: ${dumpPyJson(v)}`).join(', ')}}`;
}

/** The field `key` of an object (the last one, as Python's dict keeps), or undefined. */
export function pyField(value: PyJson, key: string): PyJson | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || value.kind !== 'object') return undefined;
  return value.entries.findLast(([k]) => k === key)?.[1];
}
