import fc from 'fast-check';
import { type ModelName, deriveModelSync } from '../../src/symbolic/derive.js';
import { qubitDaviesDomain } from '../../src/symbolic/models/qubitDavies.js';
import { partialSwapDomain } from '../../src/symbolic/models/partialSwap.js';
import { pointFromUnit, type Domain } from '../../src/symbolic/domain.js';
import { compileNumber } from '../../src/symbolic/cas/mathjs.js';
import { gridReal } from '../arbitraries/index.js';

/**
 * Random parameter points of the symbolic models, built with `.map` from
 * bounded integers (one uniform draw u ∈ [0, 1] per parameter on a grid of
 * 2^24 + 1 points (gridReal), mapped onto the physical domain of the model, plus the phase
 * of the coherence), so fast-check shrinks toward the low end of every range:
 * the smallest g, ω, β, the smallest populations, no coherence, t = 0, θ at its
 * lower bound, phase 0. (fc.double would not do: it is uniform over float
 * encodings, so most draws in [0, 1] are below 1e-100.)
 */

/** One random point: the model, its parameters (names as in `qep derive`) and the phase of ρ₀₁. */
export interface SymbolicPoint {
  readonly model: ModelName;
  readonly point: Readonly<Record<string, number>>;
  readonly phase: number;
}

/** The physical domain of a model (static: no derivation needed). */
export function domainOf(model: ModelName): Domain {
  return model === 'qubit-davies' ? qubitDaviesDomain : partialSwapDomain;
}

/** Random points of a model's physical domain. */
export function arbSymbolicPoint(model: ModelName): fc.Arbitrary<SymbolicPoint> {
  const domain = domainOf(model);
  const n = Object.keys(domain.params).length;
  const unit = gridReal(0, 1);
  return fc.tuple(fc.array(unit, { minLength: n, maxLength: n }), unit).map(([u, v]) => ({
    model,
    point: pointFromUnit(domain, u),
    phase: 2 * Math.PI * v,
  }));
}

/**
 * Boundary points of a model's domain, tried before the random search: the corners where
 * every parameter is at its low end (no coherence, t = 0 or the smallest θ, the weakest
 * coupling, the highest temperature) or its high end (coherence at 95% of the purity limit,
 * the largest β·ω and times), and the two alternating corners, with phases 0 and π/2.
 */
export function symbolicBoundaryExamples(model: ModelName): SymbolicPoint[] {
  const domain = domainOf(model);
  const n = Object.keys(domain.params).length;
  const corners = [
    new Array<number>(n).fill(0),
    new Array<number>(n).fill(1),
    Array.from({ length: n }, (_, i) => i % 2),
    Array.from({ length: n }, (_, i) => 1 - (i % 2)),
  ];
  return corners.map((u, k) => ({ model, point: pointFromUnit(domain, u), phase: (k % 2) * (Math.PI / 2) }));
}

/** A readable view of a point for counterexample reports. */
export function describePoint(p: SymbolicPoint): unknown {
  return { model: p.model, ...p.point, phase: p.phase };
}

type Evaluator = (scope: Readonly<Record<string, number>>) => number;

const compiled = new Map<ModelName, Readonly<Record<string, Evaluator>>>();

/** The model's closed forms compiled to float64 (derived once per process). */
export function closedForms(model: ModelName): Readonly<Record<string, Evaluator>> {
  let c = compiled.get(model);
  if (!c) {
    const m = deriveModelSync(model);
    c = Object.fromEntries(Object.entries(m.forms).map(([k, f]) => [k, compileNumber(f.inlined)]));
    compiled.set(model, c);
  }
  return c;
}
