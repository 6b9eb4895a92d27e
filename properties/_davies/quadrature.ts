import { CHECK_TOL, EPS } from '../../src/numeric/tolerance.js';

/**
 * Adaptive Gauss–Kronrod quadrature (G7–K15, the QUADPACK qk15 rule; Piessens
 * et al. 1983): a panel is accepted when |K15 − G7| ≤ its share of the
 * tolerance, otherwise bisected. The K15 error on a smooth panel is far below
 * |K15 − G7|, so the estimate is conservative. Used for the integrated claims
 * ∫Π_d dt = −ΔS(p‖p_eq), ∫Υ dt = −ΔC of the Davies section.
 */

const XGK = [
  0.9914553711208126, 0.9491079123427585, 0.8648644233597691,
  0.7415311855993945, 0.5860872354676911, 0.4058451513773972,
  0.20778495500789848, 0,
];
const WGK = [
  0.022935322010529224, 0.06309209262997856, 0.10479001032225019,
  0.14065325971552592, 0.1690047266392679, 0.19035057806478542,
  0.20443294007529889, 0.20948214108472782,
];
/** Gauss 7-point weights, for the nodes XGK[1], XGK[3], XGK[5], XGK[7]. */
const WG = [0.1294849661688697, 0.27970539148927664, 0.3818300505051189, 0.4179591836734694];

/** The integral, an estimate of its error, ∫|f| and the number of evaluations of f. */
export interface QuadratureResult {
  readonly value: number;
  readonly error: number;
  readonly absIntegral: number;
  readonly evaluations: number;
}

function panel(f: (t: number) => number, a: number, b: number): { k: number; g: number; abs: number } {
  const c = 0.5 * (a + b);
  const h = 0.5 * (b - a);
  const fc = f(c);
  let k = WGK[7] * fc;
  let g = WG[3] * fc;
  let abs = WGK[7] * Math.abs(fc);
  for (let j = 0; j < 7; j++) {
    const f1 = f(c - h * XGK[j]);
    const f2 = f(c + h * XGK[j]);
    k += WGK[j] * (f1 + f2);
    abs += WGK[j] * (Math.abs(f1) + Math.abs(f2));
    if (j % 2 === 1) g += WG[(j - 1) / 2] * (f1 + f2);
  }
  return { k: k * h, g: g * h, abs: abs * h };
}

/**
 * ∫_a^b f(t) dt to a relative tolerance `rtol` of ∫|f| (default CHECK_TOL.quadrature; and absolute `atol`),
 * by adaptive bisection (at most `maxDepth` levels and `maxPanels` bisections; the
 * returned `error` is the sum of the panels' |K15 − G7|, so a budget cut shows there).
 * An infinite value of f gives an infinite integral.
 */
export function integrate(f: (t: number) => number, a: number, b: number, rtol: number = CHECK_TOL.quadrature, atol = 0, maxDepth = 30, maxPanels = 400): QuadratureResult {
  let evaluations = 0;
  let panels = 0;
  const g = (t: number): number => {
    evaluations++;
    return f(t);
  };
  const whole = panel(g, a, b);
  const target = Math.max(atol, rtol * whole.abs);
  let value = 0;
  let error = 0;
  let abs = 0;
  const stack: { a: number; b: number; p: ReturnType<typeof panel>; depth: number }[] = [{ a, b, p: whole, depth: 0 }];
  while (stack.length) {
    const s = stack.pop()!;
    const err = Math.abs(s.p.k - s.p.g);
    if (!Number.isFinite(s.p.k)) return { value: s.p.k, error: Infinity, absIntegral: Infinity, evaluations };
    // Accept a panel at its share of the tolerance, at rounding level (CHECK_TOL.quadratureRoundingEps: QUADPACK's 50ε of ∫|f|),
    // at the depth limit, or once the panel budget is spent (the error estimate says so).
    const rounding = CHECK_TOL.quadratureRoundingEps * EPS * s.p.abs;
    if (err <= (target * (s.b - s.a)) / (b - a) || err <= rounding || s.depth >= maxDepth || ++panels > maxPanels) {
      value += s.p.k;
      error += err;
      abs += s.p.abs;
      continue;
    }
    const m = 0.5 * (s.a + s.b);
    stack.push({ a: s.a, b: m, p: panel(g, s.a, m), depth: s.depth + 1 });
    stack.push({ a: m, b: s.b, p: panel(g, m, s.b), depth: s.depth + 1 });
  }
  return { value, error, absIntegral: abs, evaluations };
}
