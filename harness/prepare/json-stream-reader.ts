/**
 * JSON.parse for files too big to be one string: V8 caps a string at ~512 Mi characters
 * (buffer.constants.MAX_STRING_LENGTH), and herbarium-2021's metadata.json may be larger. The file is read
 * in chunks and fed to @streamparser/json's incremental parser, so only the parsed value is ever held, not
 * its text. The value is the one JSON.parse gives for the same text (numbers through Number, escapes and
 * surrogates as JSON.parse, "__proto__" an own key, the last of duplicate keys wins); json-stream-reader
 * tests compare the two on random documents.
 *
 * One difference of the parser is worked around (keepByteOrderMarks). Left as they are: invalid UTF-8 is
 * an error (as in Python's utf-8 decoding) where readFile(file, 'utf8') would have put U+FFFD, and a byte
 * order mark between tokens (at the start of the file, say) is skipped where JSON.parse refuses it.
 */
import { createReadStream } from 'node:fs';
import { JSONParser } from '@streamparser/json';

/**
 * @streamparser/json 0.0.26 decodes each run of non-ASCII bytes, and each \u escape, with its own
 * TextDecoder('utf-8', { fatal: true }), which drops a U+FEFF at the start of what it decodes: "\ufeff"
 * would parse as "". Its string builder gets a decoder that keeps it (the BOM cases of
 * json-stream-reader.test.ts fail if a new version moves this field).
 */
function keepByteOrderMarks(parser: JSONParser): void {
  const internals = parser as unknown as { tokenizer?: { bufferedString?: { decoder?: unknown } } };
  const strings = internals.tokenizer?.bufferedString;
  if (!(strings?.decoder instanceof TextDecoder)) {
    throw new Error('@streamparser/json: its string decoder is not where json-stream-reader.ts expects it');
  }
  strings.decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
}

/** The JSON document in `chunks` (UTF-8 bytes, or text), parsed as it arrives. */
export async function parseJsonStream(chunks: AsyncIterable<string | Uint8Array>): Promise<unknown> {
  // '$' alone: only the finished document is reported, not each of its millions of inner values
  const parser = new JSONParser({ paths: ['$'] });
  keepByteOrderMarks(parser);
  let document: { value: unknown } | undefined;
  parser.onValue = ({ value }) => {
    document = { value };
  };
  for await (const chunk of chunks) parser.write(chunk);
  // a top-level number is only complete at the end; an object or array has already ended the parser
  if (!parser.isEnded) parser.end();
  if (document === undefined) throw new SyntaxError('Unexpected end of JSON input');
  return document.value;
}

export interface ReadJsonOptions {
  /**
   * 'latin1' reads every byte as one character (U+0000–U+00FF), as `readFile(file, 'latin1')` and Python's
   * open(encoding='latin-1'); Node's latin1 is ISO-8859-1, not the windows-1252 a TextDecoder would use.
   */
  encoding?: 'utf8' | 'latin1';
  /** Bytes per chunk read (tests use tiny ones). */
  highWaterMark?: number;
}

/** The parsed JSON file, read in chunks; a syntax error is thrown as the parser reports it. */
export function readJsonFile(file: string, options: ReadJsonOptions = {}): Promise<unknown> {
  const highWaterMark = options.highWaterMark ?? 1 << 20;
  // UTF-8 goes to the parser as bytes (it decodes them, chunk boundaries included); latin-1 as text,
  // which the parser re-encodes as UTF-8
  const stream =
    options.encoding === 'latin1'
      ? createReadStream(file, { encoding: 'latin1', highWaterMark })
      : createReadStream(file, { highWaterMark });
  return parseJsonStream(stream as AsyncIterable<string | Uint8Array>);
}
