/** A seeded PRNG (mulberry32) so every fixture is the same on every run. */
export { mulberry32 as seededRandom, shuffled } from '../../harness/seeded-random.js';
