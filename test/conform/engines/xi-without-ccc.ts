// A broken engine: Ξ reported as C(ρ'_E) alone, without the correlated coherence C_cc (Eq. 31).
import { serve } from './_serve.js';

await serve((_scenario, r) => (typeof r.Xi === 'number' ? { ...r, Xi: r.Xi - (r.C_cc as number) } : r));
