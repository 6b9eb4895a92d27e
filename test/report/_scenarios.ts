/** A qubit between a hot bath (standard couplings) and a cold Ohmic bath, from a mixed state with coherence (several-baths keys: Π_k, Π_na, Π_a). */
export const TWO_BATHS = {
  model: 'davies',
  energies: [0, 1],
  baths: [
    { beta: 0.5, gamma: [[0, 1], [1, 0]] },
    { beta: 2, spectralDensity: { kind: 'ohmic', alpha: 0.5, cutoff: 4, exponent: 1 } },
  ],
  rho0: { re: [[0.5, 0.3], [0.3, 0.5]], im: [[0, 0.1], [-0.1, 0]] },
  times: Array.from({ length: 121 }, (_, k) => k * 0.05),
};
