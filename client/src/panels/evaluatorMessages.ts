/** Messages between the template evaluator panel and the extension. Plain data only: both sides import these types. */

export interface TemplateSample {
  body?: string;
  params?: { path?: Record<string, string>; querystring?: Record<string, string>; header?: Record<string, string> };
  stageVariables?: Record<string, string>;
  context?: Record<string, unknown>;
  backend?: { type: 'lambda' | 'http' | 'mock'; statusCode?: number; errorMessage?: string | null; body?: string };
}

export interface EvaluationError {
  message: string;
  code: string;
  line?: number;
  column?: number;
}

export interface EvaluationResult {
  kind: string;
  label: string;
  mimeType: string;
  output: string;
  jsonValid?: boolean;
  jsonError?: string;
  requestOverride: Record<string, unknown>;
  responseOverride: Record<string, unknown>;
  errors: EvaluationError[];
  gatewayError?: { status: number; body: string };
  durationMs: number;
  selection?: { key?: string; status: number; headers: Record<string, string>; matchesThisTemplate: boolean };
}

export type EvaluatorToPanel =
  | { type: 'init'; label: string; kind: string; sample: TemplateSample; source: string }
  | { type: 'result'; result: EvaluationResult }
  | { type: 'problem'; message: string };

export type PanelToEvaluator =
  | { type: 'ready' }
  | { type: 'sampleChanged'; sample: TemplateSample }
  | { type: 'resetSample' }
  | { type: 'revealLine'; line: number; column?: number };
