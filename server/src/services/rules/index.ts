import type { Rule } from '../validationTypes';
import { extensionShapeRule } from './extensionShape';
import { integrationMappingsRule } from './integrationMappings';
import { integrationSettingsRule } from './integrationSettings';
import { openapiStructureRule } from './openapiStructure';
import { referencesRule } from './references';
import { unprocessedTemplateRule } from './unprocessedTemplate';

/** Every validation rule, in the order they run. */
export const RULES: Rule[] = [
  unprocessedTemplateRule,
  openapiStructureRule,
  referencesRule,
  extensionShapeRule,
  integrationSettingsRule,
  integrationMappingsRule,
];
