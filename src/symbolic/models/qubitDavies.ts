/**
 * The built-in qubit Davies model (Eqs. 1–15): one model file of the qubit
 * family, shipped in the package (qubit-davies.json): H = diag(0, ω), one
 * standard bath with W(1|0) = g n̄, W(0|1) = g(n̄ + 1), n̄ = 1/(e^{βω} − 1),
 * parameters g, w, beta, p10, c0, t. Its derivation is
 * {@link deriveQubitFamily}; with one standard bath and no dephasing its
 * display forms are the paper's.
 */
import builtin from './qubit-davies.json' with { type: 'json' };
import type { Domain } from '../domain.js';
import type { DerivedModel } from './model.js';
import { validateModelFile, type ModelParameter } from './modelFile.js';
import { deriveQubitFamily, modelDomain } from './qubitFamily.js';

/** The shipped model file of qep's built-in `qubit-davies` model (parsed JSON, validated when derived). */
export const QUBIT_DAVIES_FILE: unknown = builtin;

/** The physical domain of the qubit Davies model (parameters as named in `qep derive`). */
export const qubitDaviesDomain: Domain = modelDomain(builtin.parameters as Record<string, ModelParameter>, builtin.initial.p1);

/** Names of the qubit-davies closed forms, in output order (the file's `forms`). */
export const QUBIT_DAVIES_FORMS: readonly string[] = builtin.forms;

/**
 * Derive the qubit Davies closed forms from the definitions (the shipped model file through {@link deriveQubitFamily}).
 * @throws DerivationError when a step that must hold fails (a bug in qep).
 */
export function deriveQubitDavies(): DerivedModel {
  return deriveQubitFamily(validateModelFile(builtin, 'qubit-davies'));
}
