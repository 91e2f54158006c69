/**
 * Python's `json.dump(value, f, indent=4, sort_keys=True)` (ensure_ascii on), streamed: objects are written
 * key by key and arrays element by element (each array element is one piece of text), and the pieces go to
 * the file in chunks of about `chunkChars` characters with backpressure, so metadata of millions of images
 * never becomes one string (V8 caps one at ~512 Mi characters). Numbers are written as JavaScript prints
 * them, so a whole float Python wrote as `1.0` comes out `1`.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';

/** The value with every object's keys sorted (Python sorts by code point; these keys are ASCII). */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const object = value as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(object)
      .sort()
      .map((k) => [k, sortKeys(object[k])]),
  );
}

/** One value as Python writes it at `depth` levels of indentation (its first line is not indented). */
export function pythonJsonText(value: unknown, depth = 0): string {
  // ensure_ascii escapes everything outside ' '..'~': JSON.stringify already escapes the controls below ' '
  const text = JSON.stringify(sortKeys(value), null, 4).replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return depth === 0 ? text : text.replaceAll('\n', `\n${' '.repeat(4 * depth)}`);
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * The text of pythonJsonText(value, depth) in pieces: an object's keys and an array's elements one at a
 * time, down to the array elements, each written whole (one image entry); an element that is itself an
 * array is streamed too.
 */
export function* pythonJsonPieces(value: unknown, depth = 0): Generator<string> {
  const close = `\n${' '.repeat(4 * depth)}`;
  const pad = ' '.repeat(4 * (depth + 1));
  if (Array.isArray(value) && value.length > 0) {
    for (const [k, item] of value.entries()) {
      yield `${k === 0 ? '[\n' : ',\n'}${pad}`;
      if (Array.isArray(item)) yield* pythonJsonPieces(item, depth + 1);
      else yield pythonJsonText(item, depth + 1);
    }
    yield `${close}]`;
  } else if (isObject(value) && Object.keys(value).length > 0) {
    for (const [k, key] of Object.keys(value).sort().entries()) {
      yield `${k === 0 ? '{\n' : ',\n'}${pad}${pythonJsonText(key)}: `;
      yield* pythonJsonPieces(value[key], depth + 1);
    }
    yield `${close}}`;
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
  { chunkChars = 1 << 20 }: PythonJsonWriteOptions = {},
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
