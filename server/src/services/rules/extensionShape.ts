import { EXTENSION_PREFIX, EXTENSIONS, getExtension, placementsOf } from '../../facts/extensions';
import type { ExtensionSpec, Placement } from '../../facts/extensionTypes';
import { placementOf } from '../../model/openapiWalk';
import { getProperty, pathOf } from '../../model/navigate';
import type { Rule, ValidationContext } from '../validationTypes';
import { indexDocument, type ExtensionOccurrence } from './documentIndex';
import { nearMiss } from './nearMiss';
import { checkValue, dialectName } from './valueChecks';
import { pause } from './eventLoop';
import { keyOf } from '../../model/property';

const PLACEMENT_NAMES: Record<Placement, string> = {
  root: 'the document root',
  info: 'the Info object',
  server: 'a Server object',
  pathItem: 'a Path Item',
  operation: 'an Operation',
  securityScheme: 'a security scheme',
  components: '`components`',
  tag: 'a Tag object',
};

const EXTENSION_NAMES = EXTENSIONS.map((e) => e.name);

/** Every `x-amazon-apigateway-*` key: known name, right place, right dialect, and a value of the catalog's shape. */
export const extensionShapeRule: Rule = async (context) => {
  const extensions = indexDocument(context.document).extensions;
  for (let i = 0; i < extensions.length; i++) {
    if ((i & 255) === 255 && (await pause(context))) return;
    checkOccurrence(context, extensions[i]);
  }
};

function checkOccurrence(context: ValidationContext, property: ExtensionOccurrence): void {
  const name = String(property.keyValue);
  const spec = getExtension(name);
  if (!spec) {
    const expected = nearMiss(name, EXTENSION_NAMES);
    // Other vendors' `x-amazon-*` keys are none of our business unless they look like a misspelt extension.
    if (!name.startsWith(EXTENSION_PREFIX) && !expected) return;
    // Renamed to a key its object already has, it would be a duplicate key: no fix is offered then.
    const taken = expected !== undefined && property.parent.properties.some((p) => p !== property && p.keyValue === expected);
    const hint = !expected ? '' : taken ? ` It looks like a misspelt \`${expected}\`, which this object already has.` : ` Did you mean \`${expected}\`?`;
    context.report(keyOf(property), 'unknown-extension', `\`${name}\` is not an API Gateway extension; API Gateway ignores it.${hint}`, expected && !taken ? { data: { expected } } : undefined);
    return;
  }
  // Where the extension stands, worked out only for the extensions there are rather than kept for every node visited.
  const placement = placementOf(context.document, pathOf(property.parent));
  if (!isWellPlaced(context, spec, placement)) {
    context.report(keyOf(property), 'misplaced-extension', `\`${name}\` belongs in ${expectedPlaces(context, spec)}, not ${placement ? PLACEMENT_NAMES[placement] : 'here'}; API Gateway does not read it here.`);
    return;
  }
  if (!spec.dialects.includes(context.dialect)) {
    context.report(keyOf(property), 'dialect-mismatch', `\`${name}\` applies only to ${spec.dialects.map(dialectName).join(' and ')}; ${context.dialect === 'rest' ? 'a REST' : 'an HTTP'} API import ignores it.`);
  }
  const value = property.value;
  // A reused HTTP API integration is checked where it is declared.
  const reference = spec.name === 'x-amazon-apigateway-integration' ? getProperty(value, '$ref') : undefined;
  if (reference?.value !== undefined) {
    if (context.dialect === 'rest') {
      // The REST import reads the object as it stands, finds no type, and drops it ("Unknown integration type 'null'
      // for 'GET /'. Ignoring."): the method is left without an integration, which no deployment takes.
      context.report(keyOf(reference), 'dialect-mismatch', 'Only HTTP APIs follow `$ref` to a reusable integration: a REST API import finds no integration `type` here and leaves the method without an integration. Write the integration out in full, or import the definition as an HTTP API.');
      return;
    }
    checkValue(context, { ...spec, fields: spec.fields?.filter((f) => f.name === '$ref'), additionalFields: true }, value, name);
    return;
  }
  checkValue(context, spec, value, name);
}

/** The catalog's places for the document's specification version, as completion offers them. */
function allowedPlacements(context: ValidationContext, spec: ExtensionSpec): Placement[] {
  return placementsOf(spec, context.document.kind);
}

function isWellPlaced(context: ValidationContext, spec: ExtensionSpec, placement: Placement | undefined): boolean {
  return placement !== undefined && allowedPlacements(context, spec).includes(placement);
}

function expectedPlaces(context: ValidationContext, spec: ExtensionSpec): string {
  return allowedPlacements(context, spec).map((p) => PLACEMENT_NAMES[p]).join(' or ');
}
