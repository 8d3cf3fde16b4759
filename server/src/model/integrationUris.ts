import { LAMBDA_INVOCATION_URI } from '../facts/extensions/arnPatterns';

/**
 * Whether an integration's URI invokes a Lambda function, answered one way for the editor's rules, the template
 * evaluator and the local gateway. The form is the catalog's invocation URI,
 * `arn:{partition}:apigateway:{region}:lambda:path/2015-03-31/functions/{functionArn}/invocations` (or its response
 * streaming form, `2021-11-15/.../response-streaming-invocations`), in any partition,
 * with any qualifier on the function, and with `${stageVariables.x}` or `${AWS::Region}`-style variables for its parts.
 * Other paths of the Lambda API (`.../functions` lists functions) are AWS service calls, selected by status code.
 */

const VARIABLE = '\\$\\{[^}]+\\}';
/** One ARN component, variables included: `${AWS::Partition}` has colons of its own. */
const COMPONENT = `(?:${VARIABLE}|[^:$\\s])*`;
/** The catalog's pattern also takes one variable for the whole URI, which this module reads as open instead. */
const INVOCATION = new RegExp(LAMBDA_INVOCATION_URI);
/**
 * What API Gateway fills in decides: the whole URI is variables, or a variable stands where the service or the
 * Lambda API's path would be (`arn:aws:apigateway:REGION:lambda:${stageVariables.path}`, as the stage-variables
 * reference allows for the action or path of any AWS URI).
 */
const OPEN = new RegExp(`^(?:${VARIABLE})+$|^arn:${COMPONENT}:apigateway:${COMPONENT}:(?:${VARIABLE}|lambda:(?:path/)?${VARIABLE})`);

/**
 * true for a Lambda invocation URI, false for any other form, undefined when the definition cannot say: no URI
 * written out as a string, or one whose variables decide. Callers that must choose anyway name their choice.
 */
export function invokesLambda(uri: unknown): boolean | undefined {
  if (typeof uri !== 'string') return undefined;
  if (OPEN.test(uri)) return undefined;
  return INVOCATION.test(uri);
}

/** A Lambda function's ARN, qualified or not: partition, region, account, name and the alias or version. */
const FUNCTION_ARN = new RegExp(`^arn:(${COMPONENT}):lambda:(${COMPONENT}):${COMPONENT}:function:${COMPONENT}(?::${COMPONENT})?$`);

/**
 * The invocation URI of a function named by its bare ARN, in the function's own partition and region (API Gateway
 * calls Lambda where the function lives); undefined for anything else.
 */
export function lambdaInvocationUri(functionArn: string): string | undefined {
  const arn = FUNCTION_ARN.exec(functionArn);
  if (!arn || !arn[1] || !arn[2] || functionArn.includes('/')) return undefined;
  return `arn:${arn[1]}:apigateway:${arn[2]}:lambda:path/2015-03-31/functions/${functionArn}/invocations`;
}
