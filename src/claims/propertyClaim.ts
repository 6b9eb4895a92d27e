import type { Arbitrary } from 'fast-check';
import type { Claim, Expectation, InstanceCheck, SymbolicOutcome } from './claim.js';

export type { InstanceCheck } from './claim.js';

/**
 * Everything that defines a property claim. The mutant convention is one:
 * `check` and `mutant` are two functions of the instance with the same
 * signature; `mutant` is the deliberately wrong formula (a flipped sign, a
 * missing factor) that the registry test requires to be refuted.
 */
export interface PropertyClaimSpec<T> {
  /** Stable id, `section.name`, e.g. `davies.pi-split`; the section is the part before the first dot. */
  readonly id: string;
  /** The paper's equation number(s) (`12`, `23-25`), a qep label (`B5`), or `-`. */
  readonly equation: string;
  /** The statement in LaTeX. */
  readonly statement: string;
  /** Hypotheses under which it is claimed; an instance violating them is not applicable. */
  readonly hypotheses: readonly string[];
  /** Default `holds`. */
  readonly expected?: Expectation;
  /** Why a claim is expected refuted (the printed form), or other context for the report. */
  readonly note?: string;
  /** Where the instances come from. */
  readonly arbitrary: Arbitrary<T>;
  /** Judge one instance (pure: the same instance always gets the same outcome). */
  readonly check: InstanceCheck<T>;
  /** The deliberately wrong formula. Every claim expected to hold has one. */
  readonly mutant?: InstanceCheck<T>;
  /** A readable JSON view of an instance for counterexample reports. */
  readonly describe?: (instance: T) => unknown;
  /**
   * Instances tried before the random search: known counterexamples of a claim
   * expected refuted, boundary cases of one expected to hold. They add to the
   * search, never replace it.
   */
  readonly examples?: readonly T[];
  /**
   * A symbolic derivation of the same statement (a closed form that the property
   * compares with the numeric engine): the claim is then checked both ways
   * (method `both`), the symbolic check with its own timeout.
   */
  readonly symbolic?: () => Promise<SymbolicOutcome>;
  /** Claims sharing an expensive per-thread setup (a symbolic model) run on one thread (see Claim.group). */
  readonly group?: string;
}

/**
 * Build a property claim: one factory for every section, so that every claim
 * carries its check, its mutant, its arbitrary and its examples the same way.
 *
 * @example
 * propertyClaim({ id: 'davies.pi-split', equation: '12', statement: '\\Pi = \\Pi_d + \\Upsilon',
 *   hypotheses: [], arbitrary, check: checkPiSplit, mutant: mutantPiSplit })
 */
export function propertyClaim<T>(spec: PropertyClaimSpec<T>): Claim {
  const { arbitrary, check, mutant, describe, examples, expected, ...rest } = spec;
  const claim: Claim<T> = {
    ...rest,
    hypotheses: [...spec.hypotheses],
    method: spec.symbolic ? 'both' : 'property',
    expected: expected ?? 'holds',
    property: {
      arbitrary,
      check,
      ...(mutant ? { mutant } : {}),
      ...(describe ? { describe } : {}),
      ...(examples && examples.length > 0 ? { examples } : {}),
    },
  };
  return claim as unknown as Claim;
}

/** The section of a claim id: the part before the first dot (`davies`, `thermal`, `baths`, …). */
export function claimSection(id: string): string {
  const dot = id.indexOf('.');
  return dot < 0 ? id : id.slice(0, dot);
}
