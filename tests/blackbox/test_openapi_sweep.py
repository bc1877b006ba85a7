"""A schema-driven sweep of malformed requests over every route of the server's own OpenAPI
document, as an administrator and anonymously: wrong types, missing required fields, huge
strings, nested junk and invalid JSON in bodies; junk in path and query parameters. No answer
may be a 5xx, every error answer is the JSON error body, no request takes 2 s or more, and the
server is still healthy afterwards. Bounded: a few thousand requests over keep-alive."""
import json
import os
import re
import time

import pytest
import requests

LIMIT_SECONDS = 2.0
# Routes whose success would end the sweep's own session.
SKIP_AS_ADMIN = re.compile(r"/auth/(logout|sign-out|signout|logout-everywhere)")

JUNK_PARAMS = ["0", "-1", "x" * 300, "%00", "%ZZ", "..%2F..%2Fetc", "9" * 40, "%E2%80%AE", "null",
               "1e309", "%F0%9F%92%A9"]
JUNK_QUERY = ["", "-1", "x" * 2000, "%00", "%ZZ", "[]", "9" * 40, "true", "1970-13-45"]


def resolve(schema, doc, depth=0):
    if not isinstance(schema, dict) or depth > 10:
        return schema if isinstance(schema, dict) else {}
    if "$ref" in schema:
        node = doc
        for part in schema["$ref"].lstrip("#/").split("/"):
            node = node.get(part, {})
        return resolve(node, doc, depth + 1)
    return schema


def wrong_value(prop):
    kind = prop.get("type")
    if kind == "string":
        return 12345
    if kind in ("integer", "number"):
        return "not a number"
    if kind == "boolean":
        return "yes"
    if kind == "array":
        return {"not": "an array"}
    if kind == "object":
        return ["not", "an", "object"]
    return [[[]]]


def nested(depth):
    value = "junk"
    for i in range(depth):
        value = {"a": [value, i]} if i % 2 else [value, {"b": None}]
    return value


def malformed_bodies(schema, doc):
    """(label, raw bytes) pairs for one JSON request body schema."""
    schema = resolve(schema, doc)
    props = {name: resolve(p, doc) for name, p in schema.get("properties", {}).items()}
    required = schema.get("required", [])
    bodies = [
        ("invalid JSON", b'{"a": '),
        ("not an object", b"[1, 2, 3]"),
        ("null", b"null"),
        ("empty object", b"{}"),
        ("nested junk", json.dumps({name: nested(40) for name in list(props)[:3] or ["x"]}).encode()),
        ("deep nesting", b"[" * 200 + b"]" * 200),
        ("invalid UTF-8", b'{"a": "\xff\xfe"}'),
    ]
    if props:
        bodies.append(("wrong types", json.dumps({n: wrong_value(p) for n, p in props.items()}).encode()))
        bodies.append(("huge strings", json.dumps({n: "\u0416" * 20000 for n in props}).encode()))
        for missing in required[:3]:
            partial = {n: ("x" if p.get("type") == "string" else wrong_value(p))
                       for n, p in props.items() if n != missing}
            bodies.append((f"missing {missing}", json.dumps(partial).encode()))
    return bodies


def operations(doc):
    for path, item in sorted(doc["paths"].items()):
        for method, op in item.items():
            if method.lower() not in ("get", "post", "put", "patch", "delete"):
                continue
            yield path, method.upper(), op


def fill_path(path, value):
    return re.sub(r"\{[^}]+\}", value, path)


def check(response, elapsed, what, html_page=False):
    assert response.status_code < 500, (what, response.status_code, response.text[:300])
    assert elapsed < LIMIT_SECONDS, (what, elapsed)
    content_type = response.headers.get("content-type", "")
    if response.status_code >= 400 and html_page and not content_type.startswith("application/json"):
        # A page for people (the QR verification page) answers the errors it finds as a page,
        # and a junk path that leaves the page (/verify/../..) is the static files' plain 404.
        assert content_type.startswith(("text/html", "text/plain")), what
    elif response.status_code >= 400:
        assert response.headers.get("content-type", "").startswith("application/json"), what
        error = response.json().get("error")
        assert isinstance(error, dict) and error.get("key") and "message" in error, (what, response.text[:300])


def send(session, method, url, what, html_page=False, **kwargs):
    started = time.monotonic()
    response = session.request(method, url, timeout=10, allow_redirects=False, **kwargs)
    check(response, time.monotonic() - started, what, html_page)
    return response


def is_html_page(op):
    """Whether the route documents an HTML page as its answer."""
    return any("text/html" in (answer.get("content") or {})
               for answer in (op.get("responses") or {}).values() if isinstance(answer, dict))


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def sweep_server(request, tmp_path_factory):
    from conftest import Server
    if request.param == "sqlite":
        url = f"sqlite:{tmp_path_factory.mktemp('sweep') / 'jumys.db'}"
    else:
        url = os.environ.get("JUMYS_PG_URL")
        assert url, "JUMYS_PG_URL is not set: run through scripts/with-postgres"
    s = Server(url, "--demo", "--no-access-log")
    yield s
    if s.proc.poll() is None:
        s.stop()


def sweep(server, session, headers, anonymous):
    doc = session.get(server.base + "/api/openapi.json", timeout=10).json()
    count = 0
    for path, method, op in operations(doc):
        if not anonymous and SKIP_AS_ADMIN.search(path):
            continue
        example = fill_path(path, "1")
        html = is_html_page(op)
        body = (op.get("requestBody") or {}).get("content", {})
        json_schema = (body.get("application/json") or {}).get("schema")
        if method in ("POST", "PUT", "PATCH") or json_schema is not None:
            bodies = malformed_bodies(json_schema or {}, doc)
            if anonymous:
                bodies = bodies[:2]
            for label, raw in bodies:
                send(session, method, server.base + example, f"{method} {path} body {label}", html, data=raw,
                     headers={**headers, "Content-Type": "application/json"})
                count += 1
        params = re.findall(r"\{[^}]+\}", path)
        if params:
            for junk in (JUNK_PARAMS[:3] if anonymous else JUNK_PARAMS):
                send(session, method, server.base + fill_path(path, junk),
                     f"{method} {path} param {junk[:20]}", html, data=b"{}",
                     headers={**headers, "Content-Type": "application/json"})
                count += 1
        query = [p["name"] for p in op.get("parameters", []) if p.get("in") == "query"]
        for name in query[: 1 if anonymous else 6]:
            for junk in (JUNK_QUERY[:2] if anonymous else JUNK_QUERY):
                send(session, method, f"{server.base}{example}?{name}={junk}",
                     f"{method} {path} query {name}={junk[:20]}", html, data=b"{}",
                     headers={**headers, "Content-Type": "application/json"})
                count += 1
    return count


def test_every_route_survives_malformed_requests(sweep_server):
    started = time.monotonic()
    admin = requests.Session()
    token = sweep_server.login("admin")
    total = sweep(sweep_server, admin, token, anonymous=False)
    total += sweep(sweep_server, requests.Session(), {}, anonymous=True)
    assert total > 200  # the document really lists the routes
    health = requests.get(sweep_server.base + "/healthz", timeout=5)
    assert health.status_code == 200 and health.json() == {"status": "ok"}
    # The administrator's session survived (no route was tricked into ending it).
    assert requests.get(sweep_server.base + "/api/v1/auth/me", headers=token, timeout=5).status_code == 200
    assert time.monotonic() - started < 90
