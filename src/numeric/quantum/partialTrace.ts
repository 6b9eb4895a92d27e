import { QepInputError } from '../errors.js';
import { type CMatrix, zeros } from '../linalg/cmatrix.js';

/**
 * Partial trace of a multipartite operator: tr_{traced} ρ, keeping the
 * subsystems `keep` (indices into `dims`, in the order given by `dims`).
 * Subsystem 0 is the most significant factor of the Kronecker order
 * (kron(A_0, A_1, …)), as everywhere in qep (S then E).
 * @throws QepInputError when dims do not multiply to the size of ρ or keep is out of range.
 * @example partialTrace(bellState, [2, 2], [0]) // ½·1
 */
export function partialTrace(rho: CMatrix, dims: readonly number[], keep: readonly number[]): CMatrix {
  const total = dims.reduce((a, b) => a * b, 1);
  if (total !== rho.rows || rho.rows !== rho.cols) {
    throw new QepInputError('dims', `subsystem dimensions whose product is the size of the matrix (${rho.rows})`, `product ${total}`);
  }
  const kept = [...new Set(keep)].sort((a, b) => a - b);
  for (const k of kept) {
    if (!Number.isInteger(k) || k < 0 || k >= dims.length) throw new QepInputError('keep', `subsystem indices in 0..${dims.length - 1}`, String(k));
  }
  const traced = dims.map((_, i) => i).filter((i) => !kept.includes(i));
  const strides = new Array<number>(dims.length);
  let st = 1;
  for (let i = dims.length - 1; i >= 0; i--) {
    strides[i] = st;
    st *= dims[i];
  }
  // offsets of each kept / traced multi-index in the full index
  const offsets = (subs: number[]): number[] => {
    let out = [0];
    for (const s of subs) {
      const next: number[] = [];
      for (const o of out) for (let x = 0; x < dims[s]; x++) next.push(o + x * strides[s]);
      out = next;
    }
    return out;
  };
  const ko = offsets(kept);
  const to = offsets(traced);
  const dk = ko.length;
  const n = rho.cols;
  const out = zeros(dk, dk);
  for (let a = 0; a < dk; a++) {
    for (let b = 0; b < dk; b++) {
      let sr = 0;
      let si = 0;
      for (const t of to) {
        const idx = (ko[a] + t) * n + ko[b] + t;
        sr += rho.re[idx];
        si += rho.im[idx];
      }
      out.re[a * dk + b] = sr;
      out.im[a * dk + b] = si;
    }
  }
  return out;
}
