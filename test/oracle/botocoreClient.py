"""Sends the requests it reads on standard input (a JSON array) to the local gateway, each signed by botocore's own
SigV4 signer as the AWS CLI and boto3 sign calls to execute-api, and prints a JSON array of [status, body]."""
import json
import sys
import urllib.error
import urllib.request

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials


def send(base, request):
    credentials = Credentials(request.get("accessKey", "AKIDEXAMPLE"), request["secret"], request.get("token"))
    body = request.get("body")
    body = body.encode("utf-8") if body is not None else None
    aws_request = AWSRequest(method=request["method"], url=base + request["path"], data=body, headers=request.get("headers", {}))
    SigV4Auth(credentials, "execute-api", "us-east-1").add_auth(aws_request)
    prepared = aws_request.prepare()
    message = urllib.request.Request(prepared.url, data=prepared.body, method=prepared.method, headers=dict(prepared.headers))
    try:
        with urllib.request.urlopen(message) as response:
            return [response.status, response.read().decode("utf-8")]
    except urllib.error.HTTPError as error:
        return [error.code, error.read().decode("utf-8")]


def main():
    base = sys.argv[1]
    requests = json.load(sys.stdin)
    print(json.dumps([send(base, request) for request in requests]))


main()
