import { formLatex } from '../symbolic/derive.js';
import type { DerivedModel } from '../symbolic/models/model.js';
import { anchorId, escapeHtml } from './html.js';
import { renderTex } from './katex.js';

/**
 * The closed forms of each derived model, rendered with KaTeX at build time:
 * `name = closed form` in display style, its status (proved: the difference
 * reduced to exactly 0; sampled: 60-digit evaluation at random points), and a
 * button that copies the LaTeX source.
 */

/** One closed form as the report shows it. */
export interface FormView {
  readonly model: string;
  readonly name: string;
  /** `lhs = rhs`, the LaTeX the copy button copies. */
  readonly latex: string;
  readonly status: 'proved' | 'sampled';
}

/** The forms of a model, in the model's order. */
export function formViews(m: DerivedModel): FormView[] {
  return Object.entries(m.forms).map(([name, f]) => ({ model: m.name, name, latex: `${f.latexName} = ${formLatex(m, name)}`, status: f.status }));
}

function formHtml(f: FormView): string {
  const id = `form-${anchorId(f.model)}-${anchorId(f.name)}`;
  return (
    `<figure class="form" id="${id}">` +
    `<div class="form-math">${renderTex(f.latex, true)}</div>` +
    `<figcaption><code>${escapeHtml(f.name)}</code> <span class="verdict ${f.status === 'proved' ? 'v-good' : 'v-sampled'}">${f.status}</span> ` +
    `<button type="button" class="copy" data-latex="${escapeHtml(f.latex)}" aria-label="Copy the LaTeX source of ${escapeHtml(f.name)}">Copy LaTeX</button></figcaption>` +
    `</figure>`
  );
}

function modelHtml(m: DerivedModel): string {
  const params = Object.entries(m.domain.params)
    .map(([, p]) => `<li>${renderTex(p.latex)}: ${escapeHtml(p.description)}</li>`)
    .join('');
  const forms = formViews(m);
  const proved = forms.filter((f) => f.status === 'proved').length;
  return (
    `<section class="model" id="model-${anchorId(m.name)}" aria-labelledby="h-model-${anchorId(m.name)}">` +
    `<h3 id="h-model-${anchorId(m.name)}">${escapeHtml(m.title)} <span class="count"><code>${escapeHtml(m.name)}</code>: ${proved} of ${forms.length} proved</span></h3>` +
    (params ? `<details class="parameters"><summary>Parameters</summary><ul>${params}</ul></details>` : '') +
    forms.map(formHtml).join('') +
    `</section>`
  );
}

/** The closed-forms section for the given models. */
export function formsSection(models: readonly DerivedModel[]): string {
  return (
    `<section id="forms" aria-labelledby="h-forms"><h2 id="h-forms">Closed forms</h2>` +
    `<p>Derived from the definitions by qep's computer algebra (<code>qep derive</code>). <em>proved</em>: the difference with the derivation reduces to exactly 0; ` +
    `<em>sampled</em>: it vanishes to 60 digits at random points of the physical domain.</p>` +
    (models.length > 0 ? models.map(modelHtml).join('') : '<p>No model was derived.</p>') +
    `</section>`
  );
}
