/**
 * Zeroed Float64Arrays for the numeric kernels, carved from shared slabs.
 *
 * Why by hand: V8 keeps a typed array of at most 64 bytes on its heap, but a
 * larger one (a 4×4 complex matrix is two arrays of 128 bytes) gets its own
 * off-heap ArrayBuffer, which costs about 0.75 µs to create and adds external
 * memory the collector must track: measured on Node 20, 15 times the cost of a
 * view into an existing buffer. The engine creates such arrays per instance by
 * the thousand (products, adjoints, eigenvector matrices), so a small request
 * here is a view into the current slab (256 KiB, zero-filled when created and
 * never reused), and only large requests allocate their own buffer.
 *
 * Consequences: arrays from here are zero on return, like `new Float64Array(n)`;
 * a small array shares its `.buffer` with others (nothing in qep reads `.buffer`
 * or transfers these arrays to another thread); and a slab is freed only when
 * every array carved from it is unreachable, so keeping one small array alive
 * can keep at most one slab (256 KiB) alive. Each thread has its own slab.
 */

/** Doubles per slab (256 KiB). */
const SLAB_LENGTH = 32768;
/** Requests of more doubles than this get their own buffer; those up to {@link ON_HEAP} are cheap on V8's heap. */
const SMALL = 4096;
/** V8 keeps typed arrays of up to 64 bytes (8 doubles) on its heap, where they are cheap already. */
const ON_HEAP = 8;

let slab = new ArrayBuffer(0);
let used = SLAB_LENGTH;

/** A zero-filled Float64Array of length `n` (from the current slab when 8 < n ≤ 4096). */
export function float64(n: number): Float64Array<ArrayBuffer> {
  if (n <= ON_HEAP || n > SMALL) return new Float64Array(n);
  if (used + n > SLAB_LENGTH) {
    slab = new ArrayBuffer(SLAB_LENGTH * 8);
    used = 0;
  }
  const a = new Float64Array(slab, used * 8, n);
  used += n;
  return a;
}

/** A copy of `source` in a new Float64Array (from a slab like {@link float64}). */
export function float64Copy(source: ArrayLike<number>): Float64Array<ArrayBuffer> {
  const a = float64(source.length);
  a.set(source);
  return a;
}
