/**
 * NumPy's `np.random.default_rng(seed)`: a `Generator` over the PCG64 bit generator seeded through
 * `SeedSequence`, as far as preparation needs (uniform doubles). MLE-bench's whale-categorization
 * preparation draws from it, so reproducing its split needs its exact stream; `RandomState` (MT19937)
 * is a different generator (random-state.ts).
 *
 * - SeedSequence(seed): the seed's 32-bit words are hashed into a pool of four words, and
 *   `generate_state(4, uint64)` hashes the pool again into two 128-bit numbers (numpy's bit_generator.pyx).
 * - PCG64 (XSL-RR 128/64): a 128-bit LCG; seeding is state=0, inc=2·seq+1, step, state += seed, step;
 *   each output steps once, then xors the halves and rotates right by the top 6 bits (numpy's pcg64.h).
 * - `random()` is the top 53 bits of one 64-bit output times 2⁻⁵³.
 * 128-bit arithmetic uses BigInt: slow per draw, but preparation draws a few thousand numbers at most.
 */

const MASK32 = 0xffffffff;
const MASK64 = (1n << 64n) - 1n;
const MASK128 = (1n << 128n) - 1n;
const PCG_MULTIPLIER = (2549297995355413924n << 64n) + 4865540595714422341n;

// SeedSequence's hashing constants
const INIT_A = 0x43b0d7e5;
const MULT_A = 0x931e8875;
const INIT_B = 0x8b51f9dd;
const MULT_B = 0x58f38ded;
const MIX_MULT_L = 0xca01f9dd;
const MIX_MULT_R = 0x4973f715;
const POOL_SIZE = 4;

const mul32 = (a: number, b: number) => Math.imul(a, b) >>> 0;
const xorshift = (v: number) => (v ^ (v >>> 16)) >>> 0;

/** The little-endian 32-bit words of a non-negative integer seed ([0] for 0), as numpy's _int_to_uint32_array. */
function seedWords(seed: number): number[] {
  if (!Number.isSafeInteger(seed) || seed < 0) throw new RangeError(`seed must be a non-negative integer, got ${seed}`);
  const words: number[] = [];
  for (let n = BigInt(seed); n > 0n || words.length === 0; n >>= 32n) words.push(Number(n & BigInt(MASK32)));
  return words;
}

/** SeedSequence(seed).pool: four words mixed from the seed's words. */
function seedPool(seed: number): number[] {
  const entropy = seedWords(seed);
  let hashConst = INIT_A;
  const hashmix = (value: number): number => {
    value = (value ^ hashConst) >>> 0;
    hashConst = mul32(hashConst, MULT_A);
    return xorshift(mul32(value, hashConst));
  };
  const mix = (x: number, y: number) => xorshift((mul32(MIX_MULT_L, x) - mul32(MIX_MULT_R, y)) >>> 0);
  const pool = Array.from({ length: POOL_SIZE }, (_, i) => hashmix(entropy[i] ?? 0));
  for (let src = 0; src < POOL_SIZE; src++) {
    for (let dst = 0; dst < POOL_SIZE; dst++) if (src !== dst) pool[dst] = mix(pool[dst]!, hashmix(pool[src]!));
  }
  for (let src = POOL_SIZE; src < entropy.length; src++) {
    for (let dst = 0; dst < POOL_SIZE; dst++) pool[dst] = mix(pool[dst]!, hashmix(entropy[src]!));
  }
  return pool;
}

/** SeedSequence(seed).generate_state(n, uint64). */
export function seedSequenceState64(seed: number, n: number): bigint[] {
  const pool = seedPool(seed);
  let hashConst = INIT_B;
  const words = Array.from({ length: 2 * n }, (_, i) => {
    const value = (pool[i % POOL_SIZE]! ^ hashConst) >>> 0;
    hashConst = mul32(hashConst, MULT_B);
    return xorshift(mul32(value, hashConst));
  });
  return Array.from({ length: n }, (_, k) => BigInt(words[2 * k]!) | (BigInt(words[2 * k + 1]!) << 32n));
}

export class NumpyGenerator {
  private state: bigint;
  private readonly inc: bigint;

  /** `np.random.default_rng(seed)`. */
  constructor(seed: number) {
    const [s0, s1, i0, i1] = seedSequenceState64(seed, 4) as [bigint, bigint, bigint, bigint];
    this.inc = ((((i0 << 64n) | i1) << 1n) & MASK128) | 1n;
    this.state = 0n;
    this.step();
    this.state = (this.state + ((s0 << 64n) | s1)) & MASK128;
    this.step();
  }

  private step(): void {
    this.state = (this.state * PCG_MULTIPLIER + this.inc) & MASK128;
  }

  /** `bit_generator.random_raw()`: the next 64-bit output. */
  nextUint64(): bigint {
    this.step();
    const xored = ((this.state >> 64n) ^ this.state) & MASK64;
    const rot = this.state >> 122n;
    return ((xored >> rot) | (xored << ((64n - rot) & 63n))) & MASK64;
  }

  /** `Generator.random()`: a double in [0, 1). */
  random(): number {
    return Number(this.nextUint64() >> 11n) / 9007199254740992;
  }
}
