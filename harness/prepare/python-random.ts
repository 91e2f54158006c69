/**
 * An exact port of the parts of Python's `random.Random` (MT19937) that MLE-bench's preparations use
 * where they do not go through NumPy: integer seeding, `getrandbits`, `_randbelow`, `choice` and `sample`.
 *
 * The generator is the same Mersenne Twister as NumPy's RandomState; only the seeding differs: Python
 * seeds with `init_by_array` over the seed's 32-bit words (CPython Modules/_randommodule.c
 * `random_seed` → `init_by_array`), NumPy with `init_genrand`. `sample` is Lib/random.py's algorithm
 * (a pool for small populations, rejection of repeats for large ones), unchanged since Python 3.2.
 * It extends RandomState for the shared generator only: its NumPy methods (permutation, randint) are
 * not Python's and are not meant to be used on it.
 */
import { N, RandomState } from './random-state.js';

export class PythonRandom extends RandomState {
  /** `random.Random(seed)` for a non-negative integer seed (safe integers only). */
  constructor(seed: number) {
    super(0);
    if (!Number.isSafeInteger(seed) || seed < 0) {
      throw new RangeError(`seed must be a non-negative safe integer, got ${seed}`);
    }
    // random_seed: the seed's absolute value as little-endian 32-bit words, at least one word
    const words: number[] = [];
    for (let rest = seed; rest > 0; rest = Math.floor(rest / 2 ** 32)) words.push(rest % 2 ** 32);
    this.initByArray(words.length > 0 ? words : [0]);
  }

  /** The reference `init_by_array` (init_genrand(19650218) then two mixing passes). */
  private initByArray(initKey: readonly number[]): void {
    const mt = this.key;
    mt[0] = 19650218;
    for (let i = 1; i < N; i++) {
      const prev = mt[i - 1]!;
      mt[i] = (Math.imul(1812433253, (prev ^ (prev >>> 30)) >>> 0) + i) >>> 0;
    }
    let i = 1;
    let j = 0;
    for (let k = Math.max(N, initKey.length); k > 0; k--) {
      const prev = mt[i - 1]!;
      mt[i] = (((mt[i]! ^ Math.imul((prev ^ (prev >>> 30)) >>> 0, 1664525)) >>> 0) + initKey[j]! + j) >>> 0;
      i++;
      j++;
      if (i >= N) {
        mt[0] = mt[N - 1]!;
        i = 1;
      }
      if (j >= initKey.length) j = 0;
    }
    for (let k = N - 1; k > 0; k--) {
      const prev = mt[i - 1]!;
      mt[i] = (((mt[i]! ^ Math.imul((prev ^ (prev >>> 30)) >>> 0, 1566083941)) >>> 0) - i) >>> 0;
      i++;
      if (i >= N) {
        mt[0] = mt[N - 1]!;
        i = 1;
      }
    }
    mt[0] = 0x80000000;
    this.pos = N;
  }

  /** `getrandbits(k)` for 0 ≤ k ≤ 32: the top k bits of one 32-bit output. */
  getrandbits(k: number): number {
    if (!Number.isInteger(k) || k < 0 || k > 32) throw new RangeError(`getrandbits supports 0..32 bits, got ${k}`);
    if (k === 0) return 0;
    return k === 32 ? this.randomUint32() : this.randomUint32() >>> (32 - k);
  }

  /** `_randbelow_with_getrandbits(n)`: draw n.bit_length() bits until the value is below n (n ≥ 1). */
  randbelow(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n > 0xffffffff) throw new RangeError(`randbelow needs 1..2**32-1, got ${n}`);
    const bits = 32 - Math.clz32(n);
    let r = this.getrandbits(bits);
    while (r >= n) r = this.getrandbits(bits);
    return r;
  }

  /** `choice(seq)`: `seq[_randbelow(len(seq))]`. */
  choice<T>(seq: readonly T[]): T {
    if (seq.length === 0) throw new RangeError('Cannot choose from an empty sequence');
    return seq[this.randbelow(seq.length)]!;
  }

  /** `sample(population, k)`: k distinct items in selection order. */
  sample<T>(population: readonly T[], k: number): T[] {
    const n = population.length;
    if (!Number.isInteger(k) || k < 0 || k > n) throw new RangeError('Sample larger than population or is negative');
    let setsize = 21;
    if (k > 5) setsize += 4 ** Math.ceil(Math.log(k * 3) / Math.log(4));
    const result: T[] = [];
    if (n <= setsize) {
      const pool = [...population];
      for (let i = 0; i < k; i++) {
        const j = this.randbelow(n - i);
        result.push(pool[j]!);
        pool[j] = pool[n - i - 1]!;
      }
    } else {
      const selected = new Set<number>();
      for (let i = 0; i < k; i++) {
        let j = this.randbelow(n);
        while (selected.has(j)) j = this.randbelow(n);
        selected.add(j);
        result.push(population[j]!);
      }
    }
    return result;
  }
}
