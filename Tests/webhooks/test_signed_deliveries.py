"""Webhooks checked from outside, with an independent implementation of the specification.

A running Tryout server (demo data loaded, job workers on, TRYOUT_WEBHOOKS_ALLOW_PRIVATE=1 so
that it may post to loopback) delivers to receivers started here on 127.0.0.1; signatures are
verified with the `standardwebhooks` package, not with Tryout's code. Events are caused through
the API: a project of the demo employer is created, published and closed.

    TRYOUT_BASE_URL=http://127.0.0.1:8190 TRYOUT_SERVER_LOG=server.log .venv/bin/pytest Tests/webhooks

TRYOUT_SERVER_LOG (optional) is the server's log, where development writes outgoing e-mail: the
turn-off test reads the owners' e-mail there.
"""

from __future__ import annotations

import json
import os
import pathlib
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from standardwebhooks.webhooks import Webhook

ROOT = pathlib.Path(__file__).resolve().parents[2]
OWNER = "owner@northwind.test"
PASSWORD = "tryout-demo-pass"
ORG = "northwind-analytics"


class Receiver:
    """An HTTP server on loopback that keeps every request and answers with the next scripted
    status (then `default`)."""

    def __init__(self, statuses: list[int] | None = None, default: int = 200) -> None:
        self.requests: list[dict] = []
        self.statuses = list(statuses or [])
        self.default = default
        self.changed = threading.Condition()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - the name http.server calls
                body = self.rfile.read(int(self.headers.get("content-length", "0")))
                with receiver.changed:
                    receiver.requests.append({"path": self.path, "headers": {k.lower(): v for k, v in self.headers.items()}, "body": body})
                    status = receiver.statuses.pop(0) if receiver.statuses else receiver.default
                    receiver.changed.notify_all()
                self.send_response(status)
                self.send_header("content-type", "text/plain")
                self.end_headers()
                self.wfile.write(f"receiver says {status}".encode())

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/hook"

    def wait_for(self, count: int, seconds: float) -> list[dict]:
        with self.changed:
            self.changed.wait_for(lambda: len(self.requests) >= count, timeout=seconds)
            assert len(self.requests) >= count, f"expected {count} deliveries within {seconds} s, got {len(self.requests)}"
            return list(self.requests)

    def close(self) -> None:
        self.server.shutdown()


class API:
    def __init__(self, base: str, token: str) -> None:
        self.base, self.token = base, token

    def call(self, method: str, path: str, body: dict | None = None, expect: int = 200):
        request = urllib.request.Request(self.base + path, method=method, data=None if body is None else json.dumps(body).encode(),
                                         headers={"Authorization": f"Bearer {self.token}", "Content-Type": "application/json",
                                                  "Accept": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                status, text = response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            status, text = error.code, error.read().decode()
        assert status == expect, f"{method} {path}: {status} {text}"
        return json.loads(text) if text else None

    def add_endpoint(self, url: str, events: list[str], kind: str = "standard") -> dict:
        return self.call("POST", f"/api/v1/organizations/{ORG}/webhooks", {"url": url, "kind": kind, "events": events}, expect=201)

    def endpoint(self, endpoint_id: str) -> dict:
        return next(e for e in self.call("GET", f"/api/v1/organizations/{ORG}/webhooks") if e["id"] == endpoint_id)

    def remove(self, endpoint_id: str) -> None:
        self.call("DELETE", f"/api/v1/organizations/{ORG}/webhooks/{endpoint_id}", expect=204)

    def new_project(self, title: str) -> str:
        """A copy of one of the demo employer's published projects, under a new title, published."""
        listed = self.call("GET", f"/api/v1/projects?organization={ORG}")["items"]
        brief = self.call("GET", f"/api/v1/projects/{next(p for p in listed if p['state'] == 'published')['id']}")
        fields = ["summary", "body", "deliverables", "rubric", "estimatedHours", "durationWeeks", "pay", "classification",
                  "locationMode", "place", "timeZone", "slots", "visibility", "agreements", "screeningQuestions", "accommodations",
                  "applicationDeadline", "startDate"]
        payload = {key: brief[key] for key in fields if brief.get(key) is not None}
        payload["skills"] = [{key: skill[key] for key in ("uri", "level", "required")} for skill in brief.get("skills", [])]
        payload["title"] = title
        project_id = self.call("POST", f"/api/v1/organizations/{ORG}/projects", payload, expect=201)["project"]["id"]
        self.call("POST", f"/api/v1/projects/{project_id}/publish")
        return project_id

    def close(self, project_id: str) -> None:
        self.call("POST", f"/api/v1/projects/{project_id}/close")


@pytest.fixture(scope="session")
def api() -> API:
    base = os.environ.get("TRYOUT_BASE_URL", "").rstrip("/")
    if not base:
        pytest.exit("TRYOUT_BASE_URL is not set: start a Tryout server with demo data, workers and TRYOUT_WEBHOOKS_ALLOW_PRIVATE=1", 2)
    token = subprocess.run([sys.executable, str(ROOT / "scripts" / "api_token.py"), base, OWNER, PASSWORD, "webhook tests"],
                           check=True, capture_output=True, text=True).stdout.strip()
    return API(base, token)


@pytest.fixture
def receiver():
    made: list[Receiver] = []

    def make(statuses: list[int] | None = None, default: int = 200) -> Receiver:
        made.append(Receiver(statuses, default))
        return made[-1]

    yield make
    for server in made:
        server.close()


def verified(secret: str, request: dict) -> dict:
    """The payload, once `standardwebhooks` accepts its signature and timestamp (it raises otherwise)."""
    headers = {name: request["headers"][name] for name in ("webhook-id", "webhook-timestamp", "webhook-signature")}
    return Webhook(secret).verify(request["body"], headers)


def test_signed_delivery_is_retried_after_a_500_under_the_same_id(api: API, receiver) -> None:
    hook = receiver(statuses=[500])
    endpoint = api.add_endpoint(hook.url, ["project.published"])
    assert endpoint["secret"].startswith("whsec_")
    try:
        project_id = api.new_project("Webhook check: retried delivery")
        first = hook.wait_for(1, 30)[0]
        payload = verified(endpoint["secret"], first)
        assert payload["type"] == "project.published"
        assert payload["data"]["project"]["id"] == project_id and payload["data"]["project"]["state"] == "published"
        assert first["headers"]["webhook-id"].startswith("msg_")
        with pytest.raises(Exception):
            Webhook("whsec_" + "A" * 32).verify(first["body"], first["headers"])

        # The standard backoff waits about 30 seconds (±20%) before the second attempt.
        second = hook.wait_for(2, 90)[1]
        assert second["headers"]["webhook-id"] == first["headers"]["webhook-id"] and second["body"] == first["body"]
        assert verified(endpoint["secret"], second) == payload
        # The receiver has answered; the server records the success just after, in its own time.
        deadline = time.monotonic() + 10
        state = api.endpoint(endpoint["id"])
        while state["consecutiveFailures"] != 0 and time.monotonic() < deadline:
            time.sleep(0.2)
            state = api.endpoint(endpoint["id"])
        assert state["enabled"] and state["consecutiveFailures"] == 0 and "secret" not in state
    finally:
        api.remove(endpoint["id"])


def test_slack_gets_block_kit_without_signature(api: API, receiver) -> None:
    slack = receiver()
    endpoint = api.add_endpoint(slack.url, ["project.closed"], kind="slack")
    assert "secret" not in endpoint
    try:
        project_id = api.new_project("Webhook check: Slack")
        api.close(project_id)
        message = slack.wait_for(1, 30)[0]
        assert not any(name.startswith("webhook-") for name in message["headers"])
        body = json.loads(message["body"])
        assert "closed to applications" in body["text"]
        section = body["blocks"][0]
        assert section["type"] == "section" and section["text"]["type"] == "mrkdwn"
        assert section["accessory"]["type"] == "button" and section["accessory"]["url"].endswith(f"/projects/{project_id}")
        assert len(slack.requests) == 1, "only the chosen event is sent"
    finally:
        api.remove(endpoint["id"])


def test_fifty_failures_in_a_row_turn_the_endpoint_off(api: API, receiver) -> None:
    broken = receiver(default=500)
    endpoint = api.add_endpoint(broken.url, ["project.published", "project.closed"])
    try:
        for number in range(25):
            project_id = api.new_project(f"Webhook check: failing receiver {number + 1}")
            api.close(project_id)
        deadline = time.monotonic() + 120
        while api.endpoint(endpoint["id"])["enabled"] and time.monotonic() < deadline:
            time.sleep(1)
        state = api.endpoint(endpoint["id"])
        assert not state["enabled"] and state["consecutiveFailures"] >= 50 and state["disabledAt"]
        assert len(broken.requests) >= 50
        for request in broken.requests[:5]:
            verified(endpoint["secret"], request)

        # Off means off: a new event is not sent, and no retry comes either.
        time.sleep(2)
        seen = len(broken.requests)
        api.new_project("Webhook check: after the turn-off")
        time.sleep(5)
        assert len(broken.requests) == seen
        log = os.environ.get("TRYOUT_SERVER_LOG")
        if log:
            assert "a webhook was turned off" in pathlib.Path(log).read_text(encoding="utf-8", errors="replace")
    finally:
        api.remove(endpoint["id"])
