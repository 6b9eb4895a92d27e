// A broken engine: Davies coherences evolved at the rate printed in Eq. 5,
// −{iω_nm − ½Σ_k[W(k|n) + W(k|m)]}, which makes them grow; it reports times,
// rho and populations only.
import { daviesGenerator } from '../../../src/numeric/dynamics/davies.js';
import { matrixFromJSON, matrixToJSON } from '../../../src/numeric/linalg/json.js';
import { fromBasis, toBasis } from '../../../src/numeric/quantum/basis.js';
import { serve } from './_serve.js';

await serve((s, r) => {
  if (s.model !== 'davies') return { error: 'davies only' };
  const gen = daviesGenerator({
    beta: s.beta as number,
    ...(s.energies !== undefined ? { energies: s.energies as number[] } : { H: matrixFromJSON(s.H, 'H') }),
    ...(s.rates !== undefined ? { rates: s.rates as number[][] } : { gamma: s.gamma as number[][] }),
    ...(s.dephasing !== undefined ? { dephasing: s.dephasing as number[] } : {}),
  });
  const d = gen.dim;
  const times = s.times as number[];
  const rho = (r.rho as unknown[]).map((m, k) => {
    const A = toBasis(matrixFromJSON(m, 'rho'), gen.basis);
    for (let n = 0; n < d; n++) {
      for (let j = 0; j < d; j++) {
        if (n === j) continue;
        // correct: e^{−½(Γ_n+Γ_j)t − ½(γ_n+γ_j)t}; printed: e^{+½(Γ_n+Γ_j)t}, no dephasing
        const f = Math.exp((gen.escape[n] + gen.escape[j] + 0.5 * (gen.dephasing[n] + gen.dephasing[j])) * times[k]);
        A.re[n * d + j] *= f;
        A.im[n * d + j] *= f;
      }
    }
    return matrixToJSON(fromBasis(A, gen.basis));
  });
  return { times: r.times, rho, populations: r.populations };
});
