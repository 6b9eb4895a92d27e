import type { Claim } from '../src/claims/claim.js';
import { bathsClaims } from './baths.js';
import { daviesClaims } from './davies.js';
import { symbolicClaims } from './symbolic.js';
import { thermalClaims } from './thermal.js';
import { trajectoryClaims } from './trajectories.js';

/**
 * Every claim qep checks, section by section, in the paper's order: each
 * properties/<section>.ts exports `<section>Claims`, collected here.
 */
export const allClaims: Claim[] = [...daviesClaims, ...bathsClaims, ...thermalClaims, ...trajectoryClaims, ...symbolicClaims];
