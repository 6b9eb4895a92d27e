import { type CMatrix, zeros } from './cmatrix.js';

/**
 * Scratch matrices for the intermediates of a computation that runs once per instance
 * (a product chain such as W† U W, a Kronecker factor): slot k keeps its matrix from
 * one call to the next while the shape is unchanged, so that a run of instances of one
 * size allocates its scratch once. Small typed arrays are costly to allocate and to
 * collect; this is where the per-instance kernels write their intermediates (through
 * the `out` parameters of cmatrix.ts).
 *
 * Contents are undefined on return (the kernels overwrite every entry). A matrix taken
 * from a workspace must never escape the function that took it (never returned, never
 * stored): the next call overwrites it. One workspace per module, each slot used at one
 * place in that module; JavaScript runs one call at a time per thread, and every worker
 * thread has its own module instances.
 */
export class Workspace {
  private readonly slots: (CMatrix | undefined)[] = [];

  /** The rows × cols scratch matrix of slot `k` (allocated on first use or when the shape changes). */
  matrix(k: number, rows: number, cols: number = rows): CMatrix {
    const m = this.slots[k];
    if (m !== undefined && m.rows === rows && m.cols === cols) return m;
    const z = zeros(rows, cols);
    this.slots[k] = z;
    return z;
  }
}
