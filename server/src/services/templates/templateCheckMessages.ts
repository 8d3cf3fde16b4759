/** What the validation and the template check worker say to each other. */
import type { Problem } from '../validationTypes';
import type { TemplateFacts } from './templateChecks';

export interface TemplateCheckRequest {
  id: number;
  jobs: TemplateFacts[];
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
  /** The findings of each job, in the request's order. */
  results: TextFinding[][];
}
