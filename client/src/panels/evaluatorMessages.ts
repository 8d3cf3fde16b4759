/** Messages between the template evaluator panel and the extension. Plain data only: both sides import these types. */
// The shapes the language server answers with: imported as types only, so no server code is bundled into the panel.
import type { TemplateEvaluation, TemplateSample } from '../../../server/src/services/templateEvaluation';

export type { TemplateSample };
export type EvaluationResult = TemplateEvaluation;

export type EvaluatorToPanel =
  | { type: 'init'; label: string; kind: string; sample: TemplateSample; source: string }
  | { type: 'result'; result: EvaluationResult }
  | { type: 'problem'; message: string };

export type PanelToEvaluator =
  | { type: 'ready' }
  | { type: 'sampleChanged'; sample: TemplateSample }
  | { type: 'resetSample' }
  | { type: 'revealLine'; line: number; column?: number };
