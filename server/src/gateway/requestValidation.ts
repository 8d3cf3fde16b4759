import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv-draft-04';
import { getOwn } from '../model/jsonObjects';
import type { ApiModel, Operation } from './apiModel';
import { GatewayError } from './gatewayResponses';
import { addIntegerKeyword, integersWrittenAsDecimals, integerTypesAsWritten, INTEGER_AS_WRITTEN } from './writtenIntegers';

/**
 * Request validators as API Gateway applies them: required query strings and headers
 * (`validateRequestParameters`), then the body against the model, a JSON Schema draft 4
 * (`validateRequestBody`). Compiled validators are kept for the life of the document version.
 */
export class RequestValidator {
  private readonly ajv: Ajv;
  private readonly compiled = new Map<string, ValidateFunction | Error>();
  /** Whether any schema of the document has an integer type, which needs to know how the body wrote its numbers. */
  private readonly hasIntegers: boolean;
  /** During a validation: the numbers of the body written with a fraction or an exponent, by JSON pointer. */
  private decimals: Set<string> | undefined;

  constructor(model: ApiModel) {
    // The whole document is registered once so that `#/components/schemas/...` refs inside models resolve.
    this.ajv = new Ajv({ strict: false, validateSchema: false, allErrors: true, verbose: true, logger: false });
    addIntegerKeyword(this.ajv, (pointer) => this.decimals?.has(pointer) === true);
    const { document, found } = integerTypesAsWritten(model.value);
    this.hasIntegers = found;
    this.ajv.addSchema(document as object, 'api.json');
  }

  checkParameters(op: Operation, query: Record<string, string[]>, headers: Record<string, string>): GatewayError | undefined {
    if (!op.validateParameters) return undefined;
    // A required parameter must be included and not blank: `?q=` or an empty header counts as missing.
    const missing: string[] = [];
    for (const p of op.parameters) {
      if (!p.required) continue;
      if (p.in === 'query' && !(getOwn(query, p.name) ?? []).some(isNotBlank)) missing.push(p.name);
      if (p.in === 'header' && !isNotBlank(getOwn(headers, p.name.toLowerCase()))) missing.push(p.name);
    }
    if (missing.length === 0) return undefined;
    const message = `Missing required request parameters: [${missing.join(', ')}]`;
    return new GatewayError('BAD_REQUEST_PARAMETERS', message, { validationErrorString: message });
  }

  /**
   * The body model `checkBody` would compile for this request, when it is not compiled yet: compiling takes tens of
   * milliseconds, once for each version of the definition, while checking a body against it takes well under one.
   */
  uncompiledModel(op: Operation, contentType: string | undefined): { pointer: string; mediaType: string } | undefined {
    if (!op.validateBody) return undefined;
    const pointer = bodyModelFor(op, contentType);
    if (pointer === undefined || this.compiled.has(pointer)) return undefined;
    const type = mediaType(contentType);
    return { pointer, mediaType: op.bodySchemas.has(type) ? type : '$default' };
  }

  /** Compiles the model at `pointer` ahead of `checkBody`; false when it cannot be, which `checkBody` then reports. */
  compileModel(pointer: string): boolean {
    return !(this.validatorFor(pointer) instanceof Error);
  }

  checkBody(op: Operation, contentType: string | undefined, body: string): GatewayError | undefined {
    if (!op.validateBody) return undefined;
    const pointer = bodyModelFor(op, contentType);
    if (pointer === undefined) return undefined;
    const validate = this.validatorFor(pointer);
    if (validate instanceof Error) {
      return new GatewayError('API_CONFIGURATION_ERROR', 'Internal server error', { validationErrorString: `Invalid model: ${validate.message}` });
    }
    let instance: unknown;
    if (body.trim() === '') instance = {};
    else {
      try {
        instance = JSON.parse(body);
      } catch (error) {
        return invalidBody(`[Invalid JSON in request body: ${error instanceof Error ? error.message : String(error)}]`);
      }
    }
    this.decimals = this.hasIntegers ? integersWrittenAsDecimals(body) : undefined;
    try {
      if (validate(instance)) return undefined;
      const decimals = this.decimals;
      return invalidBody(`[${mergeRequired(validate.errors ?? []).map((error) => describeError(error, decimals)).join(', ')}]`);
    } finally {
      this.decimals = undefined;
    }
  }

  private validatorFor(pointer: string): ValidateFunction | Error {
    let entry = this.compiled.get(pointer);
    if (!entry) {
      try {
        entry = this.ajv.compile({ $ref: `api.json#${encodeURI(pointer)}` });
      } catch (error) {
        entry = error instanceof Error ? error : new Error(String(error));
      }
      this.compiled.set(pointer, entry);
    }
    return entry;
  }
}

/**
 * The model of the request's media type, if the method declares one, else its `$default` model, which AWS applies
 * "regardless of the content type". Without either, a body of another type is not validated, and the integration's
 * passthrough behaviour decides what becomes of it. A request without Content-Type is taken as JSON.
 */
export function bodyModelFor(op: Operation, contentType: string | undefined): string | undefined {
  return op.bodySchemas.get(mediaType(contentType)) ?? op.bodySchemas.get('$default');
}

export function mediaType(contentType: string | undefined): string {
  return (contentType || 'application/json').split(';')[0].trim().toLowerCase();
}

function isNotBlank(value: string | undefined): boolean {
  return value !== undefined && value.trim() !== '';
}

function invalidBody(validationErrorString: string): GatewayError {
  return new GatewayError('BAD_REQUEST_BODY', 'Invalid request body', { validationErrorString });
}

/** The validator API Gateway uses reports all missing properties of an object in one message. */
function mergeRequired(errors: ErrorObject[]): ErrorObject[] {
  const merged: ErrorObject[] = [];
  const byPath = new Map<string, ErrorObject>();
  for (const error of errors) {
    if (error.keyword !== 'required') {
      merged.push(error);
      continue;
    }
    const missing = String((error.params as { missingProperty: string }).missingProperty);
    const existing = byPath.get(error.instancePath);
    if (existing) (existing.params as { missing: string[] }).missing.push(missing);
    else {
      const copy = { ...error, params: { missing: [missing] } } as ErrorObject;
      byPath.set(error.instancePath, copy);
      merged.push(copy);
    }
  }
  return merged;
}

/** Messages in the wording of the validator API Gateway uses (e.g. `object has missing required properties (["name"])`). */
function describeError(error: ErrorObject, decimals: Set<string> | undefined): string {
  const p = error.params as Record<string, unknown>;
  const where = error.instancePath ? ` at ${error.instancePath}` : '';
  switch (error.keyword) {
    case 'required':
      return `object has missing required properties (${JSON.stringify([...(p.missing as string[])].sort())})${where}`;
    case 'type':
      return `instance type (${jsonType(error.data, decimals?.has(error.instancePath))}) does not match any allowed primitive type (allowed: [${declaredTypes(error, p)
        .split(',')
        .map((t) => `"${t}"`)
        .join(',')}])${where}`;
    case 'enum':
      return `instance value (${JSON.stringify(error.data)}) not found in enum (possible values: ${JSON.stringify(p.allowedValues)})${where}`;
    case 'minimum':
      return `numeric instance is lower than the required minimum (minimum: ${String(p.limit)}, found: ${String(error.data)})${where}`;
    case 'maximum':
      return `numeric instance is greater than the required maximum (maximum: ${String(p.limit)}, found: ${String(error.data)})${where}`;
    case 'minLength':
      return `string ${JSON.stringify(error.data)} is too short (length: ${String((error.data as string).length)}, required minimum: ${String(p.limit)})${where}`;
    case 'maxLength':
      return `string ${JSON.stringify(error.data)} is too long (length: ${String((error.data as string).length)}, maximum allowed: ${String(p.limit)})${where}`;
    case 'pattern':
      return `ECMA 262 regex "${String(p.pattern)}" does not match input string ${JSON.stringify(error.data)}${where}`;
    case 'additionalProperties':
      return `object instance has properties which are not allowed by the schema: ["${String(p.additionalProperty)}"]${where}`;
    default:
      return `${error.message ?? error.keyword}${where}`;
  }
}

/** The types the schema gave: an integer type widened to number for INTEGER_AS_WRITTEN is named as written. */
function declaredTypes(error: ErrorObject, params: Record<string, unknown>): string {
  const declared = (error.parentSchema as Record<string, unknown> | undefined)?.[INTEGER_AS_WRITTEN];
  return Array.isArray(declared) ? declared.join(',') : String(params.type);
}

/** The JSON type as the validator API Gateway uses names it: a number written as a decimal is a number. */
function jsonType(value: unknown, writtenAsDecimal = false): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) && !writtenAsDecimal ? 'integer' : 'number';
  return typeof value;
}
