/**
 * Python's `random` module (`random.seed(n)`, `shuffle`, `choice`) for integer seeds: MLE-bench's
 * alaska2 preparation shuffles and labels its test images with it. The generator is MT19937 seeded by
 * `init_by_array` with the seed's 32-bit words (random-state.ts); integers below n come from
 * `_randbelow`: draw `getrandbits(n.bit_length())` until it is below n.
 */
import { RandomState } from './random-state.js';

export class PythonRandom {
  private readonly mt: RandomState;

  /** `random.seed(seed)` for a non-negative integer seed. */
  constructor(seed: number) {
    if (!Number.isSafeInteger(seed) || seed < 0)
      throw new RangeError(`seed must be a non-negative integer, got ${seed}`);
    const words: number[] = [];
    for (let n = seed; n > 0 || words.length === 0; n = Math.floor(n / 2 ** 32)) words.push(n % 2 ** 32);
    this.mt = RandomState.fromKeyArray(words);
  }

  /** `getrandbits(k)` for 1 ≤ k ≤ 32: the top k bits of one 32-bit output. */
  getrandbits(k: number): number {
    if (!Number.isInteger(k) || k < 1 || k > 32) throw new RangeError(`getrandbits supports 1..32 bits, got ${k}`);
    return this.mt.randomUint32() >>> (32 - k);
  }

  /** `_randbelow(n)`: a uniform integer in [0, n), for 1 ≤ n ≤ 2^32. */
  randbelow(n: number): number {
    const k = Math.floor(Math.log2(n)) + 1; // n.bit_length()
    let r = this.getrandbits(k);
    while (r >= n) r = this.getrandbits(k);
    return r;
  }

  /** `shuffle(x)` in place: from the last index down, swap with a random earlier-or-same index. */
  shuffle<T>(x: T[]): void {
    for (let i = x.length - 1; i > 0; i--) {
      const j = this.randbelow(i + 1);
      [x[i], x[j]] = [x[j]!, x[i]!];
    }
  }

  /** `choice(seq)`. */
  choice<T>(seq: readonly T[]): T {
    if (seq.length === 0) throw new RangeError('cannot choose from an empty sequence');
    return seq[this.randbelow(seq.length)]!;
  }
}
