// A broken engine: Υ (Eq. 14) with the wrong sign; everything else is qep's.
import { serve } from './_serve.js';

await serve((_scenario, r) => (Array.isArray(r.Upsilon) ? { ...r, Upsilon: (r.Upsilon as number[]).map((x) => -x) } : r));
