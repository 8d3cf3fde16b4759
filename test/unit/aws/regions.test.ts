import * as assert from 'node:assert/strict';
import { dnsSuffix, partition } from '../../../client/src/aws/regions';
import { rebuildRestDefinition, type RestApiState } from '../../../client/src/deploy/restDefinition';
import { restApiArn } from '../../../client/src/tree/restNodes';
import { v2ApiArn } from '../../../client/src/tree/v2Nodes';

const state = (): RestApiState => ({ restApi: { id: 'abc123', name: 'api' }, resources: [], models: [], authorizers: [], requestValidators: [], gatewayResponses: [] });
const serverUrl = (region?: string): unknown => (rebuildRestDefinition(state(), { region }).document.servers as { url: string }[])[0].url;

describe('regions and partitions', () => {
  it('names the partition and DNS suffix of China, GovCloud and commercial regions', () => {
    assert.deepEqual(['cn-north-1', 'cn-northwest-1', 'us-gov-west-1', 'us-gov-east-1', 'us-east-1', 'eu-west-1'].map((r) => [partition(r), dnsSuffix(r)]), [
      ['aws-cn', 'amazonaws.com.cn'], ['aws-cn', 'amazonaws.com.cn'], ['aws-us-gov', 'amazonaws.com'], ['aws-us-gov', 'amazonaws.com'], ['aws', 'amazonaws.com'], ['aws', 'amazonaws.com'],
    ]);
  });

  it('builds API ARNs in the partition of the region', () => {
    assert.equal(restApiArn('cn-north-1', 'r1'), 'arn:aws-cn:apigateway:cn-north-1::/restapis/r1');
    assert.equal(restApiArn('us-gov-west-1', 'r1'), 'arn:aws-us-gov:apigateway:us-gov-west-1::/restapis/r1');
    assert.equal(restApiArn('eu-west-1', 'r1'), 'arn:aws:apigateway:eu-west-1::/restapis/r1');
    assert.equal(v2ApiArn('cn-northwest-1', 'h1'), 'arn:aws-cn:apigateway:cn-northwest-1::/apis/h1');
    assert.equal(v2ApiArn('us-gov-east-1', 'h1'), 'arn:aws-us-gov:apigateway:us-gov-east-1::/apis/h1');
  });

  it('gives a rebuilt REST definition the server URL of its partition', () => {
    assert.equal(serverUrl('cn-north-1'), 'https://abc123.execute-api.cn-north-1.amazonaws.com.cn/{basePath}');
    assert.equal(serverUrl('us-gov-west-1'), 'https://abc123.execute-api.us-gov-west-1.amazonaws.com/{basePath}');
    assert.equal(serverUrl(), 'https://abc123.execute-api.us-east-1.amazonaws.com/{basePath}');
  });
});
