"""Drives the fake API Gateway with botocore's own apigateway and apigatewayv2 clients (built from AWS's service
models, independent of the JavaScript SDK) and prints what each step returned, as JSON, for the test to check."""
import json
import sys

import botocore.session
from botocore.config import Config
from botocore.exceptions import ClientError

REST_API = """
openapi: 3.0.1
info: {title: boto-pets, version: '1'}
paths:
  /pets:
    get:
      responses: {'200': {description: ok}}
      x-amazon-apigateway-integration:
        type: mock
        requestTemplates: {application/json: '{"statusCode": 200}'}
        responses: {default: {statusCode: '200'}}
  /pets/{id}:
    get:
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses: {'200': {description: ok}}
      x-amazon-apigateway-integration:
        type: mock
        requestTemplates: {application/json: '{"statusCode": 200}'}
        responses: {default: {statusCode: '200'}}
"""

HTTP_API = """
openapi: 3.0.1
info: {title: boto-http, version: '1'}
x-amazon-apigateway-importexport-version: '1.0'
paths:
  /items:
    get:
      x-amazon-apigateway-integration:
        type: HTTP_PROXY
        httpMethod: GET
        uri: https://example.com/items
        payloadFormatVersion: '1.0'
"""


def error_of(call):
    try:
        call()
        return None
    except ClientError as error:
        return {"code": error.response["Error"]["Code"], "status": error.response["ResponseMetadata"]["HTTPStatusCode"]}


def main():
    endpoint = sys.argv[1]
    session = botocore.session.get_session()
    config = Config(retries={"max_attempts": 1})
    options = dict(region_name="us-east-1", endpoint_url=endpoint, aws_access_key_id="AKIDBOTO", aws_secret_access_key="x", config=config)
    v1 = session.create_client("apigateway", **options)
    v2 = session.create_client("apigatewayv2", **options)
    out = {}

    imported = v1.import_rest_api(body=REST_API.encode("utf-8"), failOnWarnings=False)
    api_id = imported["id"]
    out["imported"] = {"name": imported["name"], "hasId": bool(api_id)}
    out["created"] = v1.create_rest_api(name="boto-empty")["name"]
    names = []
    for page in v1.get_paginator("get_rest_apis").paginate(PaginationConfig={"PageSize": 1}):
        names += [item["name"] for item in page["items"]]
    out["listed"] = sorted(names)
    resources = v1.get_resources(restApiId=api_id, embed=["methods"])["items"]
    out["paths"] = sorted(r["path"] for r in resources)
    pet = next(r for r in resources if r["path"] == "/pets/{id}")
    out["method"] = v1.get_method(restApiId=api_id, resourceId=pet["id"], httpMethod="GET")["httpMethod"]
    out["integrationType"] = v1.get_integration(restApiId=api_id, resourceId=pet["id"], httpMethod="GET")["type"]
    deployment = v1.create_deployment(restApiId=api_id, stageName="dev", variables={"color": "blue"})
    stage = v1.get_stage(restApiId=api_id, stageName="dev")
    out["stage"] = {"deployment": stage["deploymentId"] == deployment["id"], "variables": stage.get("variables")}
    exported = v1.get_export(restApiId=api_id, stageName="dev", exportType="oas30", accepts="application/json", parameters={"extensions": "apigateway"})
    out["exportedPaths"] = sorted(json.loads(exported["body"].read())["paths"].keys())
    out["missingApi"] = error_of(lambda: v1.get_rest_api(restApiId="nope123"))
    out["duplicateStage"] = error_of(lambda: v1.create_stage(restApiId=api_id, stageName="dev", deploymentId=deployment["id"]))
    v1.delete_rest_api(restApiId=api_id)
    out["afterDelete"] = error_of(lambda: v1.get_rest_api(restApiId=api_id))

    http = v2.import_api(Body=HTTP_API)
    out["httpImported"] = {"name": http["Name"], "protocol": http["ProtocolType"]}
    out["httpRoutes"] = sorted(r["RouteKey"] for r in v2.get_routes(ApiId=http["ApiId"])["Items"])
    out["httpApis"] = sorted(a["Name"] for a in v2.get_apis()["Items"])
    out["httpMissing"] = error_of(lambda: v2.get_api(ApiId="nope123"))
    print(json.dumps(out))


main()
