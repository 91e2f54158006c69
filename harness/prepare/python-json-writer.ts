/**
 * Python's `json.dump(value, f, indent=4, sort_keys=True)` (ensure_ascii on), streamed: objects are written
 * key by key and arrays element by element (each array element is one piece of text), and the pieces go to
 * the file in chunks of about `chunkChars` characters with backpressure, so metadata of millions of images
 * never becomes one string (V8 caps one at ~512 Mi characters). Numbers are written as JavaScript prints
 * them, so a whole float Python wrote as `1.0` comes out `1` (JSON.parse keeps no int/float difference).
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';

/** '\n' and the indentation of each depth, made once: they are written around every value. */
const NEWLINES: string[] = [];
const newline = (depth: number) => (NEWLINES[depth] ??= `\n${' '.repeat(4 * depth)}`);
const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** A string as ensure_ascii writes it: JSON.stringify escapes quotes, backslashes and controls; the rest here. */
const NOT_ASCII = /[\u007f-\uffff]/;
const stringText = (value: string) => {
  const text = JSON.stringify(value);
  return NOT_ASCII.test(text)
    ? text.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    : text;
};

/** A scalar as Python writes it (a float that overflowed JSON.parse is Python's `Infinity`). */
function scalarText(value: unknown): string {
  if (typeof value === 'string') return stringText(value);
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  // numbers, booleans and null; undefined (no JSON value) as null, as JSON.stringify does in a list
  return JSON.stringify(value) ?? 'null';
}

/**
 * An object's keys as sort_keys orders them. Sorted by hand, not by JSON.stringify of a sorted copy: an
 * object lists keys like "9" before "10" and "" whatever the order they were added in. A key whose value
 * is undefined (no JSON value) is left out, as JSON.stringify does. (Python sorts by code point, this by
 * UTF-16 unit: they differ only between astral characters and U+E000–U+FFFF.)
 */
const sortedKeys = (object: Record<string, unknown>) =>
  Object.keys(object)
    .filter((key) => object[key] !== undefined)
    .sort();

/** One value as Python writes it at `depth` levels of indentation (its first line is not indented). */
export function pythonJsonText(value: unknown, depth = 0): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const pad = newline(depth + 1);
    let text = '[';
    for (let k = 0; k < value.length; k++) text += `${k === 0 ? '' : ','}${pad}${pythonJsonText(value[k], depth + 1)}`;
    return `${text}${newline(depth)}]`;
  }
  if (isObject(value)) {
    const keys = sortedKeys(value);
    if (keys.length === 0) return '{}';
    const pad = newline(depth + 1);
    let text = '{';
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k]!;
      text += `${k === 0 ? '' : ','}${pad}${stringText(key)}: ${pythonJsonText(value[key], depth + 1)}`;
    }
    return `${text}${newline(depth)}}`;
  }
  return scalarText(value);
}

/**
 * The text of pythonJsonText(value, depth) in pieces: an object's keys and an array's elements one at a
 * time, down to the array elements, each written whole (one image entry); an element that is itself an
 * array is streamed too.
 */
export function* pythonJsonPieces(value: unknown, depth = 0): Generator<string> {
  const pad = newline(depth + 1);
  if (Array.isArray(value) && value.length > 0) {
    for (let k = 0; k < value.length; k++) {
      const item: unknown = value[k];
      const before = k === 0 ? `[${pad}` : `,${pad}`;
      if (Array.isArray(item)) {
        yield before;
        yield* pythonJsonPieces(item, depth + 1);
      } else yield before + pythonJsonText(item, depth + 1);
    }
    yield `${newline(depth)}]`;
  } else if (isObject(value) && sortedKeys(value).length > 0) {
    for (const [k, key] of sortedKeys(value).entries()) {
      yield `${k === 0 ? '{' : ','}${pad}${stringText(key)}: `;
      yield* pythonJsonPieces(value[key], depth + 1);
    }
    yield `${newline(depth)}}`;
  } else yield pythonJsonText(value, depth);
}

export interface PythonJsonWriteOptions {
  /** Characters gathered before one write to the stream (tests use tiny ones). */
  chunkChars?: number;
}

/** Writes the value's Python text to `out` in chunks, waiting for 'drain' when the stream is full; ends `out`. */
export async function writePythonJsonTo(
  out: Writable,
  value: unknown,
  { chunkChars = 1 << 16 }: PythonJsonWriteOptions = {},
): Promise<void> {
  let pending: string[] = [];
  let size = 0;
  const flush = async () => {
    const chunk = pending.join('');
    pending = [];
    size = 0;
    // once() rejects if the stream fails instead of draining
    if (!out.write(chunk)) await once(out, 'drain');
  };
  try {
    for (const piece of pythonJsonPieces(value)) {
      pending.push(piece);
      size += piece.length;
      if (size >= chunkChars) await flush();
    }
    if (size > 0) await flush();
  } catch (error) {
    out.destroy();
    throw error;
  }
  out.end();
  await finished(out);
}

export async function writePythonJson(file: string, value: unknown, options?: PythonJsonWriteOptions): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writePythonJsonTo(createWriteStream(file), value, options);
}
