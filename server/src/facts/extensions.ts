import type { Dialect } from '../model/dialect';
import type { ExtensionSpec, FieldSpec, Placement, ValueSpec, ValueType } from './extensionTypes';
import { API_SETTINGS_EXTENSIONS } from './extensions/apiSettings';
import { GATEWAY_RESPONSES_EXTENSION } from './extensions/gatewayResponses';
import { INTEGRATION_EXTENSIONS } from './extensions/integration';
import { SECURITY_EXTENSIONS } from './extensions/security';

/**
 * The catalog of every `x-amazon-apigateway-*` extension (the list on the developer guide's "API Gateway extensions to
 * OpenAPI" page). Validation, completion, hover and the generated JSON Schema all read it.
 */
export const EXTENSIONS: ExtensionSpec[] = [...INTEGRATION_EXTENSIONS, ...SECURITY_EXTENSIONS, GATEWAY_RESPONSES_EXTENSION, ...API_SETTINGS_EXTENSIONS].sort(
  (a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
);

export const EXTENSION_PREFIX = 'x-amazon-apigateway-';

const BY_NAME = new Map(EXTENSIONS.map((e) => [e.name, e]));

export function getExtension(name: string): ExtensionSpec | undefined {
  return BY_NAME.get(name);
}

/** Where an extension may stand in a document of a specification version (any version's places when it is unknown). */
export function placementsOf(extension: ExtensionSpec, version: 'openapi' | 'swagger' | 'unknown'): Placement[] {
  return (version !== 'unknown' && extension.placementsByVersion?.[version]) || extension.placements;
}

/** Extensions that may stand at a placement in a dialect and specification version, for completion. */
export function extensionsAt(placement: Placement, dialect: Dialect, version: 'openapi' | 'swagger' | 'unknown' = 'unknown'): ExtensionSpec[] {
  return EXTENSIONS.filter((e) => placementsOf(e, version).includes(placement) && e.dialects.includes(dialect));
}

export function typesOf(spec: ValueSpec): ValueType[] {
  return Array.isArray(spec.type) ? spec.type : [spec.type];
}

export function fieldOf(spec: ValueSpec, name: string): FieldSpec | undefined {
  const fields = spec.fields;
  if (!fields) return undefined;
  if (fields.length < INDEXED_FIELDS) {
    for (let i = 0; i < fields.length; i++) if (fields[i].name === name) return fields[i];
    return undefined;
  }
  let byName = fieldIndexes.get(fields);
  if (!byName) {
    byName = new Map();
    for (let i = 0; i < fields.length; i++) if (!byName.has(fields[i].name)) byName.set(fields[i].name, fields[i]);
    fieldIndexes.set(fields, byName);
  }
  return byName.get(name);
}

/** Specs with this many fields (the integration has some twenty) are read through an index of their names. */
const INDEXED_FIELDS = 8;
/** Keyed by the fields list, which specs spread from one another share; catalog lists are never changed. */
const fieldIndexes = new WeakMap<FieldSpec[], Map<string, FieldSpec>>();

/** The spec of a value nested below an extension, following object fields, array items and map values. */
export function findValueSpec(extension: ExtensionSpec, pathBelow: (string | number)[]): ValueSpec | undefined {
  let spec: ValueSpec | undefined = extension;
  for (const segment of pathBelow) {
    if (!spec) return undefined;
    const types = typesOf(spec);
    const isIndex = typeof segment === 'number' || /^\d+$/.test(segment);
    if (isIndex && spec.items && types.includes('array')) {
      spec = spec.items;
      continue;
    }
    const field = fieldOf(spec, String(segment));
    if (field) {
      spec = field;
      continue;
    }
    if (spec.values) {
      spec = spec.values;
      continue;
    }
    return undefined;
  }
  return spec;
}

/**
 * `findValueSpec`, and with a dialect, undefined where the extension or a field on the way is of the other dialect
 * only (`passthroughBehavior` or `responses.default.contentHandling` in an HTTP API), which that dialect never reads.
 */
export function findValueSpecIn(extension: ExtensionSpec, pathBelow: (string | number)[], dialect?: Dialect): ValueSpec | undefined {
  if (dialect && !extension.dialects.includes(dialect)) return undefined;
  let spec: ValueSpec | undefined = extension;
  for (let i = 0; i < pathBelow.length && spec; i++) {
    spec = findValueSpec(extension, pathBelow.slice(0, i + 1));
    const dialects = (spec as Partial<FieldSpec> | undefined)?.dialects;
    if (dialect && dialects && !dialects.includes(dialect)) return undefined;
  }
  return spec;
}

/** Whether a dialect takes a value (an enum value, an example), by the map of those only some dialects take. */
export function takenIn(onlySome: Record<string, Dialect[]> | undefined, value: string, dialect: Dialect): boolean {
  return !onlySome?.[value] || onlySome[value].includes(dialect);
}

/** Whether a field applies in a dialect (fields without `dialects` apply in both). */
export function fieldAppliesTo(field: FieldSpec, dialect: Dialect): boolean {
  return !field.dialects || field.dialects.includes(dialect);
}

/**
 * Whether an object whose `type` is the given one reads the field (fields without `forTypes` are read by all); with a
 * dialect, by that dialect's own list where it has one.
 */
export function fieldReadByType(field: FieldSpec, type: string | undefined, dialect?: Dialect): boolean {
  const types = (dialect && field.forTypesIn?.[dialect]) || field.forTypes;
  return !types || type === undefined || types.includes(type.toLowerCase());
}

export function isFieldRequired(field: FieldSpec, dialect: Dialect): boolean {
  return field.required === true || (Array.isArray(field.required) && field.required.includes(dialect));
}
