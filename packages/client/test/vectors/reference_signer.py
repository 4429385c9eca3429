#!/usr/bin/env python3
"""An independent SDK-HMAC-SHA256 signer (Python's hashlib, hmac and urllib), written
from the algorithm in the Huawei/OTC signing guide, to compute test vectors for the
TypeScript signer. Regenerate with:

    python3 packages/client/test/vectors/reference_signer.py > packages/client/test/vectors/signing-vectors.json
"""
import hashlib
import hmac
import json
from urllib.parse import quote, unquote, urlsplit

AK = "HPUABXXXXXXXXXXXXXXX"
SK = "sk-for-tests-only/0123456789abcdefghij+KLMN"
DATE = "20240506T091244Z"


def enc(text):
    return quote(text, safe="~")


def canonical_uri(path):
    encoded = "/".join(enc(unquote(segment)) for segment in path.split("/"))
    return encoded if encoded.endswith("/") else encoded + "/"


def canonical_query(query):
    pairs = []
    for pair in filter(None, query.split("&")):
        name, _, value = pair.partition("=")
        pairs.append((unquote(name), unquote(value)))
    pairs.sort()
    return "&".join(f"{enc(name)}={enc(value)}" for name, value in pairs)


def sign(method, url, headers, body):
    parts = urlsplit(url)
    signed = {"host": parts.netloc, "x-sdk-date": DATE}
    signed.update({name.lower(): value for name, value in headers.items()})
    names = sorted(signed)
    canonical = "\n".join([
        method,
        canonical_uri(parts.path),
        canonical_query(parts.query),
        "".join(f"{name}:{signed[name].strip()}\n" for name in names),
        ";".join(names),
        hashlib.sha256(body.encode("utf-8")).hexdigest(),
    ])
    string_to_sign = f"SDK-HMAC-SHA256\n{DATE}\n{hashlib.sha256(canonical.encode()).hexdigest()}"
    signature = hmac.new(SK.encode(), string_to_sign.encode(), hashlib.sha256).hexdigest()
    return {
        "canonicalRequest": canonical,
        "authorization": f"SDK-HMAC-SHA256 Access={AK}, SignedHeaders={';'.join(names)}, Signature={signature}",
    }


CASES = [
    ("a path without trailing slash, no query", "GET", "https://vpcep.eu-de.otc.t-systems.com/v1/p1/vpc-endpoints", {}, ""),
    ("a path with a trailing slash", "GET", "https://vpcep.eu-de.otc.t-systems.com/v1/p1/vpc-endpoints/", {}, ""),
    ("an empty query after ?", "GET", "https://vpcep.eu-de.otc.t-systems.com/v1/p1/quotas?", {}, ""),
    ("repeated keys, sorted by value", "GET", "https://h.example/v1/p1/x?b=2&a=3&a=1&a=2", {}, ""),
    ("a space written %20", "GET", "https://h.example/v1/p1/x?name=a%20b", {}, ""),
    ("a literal plus, which is not a space", "GET", "https://h.example/v1/p1/x?name=a+b", {}, ""),
    ("an encoded plus", "GET", "https://h.example/v1/p1/x?name=a%2Bb", {}, ""),
    ("an encoded slash and a star", "GET", "https://h.example/v1/p1/x?path=a%2Fb&glob=*", {}, ""),
    ("a tilde, left as is", "GET", "https://h.example/v1/p1/x?t=~user", {}, ""),
    ("non-ASCII in the query", "GET", "https://h.example/v1/p1/x?name=%C3%A4%E5%90%8D", {}, ""),
    ("a key without value", "GET", "https://h.example/v1/p1/x?flag&a=1", {}, ""),
    ("an encoded space in the path", "GET", "https://h.example/v1/p1/a%20b/c", {}, ""),
    (
        "a JSON body with content-type and project headers",
        "POST",
        "https://vpcep.eu-de.otc.t-systems.com/v1/p1/vpc-endpoints",
        {"content-type": "application/json", "x-project-id": "p1"},
        '{"vpc_id":"84758cf5","endpoint_service_id":"e0c748b7","tags":[{"key":"owner","value":"ä"}]}',
    ),
    (
        "temporary credentials with a security token",
        "DELETE",
        "https://vpcep.eu-nl.otc.t-systems.com/v1/p1/vpc-endpoints/e1",
        {"x-project-id": "p1", "x-security-token": "temporary-token"},
        "",
    ),
]

if __name__ == "__main__":
    vectors = []
    for title, method, url, headers, body in CASES:
        vectors.append({"title": title, "method": method, "url": url, "headers": headers, "body": body, **sign(method, url, headers, body)})
    print(json.dumps({"accessKey": AK, "secretKey": SK, "date": DATE, "vectors": vectors}, indent=2, ensure_ascii=False))
