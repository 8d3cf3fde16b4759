/** An OpenAPI 3 document whose request and response templates read schemas through `$ref`s; `‸` marks the cursor. */
export function petStore(requestTemplate: string, responseTemplate = '"$input.body"'): string {
  return [
    'openapi: 3.0.1',
    'info: { title: pets, version: "1" }',
    'paths:',
    '  /orders:',
    '    post:',
    '      requestBody:',
    '        content:',
    '          application/json:',
    "            schema: { $ref: '#/components/schemas/Order' }",
    '      responses:',
    '        "201":',
    '          description: created',
    '          content:',
    '            application/json:',
    "              schema: { $ref: '#/components/schemas/Receipt' }",
    '      x-amazon-apigateway-integration:',
    '        type: aws',
    '        httpMethod: POST',
    '        uri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${stageVariables.orderFunction}/invocations',
    '        requestTemplates:',
    `          application/json: ${requestTemplate}`,
    '        responses:',
    '          default:',
    '            statusCode: "201"',
    '            responseTemplates:',
    `              application/json: ${responseTemplate}`,
    'components:',
    '  schemas:',
    '    Order:',
    '      type: object',
    '      properties:',
    "        pet: { $ref: '#/components/schemas/Pet' }",
    '        quantity: { type: integer, format: int32, description: How many to order }',
    '    Pet:',
    '      allOf:',
    "        - $ref: '#/components/schemas/Named'",
    '        - type: object',
    '          properties:',
    '            tags: { type: array, items: { $ref: "#/components/schemas/Tag" } }',
    '    Named:',
    '      type: object',
    '      properties:',
    '        name: { type: string, description: The name of the pet }',
    '    Tag:',
    '      type: object',
    '      properties:',
    '        label: { type: string }',
    '    Receipt:',
    '      type: object',
    '      properties:',
    '        orderId: { type: string, description: Identifier of the stored order }',
    '',
  ].join('\n');
}

/** The pet store as a JSON document; the template is written as the JSON string's content. */
export function jsonPetStore(template: string): string {
  const integration = `"x-amazon-apigateway-integration":{"type":"aws","httpMethod":"POST","uri":"arn:aws:apigateway:us-east-1:lambda:path/f","requestTemplates":{"application/json":"${template}"}}`;
  const body = '"requestBody":{"content":{"application/json":{"schema":{"$ref":"#/components/schemas/Order"}}}}';
  const schemas = '"Order":{"type":"object","properties":{"pet":{"$ref":"#/components/schemas/Pet"}}},"Pet":{"type":"object","properties":{"name":{"type":"string"}}}';
  return `{"openapi":"3.0.1","info":{"title":"t","version":"1"},"paths":{"/orders":{"post":{${body},"responses":{"200":{"description":"ok"}},${integration}}}},"components":{"schemas":{${schemas}}}}`;
}

/**
 * The lines of a 10 KB request template full of `#set` and `#foreach`, the cursor (`‸`) in the last loop after a
 * 30-step `#set` chain: the variable completion's worst case, for the unit test and the benchmark.
 */
export function manySetsAndLoops(): string[] {
  const lines: string[] = [];
  for (let i = 0; lines.join('\n').length < 10_000; i++) {
    lines.push(`#set($o${i} = $input.path('$.pet'))`, `#set($t${i} = $o${i}.tags)`, `#foreach($x in $t${i}) {"l": "$x.label", "n": "$o${i}.name"}#if($foreach.hasNext),#end #end`);
  }
  lines.push("#set($a = $input.path('$'))", ...Array.from({ length: 30 }, () => '#set($a = $a)'), '#foreach($t in $a.pet.tags) "$t.‸" #end');
  return lines;
}

/** A block template for the pet store's request template, its lines indented under `application/json: |`. */
export const block = (...lines: string[]) => `|\n${lines.map((l) => `            ${l}`).join('\n')}`;

/** The same for its response template, which stands deeper. */
export const responseBlock = (...lines: string[]) => `|\n${lines.map((l) => `                ${l}`).join('\n')}`;
