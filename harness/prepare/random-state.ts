/**
 * An exact port of NumPy's legacy `numpy.random.RandomState` (MT19937) for the
 * few operations competition preparation needs: integer seeding, raw 32-bit
 * outputs, `permutation(n)` and `random_sample()`.
 *
 * MLE-bench splits competitions with scikit-learn's
 * `train_test_split(df, test_size=f, random_state=seed)`, which draws its
 * permutation from `np.random.RandomState(seed)`. Reproducing the stream bit
 * for bit is what lets Podium put exactly the same rows in the same split.
 *
 * References (NumPy ≥ 1.17 source tree):
 * - numpy/random/_mt19937.pyx `MT19937._legacy_seeding` → `mt19937_seed`
 * - numpy/random/src/mt19937/mt19937.c `mt19937_seed`, `mt19937_gen`
 * - numpy/random/src/mt19937/mt19937.h `mt19937_next32`, `mt19937_next_double`
 * - numpy/random/mtrand.pyx `RandomState.permutation`, `RandomState.shuffle`
 * - numpy/random/src/distributions/distributions.c `random_interval`
 *   (the old `rk_interval` of numpy/random/mtrand/randomkit.c)
 */

export const N = 624; // RK_STATE_LEN
const M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;

export class RandomState {
  protected readonly key = new Uint32Array(N);
  protected pos = N;

  /**
   * Seeds like `np.random.RandomState(seed)` for an integer seed. NumPy's
   * `_legacy_seeding` checks 0 ≤ seed ≤ 2**32 − 1 and calls
   * `mt19937_seed(state, seed)`, which is the reference `init_genrand`
   * (Knuth's 1812433253 multiplier) — not `init_by_array`, which NumPy only
   * uses for array seeds.
   */
  constructor(seed: number) {
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
      throw new RangeError(`Seed must be between 0 and 2**32 - 1, got ${seed}`);
    }
    // mt19937_seed: seed &= 0xffffffff; key[0] = seed;
    this.key[0] = seed >>> 0;
    for (let i = 1; i < N; i++) {
      const prev = this.key[i - 1]!;
      // key[i] = 1812433253 * (key[i-1] ^ (key[i-1] >> 30)) + i, mod 2^32.
      // Math.imul gives the low 32 bits of the product, as C's uint32 does.
      this.key[i] = (Math.imul(1812433253, (prev ^ (prev >>> 30)) >>> 0) + i) >>> 0;
    }
    // mt19937_seed sets pos = RK_STATE_LEN, so the first draw regenerates.
    this.pos = N;
  }

  /** `mt19937_gen`: regenerate the whole 624-word block (reference genrand_int32 loop). */
  private generate(): void {
    const key = this.key;
    let i = 0;
    for (; i < N - M; i++) {
      const y = (key[i]! & UPPER_MASK) | (key[i + 1]! & LOWER_MASK);
      key[i] = (key[i + M]! ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0)) >>> 0;
    }
    for (; i < N - 1; i++) {
      const y = (key[i]! & UPPER_MASK) | (key[i + 1]! & LOWER_MASK);
      key[i] = (key[i + (M - N)]! ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0)) >>> 0;
    }
    const y = (key[N - 1]! & UPPER_MASK) | (key[0]! & LOWER_MASK);
    key[N - 1] = (key[M - 1]! ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0)) >>> 0;
    this.pos = 0;
  }

  /** `mt19937_next32`: one tempered output (reference genrand_int32), in [0, 2^32). */
  randomUint32(): number {
    if (this.pos === N) this.generate();
    let y = this.key[this.pos++]!;
    // Tempering, exactly as in mt19937_next32.
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /**
   * `random_sample()` → `random_standard_uniform` → `mt19937_next_double`:
   * a = next32 >> 5, b = next32 >> 6, (a * 2^26 + b) / 2^53. Both products are
   * exact in a double, so this matches NumPy bit for bit.
   */
  randomSample(): number {
    const a = this.randomUint32() >>> 5;
    const b = this.randomUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /**
   * `random_interval(bitgen, max)` (legacy `rk_interval`): a uniform integer in
   * [0, max] by masked rejection sampling. The mask is the smallest 2^k − 1 ≥
   * max; draw `next_uint32 & mask` until it is ≤ max. For max ≤ 0xffffffff
   * NumPy uses 32-bit draws, which is the only case supported here.
   */
  interval(max: number): number {
    if (!Number.isInteger(max) || max < 0 || max > 0xffffffff) {
      throw new RangeError(`interval max must be an integer in [0, 2**32 - 1], got ${max}`);
    }
    if (max === 0) return 0; // random_interval returns 0 without drawing.
    let mask = max >>> 0;
    mask |= mask >>> 1;
    mask |= mask >>> 2;
    mask |= mask >>> 4;
    mask |= mask >>> 8;
    mask |= mask >>> 16;
    mask >>>= 0;
    let value: number;
    do {
      value = (this.randomUint32() & mask) >>> 0;
    } while (value > max);
    return value;
  }

  /**
   * `RandomState.randint(low, high, size)` with the default int64 dtype (high exclusive): NumPy's
   * legacy `_rand_int64` draws `low + bounded(high − low − 1)` with the same 32-bit masked rejection
   * as `interval` when the range fits in 32 bits, the only case supported here.
   */
  randint(low: number, high: number, size: number): number[] {
    if (!Number.isInteger(low) || !Number.isInteger(high) || high <= low || high - low - 1 > 0xffffffff) {
      throw new RangeError(`randint needs integers low < high with high - low <= 2**32, got ${low}, ${high}`);
    }
    return Array.from({ length: size }, () => low + this.interval(high - low - 1));
  }

  /**
   * `RandomState.permutation(n)` for an integer n: `arr = np.arange(n);
   * self.shuffle(arr)`. The legacy 1-d shuffle (`_shuffle_raw`) walks i from
   * n − 1 down to 1, draws j = random_interval(i) and swaps arr[i], arr[j].
   */
  permutation(n: number): Int32Array {
    if (!Number.isInteger(n) || n < 0 || n > 0x7fffffff) {
      throw new RangeError(`permutation size must be a non-negative integer, got ${n}`);
    }
    const arr = new Int32Array(n);
    for (let i = 0; i < n; i++) arr[i] = i;
    for (let i = n - 1; i >= 1; i--) {
      const j = this.interval(i);
      const tmp = arr[i]!;
      arr[i] = arr[j]!;
      arr[j] = tmp;
    }
    return arr;
  }
}
