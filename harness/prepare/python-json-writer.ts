/**
 * Python's `json.dump(value, f, indent=4, sort_keys=True)` (ensure_ascii on), streamed: the top level's
 * arrays are written one element at a time, so metadata of a million images never becomes one string.
 * Numbers are written as JavaScript prints them, so a whole float Python wrote as `1.0` comes out `1`.
 */
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
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
  const text = JSON.stringify(sortKeys(value), null, 4).replace(
    /[\u0080-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return depth === 0 ? text : text.replaceAll('\n', `\n${' '.repeat(4 * depth)}`);
}

async function put(out: WriteStream, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

async function putArray(out: WriteStream, items: readonly unknown[], depth: number): Promise<void> {
  if (items.length === 0) return put(out, '[]');
  const pad = ' '.repeat(4 * (depth + 1));
  for (const [k, item] of items.entries())
    await put(out, `${k === 0 ? '[\n' : ',\n'}${pad}${pythonJsonText(item, depth + 1)}`);
  await put(out, `\n${' '.repeat(4 * depth)}]`);
}

export async function writePythonJson(file: string, value: unknown): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const out = createWriteStream(file);
  if (Array.isArray(value)) await putArray(out, value, 0);
  else if (value !== null && typeof value === 'object' && Object.keys(value).length > 0) {
    const object = value as Record<string, unknown>;
    for (const [k, key] of Object.keys(object).sort().entries()) {
      await put(out, `${k === 0 ? '{\n' : ',\n'}    ${JSON.stringify(key)}: `);
      const item = object[key];
      if (Array.isArray(item)) await putArray(out, item, 1);
      else await put(out, pythonJsonText(item, 1));
    }
    await put(out, '\n}');
  } else await put(out, pythonJsonText(value));
  out.end();
  await finished(out);
}
