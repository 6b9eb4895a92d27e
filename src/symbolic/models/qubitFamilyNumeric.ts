/**
 * The numeric engine's values of a qubit-family model's forms at a parameter
 * point, for cross-checks of the closed forms. Independent of the symbolic
 * derivation: only the file's parameter expressions (gap, β_k, couplings or
 * rates, dephasing, initial state) are evaluated; the dynamics, entropies,
 * rates and the steady state come from the several-baths scenario of
 * `evaluateScenario` (a `davies` scenario with `"baths": [...]`, B1–B9) and its
 * generator: a standard bath is given to the engine as `gamma` (the engine
 * computes its rates), a bath given by its rates as `rates`.
 */
import { evaluateScenario } from '../../numeric/scenario/index.js';
import type { DaviesBathsResult, DaviesResult } from '../../numeric/scenario/davies.js';
import { applyDavies } from '../../numeric/dynamics/davies.js';
import { multiBathGenerator } from '../../numeric/dynamics/baths.js';
import { fromReal, get } from '../../numeric/linalg/cmatrix.js';
import { compileNumber, parseExpression } from '../cas/mathjs.js';
import type { ModelSpec } from './modelFile.js';
import { qubitStateAt, seriesAt } from '../numeric.js';

type Json = { re: number[][]; im: number[][] };

/** The file's expressions at a point: ω, per bath β_k with its engine input, γ_φ, p₁(0), |ρ₀₁(0)|. */
function evaluateSpec(spec: ModelSpec, point: Readonly<Record<string, number>>) {
  const ev = (e: string): number => compileNumber(parseExpression(e))(point);
  const w = ev(spec.gap);
  const baths = spec.baths.map((b) => {
    const beta = ev(b.beta);
    if (b.kind === 'coupling') {
      const g = ev(b.coupling);
      return { beta, gamma: [[0, g], [g, 0]] };
    }
    return { beta, rates: [[0, ev(b.emission)], [ev(b.absorption), 0]] };
  });
  return { w, baths, gphi: spec.dephasing === undefined ? 0 : ev(spec.dephasing), p10: ev(spec.initial.p1), c0: ev(spec.initial.abs_c), t: point[spec.time] };
}

function rho2(p1: number, c: number, phase: number): Json {
  const cr = c * Math.cos(phase);
  const ci = c * Math.sin(phase);
  return { re: [[1 - p1, cr], [cr, p1]], im: [[0, ci], [-ci, 0]] };
}

/**
 * Every form of a qubit-family model computed by the numeric engine at a point,
 * with ρ₀₁(0) = |ρ₀₁(0)|·e^{i·phase}.
 * @throws QepInputError when the point is outside the engine's domain.
 */
export function numericQubitFamily(spec: ModelSpec, point: Readonly<Record<string, number>>, phase = 0): Record<string, number> {
  const { w, baths, gphi, p10, c0, t } = evaluateSpec(spec, point);
  const dephasing = spec.dephasing !== undefined ? { dephasing: [gphi, gphi] } : {};
  const r = evaluateScenario({ model: 'davies', energies: [0, w], baths, ...dephasing, rho0: rho2(p10, c0, phase), times: [t] }) as DaviesBathsResult;
  // γ₁ and γ₂ read off the engine's generator: L(|0⟩⟨0|)₁₁ − L(|1⟩⟨1|)₁₁ and −Re L(|0⟩⟨1|)₀₁
  const gen = multiBathGenerator({ energies: [0, w], baths, ...dephasing });
  const L = (m: number[][]) => applyDavies(gen.total, fromReal(m));
  const out: Record<string, number> = {
    gamma1: get(L([[1, 0], [0, 0]]), 1, 1).re - get(L([[0, 0], [0, 1]]), 1, 1).re,
    gamma2: -get(L([[0, 1], [0, 0]]), 0, 1).re,
    p1_ss: r.rho_ss.re[1][1],
    ...qubitStateAt(r),
    ...seriesAt(r, ['S', 'C', 'Srel_ss', 'Pi', 'Pi_d', 'Upsilon', 'Phi', 'dSdt', 'Pi_na', 'Pi_a']),
  };
  if (spec.dephasing !== undefined) out.Upsilon_deph = r.Upsilon_deph[0];
  gen.baths.forEach((g, i) => {
    const k = i + 1;
    // W_k(1|0)/W_k(0|1) from the engine's rates of bath k (rates[n·d + m] = W(n|m))
    Object.assign(out, { [`J_${k}`]: r.J[0][i], [`Pi_${k}`]: r.Pi_baths[0][i], [`Pi_d_${k}`]: r.Pi_d_baths[0][i], [`Upsilon_${k}`]: r.Upsilon_baths[0][i], [`detailed_balance_${k}`]: g.rates[2] / g.rates[1] });
  });
  if (baths.length === 1) {
    const one = r as DaviesResult;
    Object.assign(out, { detailed_balance: out.detailed_balance_1, ...seriesAt(one, ['Srel', 'Srel_pop']) });
  }
  return out;
}
