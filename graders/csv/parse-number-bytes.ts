/**
 * parseFiniteNumber straight from a field's UTF-8 bytes, without building a string for the common
 * case. The fast path takes only `[+-]digits[.digits][(e|E)[+-]digits]` whose digits form an integer
 * m <= 2^53 and whose decimal exponent e has |e| <= 22: then m and 10^|e| are exact doubles and one
 * IEEE multiplication or division rounds correctly (Clinger's fast path), so the result is bit for
 * bit what Number() gives. Anything else (spaces, long mantissas, NaN, hex, junk) is decoded and
 * handed to parseFiniteNumber, so the two can never disagree.
 */
import { parseFiniteNumber } from '../submission/parse-value.js';

const ZERO = 48;
const NINE = 57;
const PLUS = 43;
const MINUS = 45;
const DOT = 46;
const LOWER_E = 101;
const UPPER_E = 69;
/** Clinger's fast path: a mantissa up to 2^53 and 10^k for k <= 22 are exact doubles. */
export const MAX_EXACT = 2 ** 53;
export const POWERS_OF_TEN = Float64Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * Writes the number in `bytes[start, end)` by parseFiniteNumber's rules (finite, or NaN) to
 * `out[at]`. Writing into a typed array instead of returning it matters: a double returned from a
 * call V8 does not inline is boxed as a heap number, and a million of them grow the young
 * generation (and the process's memory) by megabytes.
 */
export function parseNumberBytesInto(bytes: Buffer, start: number, end: number, out: Float64Array, at: number): void {
  if (!fastDecimalInto(bytes, start, end, out, at)) out[at] = parseFiniteNumber(bytes.toString('utf8', start, end));
}

const scratch = new Float64Array(1);

/** The number in `bytes[start, end)` by parseFiniteNumber's rules: finite, or NaN. */
export function parseNumberBytes(bytes: Buffer, start: number, end: number): number {
  parseNumberBytesInto(bytes, start, end, scratch, 0);
  return scratch[0] as number;
}

/**
 * Writes the value to out[at] and returns true when the field takes the exact fast path; returns
 * false (writing nothing) when it needs the full parser.
 */
function fastDecimalInto(bytes: Uint8Array, start: number, end: number, out: Float64Array, at: number): boolean {
  if (start >= end) return false;
  let i = start;
  const sign = bytes[i] as number;
  const negative = sign === MINUS;
  if ((negative || sign === PLUS) && ++i === end) return false;
  let mantissa = 0;
  // digits as unsigned offsets from '0': one comparison (d > 9) also rejects bytes below '0'
  const integerFrom = i;
  for (let d = ((bytes[i] as number) - ZERO) >>> 0; d <= 9; d = ((bytes[i] as number) - ZERO) >>> 0) {
    mantissa = mantissa * 10 + d;
    if (++i === end) break;
  }
  let digits = i - integerFrom;
  let exponent = 0;
  if (i < end && bytes[i] === DOT) {
    const fractionFrom = ++i;
    for (; i < end; i++) {
      const d = ((bytes[i] as number) - ZERO) >>> 0;
      if (d > 9) break;
      mantissa = mantissa * 10 + d;
    }
    digits += i - fractionFrom;
    exponent = fractionFrom - i;
  }
  if (digits === 0) return false;
  if (i < end) {
    let c = bytes[i] as number;
    if (c !== LOWER_E && c !== UPPER_E) return false;
    if (++i === end) return false;
    c = bytes[i] as number;
    const negativeExponent = c === MINUS;
    if (negativeExponent || c === PLUS) i++;
    let power = 0;
    const powerFrom = i;
    // Capped so a thousand-digit exponent cannot overflow; anything past 22 takes the slow path anyway.
    for (; i < end; i++) {
      c = bytes[i] as number;
      if (c < ZERO || c > NINE) return false;
      if (power < 1000) power = power * 10 + (c - ZERO);
    }
    if (i === powerFrom) return false;
    exponent += negativeExponent ? -power : power;
  }
  // Accumulation stays exact while mantissa <= 2^53; past that it only grows, so this check suffices.
  if (mantissa > MAX_EXACT || exponent > 22 || exponent < -22) return false;
  const magnitude =
    exponent >= 0 ? mantissa * (POWERS_OF_TEN[exponent] as number) : mantissa / (POWERS_OF_TEN[-exponent] as number);
  out[at] = negative ? -magnitude : magnitude;
  return true;
}
