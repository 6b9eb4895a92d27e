/**
 * What a model derivation produces: the closed forms with their status, the
 * definitions they use, every checked step, and the LaTeX symbol table.
 */
import type { FormResult, StepResult, Definition, DerivationBuilder, OpinionRequest } from '../_internal/builder.js';
import type { Domain } from '../domain.js';
import type { Atoms } from '../atoms.js';

/** The result of a model derivation. */
export interface DerivedModel {
  readonly name: string;
  readonly title: string;
  readonly domain: Domain;
  /** The model's atom table, with the sign facts found during the derivation (reuse it for further identities). */
  readonly atoms: Atoms;
  readonly definitions: readonly Definition[];
  readonly forms: Readonly<Record<string, FormResult>>;
  readonly steps: readonly StepResult[];
  /** Names of definitions and forms in the order of the derivation (for LaTeX). */
  readonly order: readonly string[];
  /** What algebrite is asked afterwards (see annotate.ts); its answers never change a status. */
  readonly opinionRequests: readonly OpinionRequest[];
  /** LaTeX of every symbol (parameters, definitions, forms) as used inside formulas. */
  readonly symbols: Readonly<Record<string, string>>;
  /** Wall time of the derivation, ms. */
  readonly ms: number;
}

/**
 * The LaTeX symbol table of a derivation: parameters from the domain, then
 * definitions and forms by their LaTeX names, with `overrides` for short names
 * inside formulas (p_1 rather than p_1(t)).
 */
export function symbolTable(domain: Domain, B: DerivationBuilder, overrides: Readonly<Record<string, string>> = {}): Record<string, string> {
  const table: Record<string, string> = {};
  for (const [k, p] of Object.entries(domain.params)) table[k] = p.latex;
  for (const d of B.definitions.values()) table[d.name] = d.latexName;
  for (const f of B.forms.values()) table[f.name] = f.latexName;
  return { ...table, ...overrides };
}

/** Options of the algebrite opinions added to a derivation (see annotate.ts). */
export interface DeriveOptions {
  /** Ask algebrite (default true). */
  readonly algebrite?: boolean;
  /** Per-identity timeout, ms (default SYMBOLIC_TOL.algebriteStepTimeoutMs). */
  readonly stepTimeoutMs?: number;
  /** Total algebrite time for the model, ms (default SYMBOLIC_TOL.algebriteBudgetMs). */
  readonly budgetMs?: number;
  /** Inputs longer than this are not sent (default SYMBOLIC_TOL.algebriteMaxChars). */
  readonly maxChars?: number;
  /** Reuse and store algebrite's answers in the on-disk cache (default true; see cache.ts). */
  readonly cache?: boolean;
}
