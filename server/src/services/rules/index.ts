import type { Rule } from '../validationTypes';
import { apiSettingsRule } from './apiSettings';
import { extensionShapeRule } from './extensionShape';
import { importRulesRule } from './importRules';
import { integrationMappingsRule } from './integrationMappings';
import { integrationSettingsRule } from './integrationSettings';
import { methodResponsesRule } from './methodResponses';
import { modelSchemasRule } from './modelSchemas';
import { openapiStructureRule } from './openapiStructure';
import { pathParametersRule } from './pathParameters';
import { referencesRule } from './references';
import { requestValidatorsRule } from './requestValidators';
import { securityRule } from './security';
import { unprocessedTemplateRule } from './unprocessedTemplate';
import { templateRule } from '../templates/templateValidation';

/** Every validation rule, in the order they run. */
export const RULES: Rule[] = [
  unprocessedTemplateRule,
  importRulesRule,
  openapiStructureRule,
  pathParametersRule,
  referencesRule,
  extensionShapeRule,
  apiSettingsRule,
  integrationSettingsRule,
  integrationMappingsRule,
  requestValidatorsRule,
  securityRule,
  methodResponsesRule,
  modelSchemasRule,
  templateRule,
];
