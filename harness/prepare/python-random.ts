/**
 * Python's `random` module (`random.seed(n)`, `shuffle`, `choice`, `sample`) for integer seeds:
 * MLE-bench's preparations use it where they do not go through NumPy (alaska2, herbarium, iNaturalist,
 * contrails, cervical spine, gestures). The generator is MT19937 seeded by `init_by_array` with the
 * seed's 32-bit words (random-state.ts); integers below n come from `_randbelow`: draw
 * `getrandbits(n.bit_length())` until it is below n. `sample` is Lib/random.py's algorithm (a pool for
 * small populations, rejection of repeats for large ones), unchanged since Python 3.2.
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

  /** `getrandbits(k)` for 0 ≤ k ≤ 32: the top k bits of one 32-bit output. */
  getrandbits(k: number): number {
    if (!Number.isInteger(k) || k < 0 || k > 32) throw new RangeError(`getrandbits supports 0..32 bits, got ${k}`);
    if (k === 0) return 0;
    return k === 32 ? this.mt.randomUint32() : this.mt.randomUint32() >>> (32 - k);
  }

  /** `_randbelow(n)`: a uniform integer in [0, n), for 1 ≤ n < 2^32. */
  randbelow(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n > 0xffffffff) throw new RangeError(`randbelow needs 1..2**32-1, got ${n}`);
    const k = 32 - Math.clz32(n); // n.bit_length()
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
