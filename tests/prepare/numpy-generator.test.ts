/** np.random.default_rng(seed): values printed by NumPy 2.4.6 on the authoring machine. */
import { describe, expect, it } from 'vitest';
import { NumpyGenerator } from '../../harness/prepare/numpy-generator.js';

describe('NumpyGenerator (default_rng: SeedSequence + PCG64)', () => {
  it('gives random_raw() of default_rng(0)', () => {
    const rng = new NumpyGenerator(0);
    expect([rng.nextUint64(), rng.nextUint64(), rng.nextUint64()]).toEqual([
      11749869230777074271n,
      4976686463289251617n,
      755828109848996024n,
    ]);
  });

  it.each([
    [0, [0.6369616873214543, 0.2697867137638703, 0.04097352393619469, 0.016527635528529094, 0.8132702392002724]],
    [12345, [0.22733602246716966, 0.31675833970975287]],
    [2 ** 40 + 7, [0.829812891829413, 0.25530515834910417]],
  ])('gives random() of default_rng(%i)', (seed, expected) => {
    const rng = new NumpyGenerator(seed);
    expect(expected.map(() => rng.random())).toEqual(expected);
  });
});
