"""Issues JSON Web Tokens with PyJWT (and keys with the cryptography package), independently of the gateway's own
code, and prints the public key set and the tokens as JSON: {jwks, tokens: {name: token}}."""
import json
import sys
import time

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

issuer = sys.argv[1]
key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
public_jwk = json.loads(RSAAlgorithm.to_jwk(key.public_key()))
public_jwk.update({"kid": "k1", "alg": "RS256", "use": "sig"})
now = int(time.time())
claims = {"iss": issuer, "aud": "myaud", "sub": "user-1", "exp": now + 3600, "iat": now, "scope": "read write"}


def sign(payload, signing_key=key, headers=None, algorithm="RS256"):
    return jwt.encode(payload, signing_key, algorithm=algorithm, headers={"kid": "k1", **(headers or {})})


public_pem = key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
tokens = {
    "valid": sign(claims),
    "audience list": sign({**claims, "aud": ["other", "myaud"]}),
    "client_id instead of aud": sign({k: v for k, v in claims.items() if k != "aud"} | {"client_id": "myaud"}),
    "expired": sign({**claims, "exp": now - 600}),
    "not yet valid": sign({**claims, "nbf": now + 600}),
    "other issuer": sign({**claims, "iss": issuer + "/other"}),
    "other audience": sign({**claims, "aud": "someone-else"}),
    "signed by another key": sign(claims, other),
    "unknown kid": sign(claims, headers={"kid": "k2"}),
    "alg none": jwt.encode(claims, None, algorithm="none", headers={"kid": "k1"}),
}
# The key-confusion attack: an HMAC token whose secret is the published RSA key. PyJWT itself may refuse to make it.
try:
    tokens["HS256 with the public key as secret"] = jwt.encode(claims, public_pem, algorithm="HS256", headers={"kid": "k1"})
except Exception:
    pass
print(json.dumps({"jwks": {"keys": [public_jwk]}, "tokens": tokens}))
