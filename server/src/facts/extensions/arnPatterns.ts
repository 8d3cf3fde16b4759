/**
 * Forms of the ARNs extensions name, as patterns the catalog's values are checked against. A `${...}` variable (stage
 * variables, `${AWS::Region}` and the like, resolved by API Gateway or at deployment) may stand for any component.
 */
const VARIABLE = '\\$\\{[^}]+\\}';
const PARTITION = `(?:aws[a-z-]*|${VARIABLE})`;
const COMPONENT = `(?:[^:/\\s$]+|${VARIABLE})`;

/**
 * `arn:aws:apigateway:REGION:lambda:path/2015-03-31/functions/FUNCTION_ARN/invocations` (Invoke), or for response
 * streaming `.../lambda:path/2021-11-15/functions/FUNCTION_ARN/response-streaming-invocations`
 * (InvokeWithResponseStream); or one variable for all of it.
 */
export const LAMBDA_INVOCATION_URI = `^arn:${PARTITION}:apigateway:${COMPONENT}:lambda:path/(?:2015-03-31/functions/\\S+/invocations|2021-11-15/functions/\\S+/response-streaming-invocations)$|^${VARIABLE}$`;

/** `arn:aws:iam::ACCOUNT:role/NAME` (a role path is allowed), or one variable for all of it. */
export const IAM_ROLE_ARN = `^arn:${PARTITION}:iam::${COMPONENT}:role/\\S+$|^${VARIABLE}$`;

/**
 * `arn:aws:iam::ACCOUNT:${stageVariables.NAME}`: the stage-variables reference lets a stage variable stand for the user
 * or role part of an AWS integration's credentials.
 */
export const IAM_STAGE_VARIABLE_ARN = `^arn:${PARTITION}:iam::${COMPONENT}:\\$\\{stageVariables\\.[^}]+\\}\\S*$`;

/** `arn:aws:cognito-idp:REGION:ACCOUNT:userpool/POOL_ID`, or one variable for all of it. */
export const COGNITO_USER_POOL_ARN = `^arn:${PARTITION}:cognito-idp:${COMPONENT}:${COMPONENT}:userpool/\\S+$|^${VARIABLE}$`;
