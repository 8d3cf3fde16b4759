import type { Rule } from '../validationTypes';
import { extensionShapeRule } from './extensionShape';
import { unprocessedTemplateRule } from './unprocessedTemplate';

/** Every validation rule, in the order they run. */
export const RULES: Rule[] = [unprocessedTemplateRule, extensionShapeRule];
