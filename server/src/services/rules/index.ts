import type { Rule } from '../validationTypes';

/** Every validation rule, in the order they run. */
export const RULES: Rule[] = [];
