/** Python's random module (seed, getrandbits, shuffle, choice): values printed by CPython 3 on the authoring machine. */
import { describe, expect, it } from 'vitest';
import { PythonRandom } from '../../harness/prepare/python-random.js';

describe('PythonRandom', () => {
  it.each([
    [0, [3626764237, 1654615998, 3255389356]],
    [2 ** 40 + 3, [943978446, 261273136]],
  ])('random.seed(%i); getrandbits(32)', (seed, expected) => {
    const rng = new PythonRandom(seed);
    expect(expected.map(() => rng.getrandbits(32))).toEqual(expected);
  });

  it('shuffles, then chooses, as random.seed(0) does', () => {
    const rng = new PythonRandom(0);
    const x = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    rng.shuffle(x);
    expect(x).toEqual([7, 8, 1, 5, 3, 4, 2, 0, 9, 6]);
    expect(Array.from({ length: 8 }, () => rng.choice([true, false]))).toEqual([
      false,
      true,
      true,
      false,
      true,
      true,
      false,
      true,
    ]);
    expect(Array.from({ length: 6 }, () => rng.choice(['a', 'b', 'c']))).toEqual(['b', 'a', 'c', 'a', 'c', 'b']);
  });

  it('shuffles a long list as random.seed(12345) does (rejection draws included)', () => {
    const rng = new PythonRandom(12345);
    const x = Array.from({ length: 1000 }, (_, i) => i);
    rng.shuffle(x);
    expect(x.slice(0, 8)).toEqual([669, 944, 291, 633, 922, 752, 781, 258]);
  });
});
