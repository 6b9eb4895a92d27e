import type { Claim } from '../src/claims/claim.js';

/**
 * Every claim qep checks, section by section (owned by the lead: each
 * properties/<section>.ts exports `<section>Claims`, collected here).
 * Placeholder created by the claims-runner helper: no section exists yet.
 */
export const allClaims: Claim[] = [];
