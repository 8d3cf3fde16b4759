/** What the validation and the template check worker say to each other. */
import type { Problem } from '../validationTypes';
import type { TemplateFacts } from './templateChecks';
import type { ScalarSource, TemplateFinding } from './templateFindings';

/** A template to check, and the scalar it was read from, for placing its findings. */
export interface TemplateCheckJob {
  facts: TemplateFacts;
  scalar: ScalarSource;
}

export interface TemplateCheckRequest {
  id: number;
  jobs: TemplateCheckJob[];
}

/** One finding in the template's own offsets; `start` is WHOLE_TEMPLATE for findings about the template as a whole. */
export interface TextFinding {
  start: number;
  end: number;
  code: string;
  message: string;
  extra?: Partial<Problem>;
}

export interface TemplateCheckResponse {
  id: number;
  /** The findings of each job, in the request's order, placed relative to the scalar's content. */
  results: TemplateFinding[][];
}
