import assert from 'node:assert/strict';
import { invokesLambda } from '../../../server/src/model/integrationUris';

const FUNCTION = 'arn:aws:lambda:us-east-1:123456789012:function:Pets';
const invocation = (functionArn: string, head = 'arn:aws:apigateway:us-east-1') => `${head}:lambda:path/2015-03-31/functions/${functionArn}/invocations`;

describe('whether an integration URI invokes Lambda', () => {
  it('takes the invocation URI in every partition, with an alias or version on the function', () => {
    assert.equal(invokesLambda(invocation(FUNCTION)), true);
    assert.equal(invokesLambda(invocation('arn:aws-cn:lambda:cn-north-1:123456789012:function:Pets', 'arn:aws-cn:apigateway:cn-north-1')), true);
    assert.equal(invokesLambda(invocation('arn:aws-us-gov:lambda:us-gov-west-1:123456789012:function:Pets', 'arn:aws-us-gov:apigateway:us-gov-west-1')), true);
    assert.equal(invokesLambda(invocation(`${FUNCTION}:live`)), true);
    assert.equal(invokesLambda(invocation(`${FUNCTION}:7`)), true);
    assert.equal(invokesLambda(invocation('arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3APets')), true);
  });

  it('takes variables for the partition, region, account, function name, alias or the whole function ARN', () => {
    const sub = invocation('arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:Pets', 'arn:${AWS::Partition}:apigateway:${AWS::Region}');
    assert.equal(invokesLambda(sub), true);
    assert.equal(invokesLambda(invocation('arn:aws:lambda:us-east-1:123456789012:function:${stageVariables.fn}')), true);
    assert.equal(invokesLambda(invocation(`${FUNCTION}:\${stageVariables.alias}`)), true);
    assert.equal(invokesLambda(invocation('${stageVariables.functionArn}')), true);
    assert.equal(invokesLambda(invocation('${MyFunction.Arn}')), true);
    assert.equal(invokesLambda(invocation(FUNCTION, 'arn:aws:apigateway:${stageVariables.region}')), true);
  });

  it('calls other services, and other paths of the Lambda API, something else', () => {
    assert.equal(invokesLambda('arn:aws:apigateway:us-east-1:sqs:path/123456789012/orders'), false);
    assert.equal(invokesLambda('arn:aws:apigateway:us-east-1:dynamodb:action/PutItem'), false);
    assert.equal(invokesLambda('arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions'), false);
    assert.equal(invokesLambda(`arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${FUNCTION}/configuration`), false);
    assert.equal(invokesLambda('https://example.com/lambda:path/2015-03-31/functions/x/invocations'), false);
    // A function ARN alone is no invocation URI (HTTP APIs take one for AWS_PROXY: their rules say so on top).
    assert.equal(invokesLambda(FUNCTION), false);
    assert.equal(invokesLambda(''), false);
  });

  it('cannot say when the URI is not a string, or variables stand where the service or its path would be', () => {
    assert.equal(invokesLambda(undefined), undefined);
    assert.equal(invokesLambda({ 'Fn::Sub': invocation(FUNCTION) }), undefined);
    assert.equal(invokesLambda('${stageVariables.uri}'), undefined);
    assert.equal(invokesLambda('${stageVariables.head}${stageVariables.tail}'), undefined);
    assert.equal(invokesLambda('arn:aws:apigateway:us-east-1:${stageVariables.service}:path/x'), undefined);
    assert.equal(invokesLambda('arn:aws:apigateway:us-east-1:lambda:${stageVariables.path}'), undefined);
    assert.equal(invokesLambda('arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/${stageVariables.path}'), undefined);
  });
});
