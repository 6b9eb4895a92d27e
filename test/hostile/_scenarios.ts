/** Small valid scenarios the hostile tests start from: a driven qubit (davies) and a partial swap of two qubits (thermal-operation). */

/** A davies qubit scenario, with `over` replacing keys. */
export const davies = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  model: 'davies',
  beta: 1,
  energies: [0, 1],
  gamma: [[0, 1], [1, 0]],
  rho0: [[0.6, 0.1], [0.1, 0.4]],
  times: [0, 1],
  ...over,
});

/** A thermal-operation scenario (a full swap of resonant qubits), with `over` replacing keys. */
export const thermal = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  model: 'thermal-operation',
  beta: 1,
  HS: [[0, 0], [0, 1]],
  HE: [[0, 0], [0, 1]],
  rhoS: [[0.5, 0.5], [0.5, 0.5]],
  U: [[1, 0, 0, 0], [0, 0, 1, 0], [0, 1, 0, 0], [0, 0, 0, 1]],
  ...over,
});
