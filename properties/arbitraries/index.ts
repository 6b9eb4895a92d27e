/**
 * fast-check arbitraries for random physical instances, by concern: number
 * grids, states, Hamiltonians, unitaries, the instances of each section, and
 * counterexample formatting. Every arbitrary is a `.map` of bounded integers and
 * doubles (never `.chain` or `.filter`), so fast-check shrinks the raw numbers
 * and the instance follows toward a simple one. The deterministic builders are
 * the seeded generators' (src/numeric/random), so a CLI instance and a property
 * instance are built the same way.
 */
export * from './numbers.js';
export * from './states.js';
export * from './hamiltonians.js';
export * from './unitaries.js';
export * from './davies.js';
export * from './thermal.js';
export * from './trajectories.js';
export * from './describe.js';
