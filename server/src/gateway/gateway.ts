import type { ApiDocument } from '../model/apiDocument';
import type { RunCancellation } from '../services/templates/evaluationThread';
import type { Dialect } from '../model/dialect';
import { setOwn } from '../model/jsonObjects';
import { lastValues } from '../template/parameterMaps';
import { buildApiModel, type ApiModel, type Operation } from './apiModel';
import { Authorizers } from './auth/authorize';
import type { AuthorizerRequest } from './auth/authorizerEvents';
import { methodArn } from './auth/policy';
import { configurationFault, integrationFault, unknownIntegrationType } from './configurationFaults';
import { applyCorsHeaders, preflightResponse, readCors, type CorsConfig } from './cors';
import { ExecutionLog, logBody, logMap } from './executionLog';
import { GatewayError, renderGatewayError } from './gatewayResponses';
import { dropUnsendableHeaders, firstUnsendableHeader } from './headerSyntax';
import { describeAwsServiceCall } from './integrations/awsService';
import { runHttp } from './integrations/http';
import { applyHttpApiResponseParameters } from './integrations/httpApiResponseParameters';
import { callsLambda, runLambdaCustom } from './integrations/lambdaCustom';
import { runLambdaProxy } from './integrations/lambdaProxy';
import { runMock } from './integrations/mock';
import { DirectResponse, type IntegrationContext, type IntegrationResult } from './integrations/types';
import type { FunctionCaller } from './lambda/callFunction';
import { LambdaHost } from './lambda/lambdaHost';
import { defaultStage, localConfigWarnings, stageVariablesFor, undefinedStageNotice, type LocalConfig } from './localConfig';
import { decodeBody, logHeaders, proxyInfo, type MethodRequest } from './methodRequest';
import { buildRequestContext, flattenContext } from './requestContext';
import { joinHeaderLists, requestHeaderLists } from './requestHeaders';
import { headLimitReason, MAX_REQUEST_HEAD_BYTES, requestHeadBytes, tooLargeResponse } from './requestHeadLimit';
import { mergeHeaders } from './responseHeaders';
import { bodyModelFor, mediaType, RequestValidator } from './requestValidation';
import { buildRouteTable, stripBasePath, type RouteMatch, type RouteTable } from './routes';
import { RENDER_IN_THIS_THREAD, TemplateRunCancelled, type TemplateRenderer } from './templateRenderer';
import { encodeQuery, parseQuery } from './queryString';
import { deliverStream } from './streamDelivery';
import type { GatewayRequest, GatewayResponse } from './types';

export type { GatewayRequest, GatewayResponse } from './types';

export interface LocalGatewayOptions {
  /** Folder that handler paths in the configuration are relative to; default the current directory. */
  baseDir?: string;
  /** Share warm Lambda workers across gateway instances (e.g. across document reloads). */
  lambdaHost?: LambdaHost;
  /** Force REST or HTTP API semantics instead of inferring them from the document. */
  dialect?: Dialect;
  /** Where mapping templates render; by default in the thread that invokes. */
  templates?: TemplateRenderer;
}

export interface LocalGateway {
  /** `cancellation` stops a template the invocation renders, and the invocation with it (`TemplateRunCancelled`). */
  invoke(request: GatewayRequest, cancellation?: RunCancellation): Promise<GatewayResponse>;
  readonly model: ApiModel;
  /** Stops the Lambda workers this gateway started (not those of a shared host). */
  dispose(): void;
}

/**
 * Executes an OpenAPI document as API Gateway would: routing, method request checks, authorizers, the
 * integration, and the method response, with a test-invoke style execution log. Everything derived from the
 * document (routes, validators, authorizer cache) lives as long as this instance, i.e. one document version.
 */
export function createLocalGateway(document: ApiDocument, config: LocalConfig, options: LocalGatewayOptions = {}): LocalGateway {
  const model = buildApiModel(document, options.dialect);
  const routes = buildRouteTable(model);
  const validator = new RequestValidator(model);
  const ownHost = options.lambdaHost ? undefined : new LambdaHost(options.baseDir ?? process.cwd());
  const functions: FunctionCaller = {
    config,
    host: options.lambdaHost ?? ownHost!,
    region: config.region ?? 'us-east-1',
    accountId: config.accountId ?? '123456789012',
  };
  const authorizers = new Authorizers(model, functions);
  const cors = model.dialect === 'http' ? readCors(model.cors) : undefined;
  const templates = options.templates ?? RENDER_IN_THIS_THREAD;
  const apiId = config.apiId ?? 'local';
  const engine: Engine = { model, routes, validator, functions, authorizers, cors, config, apiId, templates };
  return {
    model,
    invoke: (request, cancellation) => execute(engine, request, cancellation),
    dispose: () => ownHost?.close(),
  };
}

interface Engine {
  model: ApiModel;
  routes: RouteTable;
  validator: RequestValidator;
  functions: FunctionCaller;
  authorizers: Authorizers;
  cors: CorsConfig | undefined;
  config: LocalConfig;
  apiId: string;
  templates: TemplateRenderer;
}

async function execute(
  engine: Engine,
  input: GatewayRequest,
  cancellation?: RunCancellation,
): Promise<GatewayResponse> {
  const { model } = engine;
  const httpApi = model.dialect === 'http';
  const log = new ExecutionLog(input.executionLog !== false, input.functionOutput === true);
  log.step('method request');
  const method = input.method.toUpperCase();
  const [rawPath, rawQuery] = splitQuery(input.path);
  const query = input.query ?? parseQuery(rawQuery);
  const multiValueHeaders = requestHeaderLists(input.headers, input.multiValueHeaders);
  const headers = joinHeaderLists(multiValueHeaders);
  const lowerHeaders: Record<string, string> = {};
  for (const k of Object.keys(headers)) setOwn(lowerHeaders, k.toLowerCase(), headers[k]);
  const stage = input.stage || defaultStage(engine.config, model.dialect);
  const stageVariables = stageVariablesFor(engine.config, stage);
  const basePathless = stripBasePath(rawPath, model.basePath);

  // API Gateway reads the head before the body: a request over both limits is refused for its head.
  // The editor sends the query apart from the path; on the wire it is part of the request line the quota counts.
  const target = input.query && rawQuery === undefined && Object.keys(input.query).length > 0 ? `${input.path}?${encodeQuery(input.query)}` : input.path;
  const headBytes = requestHeadBytes(method, target, multiValueHeaders);
  if (headBytes > MAX_REQUEST_HEAD_BYTES) return refuseOverQuota(log, headLimitReason(headBytes), tooLargeResponse());
  const bodyBytes = input.bodyLength ?? (input.body === undefined ? 0 : Buffer.byteLength(input.body));
  if (bodyBytes > MAX_REQUEST_BYTES) return refuseOverQuota(log, payloadLimitReason(bodyBytes), httpApi ? tooLargeResponse() : restPayloadTooLarge());

  if (engine.cors && method === 'OPTIONS' && lowerHeaders.origin && lowerHeaders['access-control-request-method']) {
    const preflight = preflightResponse(engine.cors, lowerHeaders);
    log.add(`CORS preflight for ${basePathless}: ${Object.keys(preflight.headers).length ? 'allowed' : 'not allowed'}`);
    return finish(log, { status: preflight.status, headers: preflight.headers, body: '' });
  }

  const { match, path, stagePath } = route(engine.routes, method, basePathless, stage, !(httpApi && stage === '$default'));
  const body = decodeBody(input.body, lowerHeaders['content-type'], model.binaryMediaTypes, httpApi);
  const context = buildRequestContext({
    method,
    stagePath,
    resourcePath: match?.operation.resourcePath ?? path,
    stage,
    sourceIp: input.sourceIp ?? '127.0.0.1',
    userAgent: lowerHeaders['user-agent'],
    apiId: engine.apiId,
    accountId: engine.functions.accountId,
    region: engine.functions.region,
  });
  const request: MethodRequest = {
    method,
    rawPath,
    path,
    eventPath: httpApi ? stagePath : path,
    resourcePath: match?.operation.resourcePath ?? path,
    headers,
    lowerHeaders,
    multiValueHeaders,
    query,
    rawQueryString: rawQuery ?? encodeQuery(query),
    pathParameters: match?.pathParameters ?? {},
    body: body.text,
    bodyBytes: input.body ?? '',
    isBase64Encoded: body.base64,
    stage,
    stageVariables,
    context,
    traceId: undefined,
    forwarded: input.forwarded ?? { proto: 'https', port: 443 },
    templateView: undefined,
  };
  if (log.enabled) {
    log.add(`Starting execution for request: ${context.requestId as string}`);
    // With every run, not once at load: a reader of one execution log would not see them otherwise.
    for (const warning of localConfigWarnings(engine.config)) log.add(`Local configuration warning: ${warning}`);
    // A stage that comes from defaultStage has its warning above.
    const stageNotice = input.stage ? undefinedStageNotice(engine.config, stage) : undefined;
    if (stageNotice) log.add(stageNotice);
  }
  try {
    if (!match) {
      log.add(`No route matches ${method} ${rawPath}${model.basePath ? ` (base path ${model.basePath})` : ''}`);
      throw httpApi ? new GatewayError('RESOURCE_NOT_FOUND', 'Not Found') : new GatewayError('MISSING_AUTHENTICATION_TOKEN', 'Missing Authentication Token');
    }
    const op = match.operation;
    if (log.enabled) {
      log.add(`HTTP Method: ${method}, Resource Path: ${op.resourcePath}`);
      log.add(`Method request path: ${logMap(request.pathParameters)}`);
      log.add(`Method request query string: ${logMap(query)}`);
      log.add(`Method request headers: ${logHeaders(headers)}`);
      log.add(`Method request body before transformations: ${logBody(request.isBase64Encoded && Buffer.isBuffer(request.bodyBytes) ? request.bodyBytes : request.body)}`);
    }

    log.step('authorization');
    await authorize(engine, op, request, log);

    const uncompiledModel = !httpApi && op.validatorName ? engine.validator.uncompiledModel(op, lowerHeaders['content-type']) : undefined;
    if (uncompiledModel !== undefined) {
      // A step of its own: the validation step then shows what each request costs, not the first one's compile.
      log.step('model compilation');
      const compiled = engine.validator.compileModel(uncompiledModel.pointer);
      log.add(`Request body model for ${uncompiledModel.mediaType} ${compiled ? 'compiled for this version of the definition' : 'could not be compiled'}`);
    }
    log.step('validation');
    if (!httpApi && op.undefinedValidator) {
      // AWS refuses such a definition on import; running it unvalidated here must not look like a pass.
      log.add(`Request validator '${op.undefinedValidator}' is not defined in x-amazon-apigateway-request-validators (AWS rejects this definition on import); the request is not validated`);
    }
    if (!httpApi && op.validatorName) {
      const problem = engine.validator.checkParameters(op, query, lowerHeaders) ?? engine.validator.checkBody(op, lowerHeaders['content-type'], request.body);
      if (problem) {
        log.add(`Request validation failed: ${problem.options.validationErrorString ?? problem.message}`);
        throw problem;
      }
      if (op.validateBody && op.bodySchemas.size > 0 && bodyModelFor(op, lowerHeaders['content-type']) === undefined) {
        log.add(`No request model for Content-Type ${mediaType(lowerHeaders['content-type'])}: the body is not validated`);
      }
      log.add(`Request validation succeeded (validator '${op.validatorName}')`);
    }

    log.step('integration');
    const fault = integrationFault(op);
    if (fault !== undefined) throw configurationFault(fault, httpApi, log);
    const integration = op.integration!;
    const integrationContext: IntegrationContext = {
      model,
      operation: op,
      integration,
      request,
      log,
      functions: engine.functions,
      templates: engine.templates,
      cancellation,
    };
    let result = await runIntegration(integrationContext);
    if (httpApi) result = applyHttpApiResponseParameters(integrationContext, result);
    log.step('method response');
    if (engine.cors) applyCorsHeaders(engine.cors, lowerHeaders, result);
    withRequestId(result, context.requestId as string, httpApi);
    refuseUnsendableHeaders(result, httpApi, log);
    if (result.stream) {
      const delivered = await deliverStream(result, result.stream, log, input.streamResponse);
      if (!delivered.interruption) log.add('Successfully completed execution');
      if (log.enabled) log.add(`Method completed with status: ${result.status}`);
      const response = finish(log, delivered.result);
      if (delivered.streamed) response.streamed = true;
      if (delivered.interruption) response.interruption = delivered.interruption;
      return response;
    }
    log.add('Successfully completed execution');
    if (log.enabled) log.add(`Method completed with status: ${result.status}`);
    return finish(log, result);
  } catch (error) {
    // Nobody waits for the response of a cancelled invocation, and it must not read as the API's own answer.
    if (error instanceof TemplateRunCancelled) throw error;
    log.step('gateway response');
    return finish(log, withRequestId(errorResponse(engine, error, request, log), context.requestId as string, httpApi));
  }
}

async function authorize(engine: Engine, op: Operation, request: MethodRequest, log: ExecutionLog): Promise<void> {
  if (!op.iamAuth && !op.security) return;
  const { region, accountId } = engine.functions;
  const authRequest: AuthorizerRequest = {
    method: request.method,
    rawPath: request.rawPath,
    headers: request.lowerHeaders,
    query: request.query,
    pathParameters: request.pathParameters,
    stageVariables: request.stageVariables,
    context: request.context,
    methodArn: methodArn(region, accountId, engine.apiId, request.stage, request.method, request.path),
    routeKey: op.isDefaultRoute ? '$default' : `${op.method} ${op.resourcePath}`,
    bodyBytes: request.bodyBytes,
    info: proxyInfo(request),
  };
  const outcome = await engine.authorizers.authorize(op, authRequest, log);
  Object.assign(request.context.identity as object, outcome.identity);
  if (outcome.authorizer) request.context.authorizer = outcome.authorizer;
  if (outcome.authorizerV2) request.context.authorizerV2 = outcome.authorizerV2;
}

function runIntegration(ctx: IntegrationContext): Promise<IntegrationResult> | IntegrationResult {
  const type = String(ctx.integration.type ?? '').toUpperCase();
  switch (type) {
    case 'MOCK':
      return runMock(ctx);
    case 'HTTP':
      return runHttp(ctx, false);
    case 'HTTP_PROXY':
      return runHttp(ctx, true);
    case 'AWS_PROXY':
      if (ctx.integration.integrationSubtype) return describeAwsServiceCall(ctx);
      return runLambdaProxy(ctx);
    case 'AWS':
      return callsLambda(ctx) ? runLambdaCustom(ctx) : describeAwsServiceCall(ctx);
    default:
      throw configurationFault(unknownIntegrationType(ctx.integration.type), ctx.model.dialect === 'http', ctx.log);
  }
}

function errorResponse(engine: Engine, error: unknown, request: MethodRequest, log: ExecutionLog): IntegrationResult {
  if (error instanceof DirectResponse) {
    log.add(`Method completed with status: ${error.status}`);
    return { status: error.status, headers: error.headers, body: error.body };
  }
  const gatewayError =
    error instanceof GatewayError
      ? error
      : new GatewayError('API_CONFIGURATION_ERROR', engine.model.dialect === 'http' ? 'Internal Server Error' : 'Internal server error');
  if (!(error instanceof GatewayError)) log.add(`Execution failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  const rendered = renderGatewayError(engine.model, gatewayError, {
    stageVariables: request.stageVariables,
    headers: request.headers,
    query: lastValues(request.query),
    pathParameters: request.pathParameters,
    context: flattenContext(request.context),
    accept: request.lowerHeaders.accept,
  });
  if (engine.cors) applyCorsHeaders(engine.cors, request.lowerHeaders, rendered);
  for (const mapping of rendered.unset ?? []) log.add(`Gateway response header not set, its mapping expression has no value here: ${mapping}`);
  log.add(`Gateway response type: ${gatewayError.type} with status code: ${rendered.status}`);
  log.add(`Method completed with status: ${rendered.status}`);
  return rendered;
}

/**
 * A response header HTTP cannot carry (a line break or another control character in its value, a name that is not a
 * token) fails the request with a 502, the log naming the header: whether API Gateway drops such a header or fails,
 * and with which status, is not established, and sending it would split the response.
 */
function refuseUnsendableHeaders(result: IntegrationResult, httpApi: boolean, log: ExecutionLog): void {
  const unsendable = firstUnsendableHeader(result.headers, result.multiValueHeaders);
  if (!unsendable) return;
  // Nobody reads a streamed payload that will not be sent; it is let run to its end instead of piling up.
  if (result.stream) void result.stream.pipe(() => undefined);
  log.add(`Execution failed due to configuration error: the response header ${JSON.stringify(unsendable.name)} cannot be sent: ${unsendable.problem}`);
  throw new GatewayError('DEFAULT_5XX', httpApi ? 'Internal Server Error' : 'Internal server error', { status: 502 });
}

/** API Gateway names the request in every answer: `x-amzn-RequestId` (REST) or `apigw-requestid` (HTTP APIs). */
function withRequestId(result: IntegrationResult, requestId: string, httpApi: boolean): IntegrationResult {
  result.headers[httpApi ? 'apigw-requestid' : 'x-amzn-RequestId'] = requestId;
  return result;
}

/** API Gateway's payload limit for a request (10 MB), in bytes. */
export const MAX_REQUEST_BYTES = 10_485_760;

/**
 * A body over the payload limit is refused before routing, without a request id. REST APIs answer with the text
 * AWS's front end sends (AWS documents that this 413 REQUEST_TOO_LARGE response cannot be customized); HTTP APIs
 * with their JSON message (`tooLargeResponse`).
 */
function restPayloadTooLarge(): IntegrationResult {
  return { status: 413, headers: { 'Content-Type': 'text; charset=utf-8' }, body: `HTTP content length exceeded ${MAX_REQUEST_BYTES} bytes.` };
}

function payloadLimitReason(bytes: number): string {
  return `Request body of ${bytes} bytes exceeds API Gateway's payload limit of ${MAX_REQUEST_BYTES} bytes`;
}

/**
 * A request over a quota, refused before routing as REQUEST_TOO_LARGE: the log says why, and so does the response to
 * a caller that keeps no log, such as the HTTP server.
 */
function refuseOverQuota(log: ExecutionLog, reason: string, result: IntegrationResult): GatewayResponse {
  log.add(reason);
  log.add('Gateway response type: REQUEST_TOO_LARGE with status code: 413');
  log.add('Method completed with status: 413');
  const response = finish(log, result);
  response.refusal = reason;
  return response;
}

interface Routed {
  match: RouteMatch | undefined;
  /** The path relative to the base path, without the stage. */
  path: string;
  /** The same with the stage in front, as the URL has it (`path` itself where the URL has no stage). */
  stagePath: string;
}

/**
 * The route of a request. The first segment of an execute-api URL is the stage (except on an HTTP API's `$default`
 * stage), so `/dev/pets` on stage `dev` means `/pets`, even where a greedy resource would take `/dev/pets` whole. A
 * path without the stage, as the CLI and the invoke panel send, routes the same; so does the path of a resource that
 * starts with the stage's name, when nothing matches without it.
 */
function route(routes: RouteTable, method: string, path: string, stage: string, stageInUrl: boolean): Routed {
  if (!stageInUrl) return { match: routes.match(method, path), path, stagePath: path };
  if (path === `/${stage}` || path.startsWith(`/${stage}/`)) {
    const withoutStage = path.slice(stage.length + 1) || '/';
    const match = routes.match(method, withoutStage, false);
    if (match) return { match, path: withoutStage, stagePath: path };
    const own = routes.match(method, path, false);
    if (own) return { match: own, path, stagePath: `/${stage}${path}` };
    return { match: routes.match(method, withoutStage), path: withoutStage, stagePath: path };
  }
  return { match: routes.match(method, path), path, stagePath: `/${stage}${path}` };
}

function finish(log: ExecutionLog, result: IntegrationResult): GatewayResponse {
  const body = result.body;
  const binary = Buffer.isBuffer(body);
  const { headers, multiValueHeaders } = mergeHeaders(result.headers, result.multiValueHeaders ?? {});
  // What the gateway answers itself (a gateway response mapping a query string value into a header, say) loses a header
  // HTTP cannot carry rather than fail again.
  dropUnsendableHeaders(headers, multiValueHeaders, ({ name, problem }) => log.add(`Response header ${JSON.stringify(name)} dropped: ${problem}`));
  log.endStep();
  const response: GatewayResponse = {
    status: result.status,
    headers,
    body: binary ? body.toString('base64') : body,
    log: log.entries,
    latencyMs: log.elapsedMs(),
    steps: log.steps,
  };
  if (Object.keys(multiValueHeaders).length) response.multiValueHeaders = multiValueHeaders;
  if (binary) response.isBase64Encoded = true;
  if (log.functionOutput?.length) response.functionOutput = log.functionOutput;
  return response;
}

function splitQuery(path: string): [string, string | undefined] {
  const q = path.indexOf('?');
  return q < 0 ? [path || '/', undefined] : [path.slice(0, q) || '/', path.slice(q + 1)];
}
