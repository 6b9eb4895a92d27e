/**
 * The numeric engine's values of a qubit-family model's forms at a parameter
 * point, for cross-checks of the closed forms. Independent of the symbolic
 * derivation: only the file's parameter expressions (gap, β_k, couplings or
 * rates, dephasing, initial state) are evaluated; the dynamics, entropies and
 * rates come from the scenario evaluator `evaluateScenario` and the Davies
 * generator of the numeric engine.
 *
 * Several baths on the one-bath engine: a qubit's summed rates a = Σ_k a_k,
 * e = Σ_k e_k obey detailed balance at β_eff = ln(e/a)/ω, so the one-bath
 * scenario with the summed rates at β_eff has the same generator, hence the
 * same ρ(t), S, C, dS/dt and Υ = −dC/dt, with ρ_eq(β_eff) = ρ_ss (B3): its
 * `Srel` is S(ρ‖ρ_ss) and its `Pi` is Π_na = −dS(ρ‖ρ_ss)/dt (B7). Each bath's
 * Π_k, Π_d,k, Υ_k and J_k = −Φ_k/β_k are the one-bath quantities of bath k
 * alone at the state ρ(t) (a scenario started at ρ(t), evaluated at time 0);
 * Υ_φ is the dephasing alone at ρ(t).
 */
import { evaluateScenario } from '../../numeric/scenario/index.js';
import type { DaviesResult } from '../../numeric/scenario/davies.js';
import { daviesGenerator, applyDavies } from '../../numeric/dynamics/davies.js';
import { fromReal, get } from '../../numeric/linalg/cmatrix.js';
import { compileNumber, parseExpression } from '../cas/mathjs.js';
import type { ModelSpec } from './modelFile.js';

type Json = { re: number[][]; im: number[][] };

/** The file's expressions at a point: ω, per bath β_k, a_k, e_k (the engine's rates for a coupling), γ_φ, p₁(0), |ρ₀₁(0)|. */
function evaluateSpec(spec: ModelSpec, point: Readonly<Record<string, number>>) {
  const ev = (e: string): number => compileNumber(parseExpression(e))(point);
  const w = ev(spec.gap);
  const baths = spec.baths.map((b) => {
    const beta = ev(b.beta);
    if (b.kind === 'coupling') {
      const g = ev(b.coupling);
      const gen = daviesGenerator({ beta, energies: [0, w], gamma: [[0, g], [g, 0]] });
      return { beta, a: gen.rates[2], e: gen.rates[1], scenario: { gamma: [[0, g], [g, 0]] } };
    }
    const a = ev(b.absorption);
    const e = ev(b.emission);
    return { beta, a, e, scenario: { rates: [[0, e], [a, 0]] } };
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
  const a = baths.reduce((s, b) => s + b.a, 0);
  const e = baths.reduce((s, b) => s + b.e, 0);
  const betaEff = Math.log(e / a) / w;
  const summed = { beta: betaEff, energies: [0, w], rates: [[0, e], [a, 0]], ...(spec.dephasing !== undefined ? { dephasing: [gphi, gphi] } : {}) };
  const gamma1Engine = a + e;
  const r = evaluateScenario({ model: 'davies', ...summed, rho0: rho2(p10, c0, phase), times: [t, Math.max(t, 60 / gamma1Engine)] }) as DaviesResult;
  const rho = r.rho[0];
  // γ₁ and γ₂ read off the engine's generator: L(|0⟩⟨0|)₁₁ − L(|1⟩⟨1|)₁₁ and −Re L(|0⟩⟨1|)₀₁
  const gen = daviesGenerator(summed);
  const L = (m: number[][]) => applyDavies(gen, fromReal(m));
  const gamma1 = get(L([[1, 0], [0, 0]]), 1, 1).re - get(L([[0, 0], [0, 1]]), 1, 1).re;
  const gamma2 = -get(L([[0, 1], [0, 0]]), 0, 1).re;
  const out: Record<string, number> = {
    gamma1,
    gamma2,
    p1_ss: r.populations[1][1],
    p1: r.populations[0][1],
    abs_c: Math.hypot(rho.re[0][1], rho.im[0][1]),
    S: r.S[0],
    C: r.C[0],
    Srel_ss: r.Srel[0],
    Upsilon: r.Upsilon[0],
    dSdt: r.dSdt[0],
    Pi_na: r.Pi[0],
  };
  // each bath alone, and the dephasing alone, at the state ρ(t)
  let Pi = 0;
  let PiD = 0;
  let Phi = 0;
  baths.forEach((b, i) => {
    const k = i + 1;
    const one = evaluateScenario({ model: 'davies', beta: b.beta, energies: [0, w], ...b.scenario, rho0: rho, times: [0] }) as DaviesResult;
    const J = -one.Phi[0] / b.beta;
    Object.assign(out, { [`J_${k}`]: J, [`Pi_${k}`]: one.Pi[0], [`Pi_d_${k}`]: one.Pi_d[0], [`Upsilon_${k}`]: one.Upsilon[0], [`detailed_balance_${k}`]: b.a / b.e });
    Pi += one.Pi[0];
    PiD += one.Pi_d[0];
    Phi -= b.beta * J;
  });
  if (spec.dephasing !== undefined) {
    const deph = evaluateScenario({ model: 'davies', beta: 1, energies: [0, w], rates: [[0, 0], [0, 0]], dephasing: [gphi, gphi], rho0: rho, times: [0] }) as DaviesResult;
    out.Upsilon_deph = deph.Upsilon[0];
    Pi += deph.Upsilon[0];
  }
  Object.assign(out, { Pi, Pi_d: PiD, Phi, Pi_a: Pi - r.Pi[0] });
  if (baths.length === 1) Object.assign(out, { detailed_balance: baths[0].a / baths[0].e, Srel: r.Srel[0], Srel_pop: r.Srel_pop[0] });
  return out;
}
