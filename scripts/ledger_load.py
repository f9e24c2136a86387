#!/usr/bin/env python3
"""Money under load, through the API of a running Tryout server with the demo data.

WORKERS clients run for SECONDS, each repeating at random: funding (an invoice, then the
receipt), a whole engagement (a project published with two places, so its escrow is held; a
candidate applies, is offered the place, signs, ticks, hands in; the manager accepts, which
releases the deliverable's share), closing projects (their unfilled place goes back to the
balance) and payouts (a batch of what candidates are owed, marked paid).

A client keeps each request's idempotency key and sends it again when the connection fails, as
a client of a server that may be killed must. Every money-moving request the server answers
with 2xx is written to ACKS_FILE as the ledger entry it promises (`escrow:PROJECT`,
`release:DELIVERABLE`…), for `scripts/ledger-check.sh` to look up afterwards.

Usage: scripts/ledger_load.py BASE_URL SECONDS WORKERS ACKS_FILE
Standard library only.
"""
from __future__ import annotations

import http.client
import json
import random
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections import Counter
from pathlib import Path

PASSWORD = "tryout-demo-pass"
ORG = "northwind-analytics"
OWNER, MANAGER, ADMIN = "owner@northwind.test", "manager@northwind.test", "admin@tryout.test"
CANDIDATES = [f"{name}@candidates.test" for name in
              ("ada", "bruno", "chen", "dana", "emeka", "fatima", "gabriel", "hana", "isaac", "julia", "kofi")]
# How long a request is retried while the server is down or restarting.
OUTAGE_SECONDS = 90


class Refused(Exception):
    """The server answered, but not with 2xx: the step did not happen (or is unknown)."""


class Client:
    def __init__(self, base: str, tokens: dict[str, str], stats: Counter, lock: threading.Lock) -> None:
        self.base, self.tokens, self.stats, self.lock = base, tokens, stats, lock

    def call(self, method: str, path: str, who: str, body=None, key: str | None = None, multipart: bytes | None = None):
        headers = {"Authorization": f"Bearer {self.tokens[who]}", "Accept": "application/json"}
        data = None
        if multipart is not None:
            boundary = "load-" + uuid.uuid4().hex
            data = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"links.0\"\r\n\r\n".encode() + multipart
                    + f"\r\n--{boundary}--\r\n".encode())
            headers["Content-Type"] = f"multipart/form-data; boundary={boundary}"
        elif body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        if key:
            headers["Idempotency-Key"] = key
        deadline = time.monotonic() + OUTAGE_SECONDS
        retried = False
        while True:
            try:
                request = urllib.request.Request(self.base + path, method=method, data=data, headers=headers)
                with urllib.request.urlopen(request, timeout=30) as response:
                    text = response.read().decode()
                    return json.loads(text) if text else None
            except urllib.error.HTTPError as error:
                text = error.read().decode()
                # The first attempt is still running (or died with the server and its lease has
                # not run out): the same key answers once it is over.
                if error.code == 409 and key and "still running" in text and time.monotonic() < deadline:
                    time.sleep(1)
                    continue
                if error.code >= 500 and time.monotonic() < deadline:
                    time.sleep(0.5)
                    continue
                self.count(f"refused {error.code}{' after a retry' if retried else ''}")
                raise Refused(f"{method} {path}: {error.code} {text[:200]}") from None
            except (urllib.error.URLError, ConnectionError, http.client.HTTPException, TimeoutError, OSError):
                if time.monotonic() >= deadline:
                    raise
                retried = True
                self.count("connection lost, retried")
                time.sleep(0.5)

    def count(self, what: str) -> None:
        with self.lock:
            self.stats[what] += 1


class Worker(threading.Thread):
    def __init__(self, index: int, client: Client, until: float, acks: list[str]) -> None:
        super().__init__(daemon=True)
        self.index, self.api, self.until, self.acks = index, client, until, acks
        self.random = random.Random(index)
        self.open_projects: list[str] = []
        self.error: BaseException | None = None

    def ack(self, entry: str) -> None:
        with self.api.lock:
            self.acks.append(entry)

    def run(self) -> None:
        try:
            while time.monotonic() < self.until:
                choice = self.random.random()
                try:
                    if choice < 0.6:
                        self.engagement()
                    elif choice < 0.75:
                        self.fund()
                    elif choice < 0.9:
                        self.close_a_project()
                    else:
                        self.payout()
                except Refused:
                    pass
        except BaseException as error:  # noqa: BLE001 - reported by the main thread
            self.error = error

    def fund(self) -> None:
        invoice = self.api.call("POST", f"/api/v1/organizations/{ORG}/billing/invoices", OWNER,
                                {"amount": {"amountMinor": self.random.randint(1, 50) * 100_000, "currency": "USD"}}, key=str(uuid.uuid4()))
        self.api.call("POST", "/api/v1/admin/payments/receipts", ADMIN,
                      {"reference": invoice["reference"], "amount": invoice["amount"], "bankReference": "LOAD-" + uuid.uuid4().hex[:8]},
                      key=str(uuid.uuid4()))
        self.ack(f"invoice:{invoice['id']}")
        self.api.count("funded")

    def engagement(self) -> None:
        candidate = CANDIDATES[(self.index + self.random.randrange(len(CANDIDATES))) % len(CANDIDATES)]
        project = self.api.call("POST", f"/api/v1/organizations/{ORG}/projects", MANAGER, brief(self.index))
        project_id = project["project"]["id"]
        self.api.call("POST", f"/api/v1/projects/{project_id}/publish", MANAGER, key=str(uuid.uuid4()))
        self.ack(f"escrow:{project_id}")
        self.open_projects.append(project_id)
        application = self.api.call("POST", f"/api/v1/projects/{project_id}/applications", candidate, {"answers": []})
        for action in ("shortlisted", "offered"):
            self.api.call("POST", f"/api/v1/projects/{project_id}/decisions", MANAGER, {"applicationIDs": [application["id"]], "action": action})
        self.api.call("POST", f"/api/v1/me/applications/{application['id']}/accept", candidate)
        engagement_id = next(e["id"] for e in self.api.call("GET", "/api/v1/engagements", candidate) if e["projectID"] == project_id)
        engagement = self.api.call("GET", f"/api/v1/engagements/{engagement_id}", MANAGER)
        for agreement in engagement["agreements"]:
            for who in (candidate, MANAGER):
                self.api.call("POST", f"/api/v1/engagements/{engagement_id}/agreements/{agreement['id']}/signature", who,
                              {"fullName": "Load Tester", "consent": True})
        for item in engagement["checklist"]:
            who = candidate if item["owner"] == "candidate" else MANAGER
            self.api.call("POST", f"/api/v1/engagements/{engagement_id}/checklist/{item['id']}/done", who)
        milestone = self.random.choice(engagement["milestones"])
        version = self.api.call("POST", f"/api/v1/engagements/{engagement_id}/milestones/{milestone['id']}/submissions", candidate,
                                multipart=b"https://example.org/load")
        self.api.call("POST", f"/api/v1/engagements/{engagement_id}/submissions/{version['id']}/feedback", MANAGER,
                      {"decision": "accept", "feedback": "Accepted under load.", "scorecard": {"levels": [3, 3, 3], "comments": ["", "", ""]}},
                      key=str(uuid.uuid4()))
        self.ack(f"release:{milestone['id']}")
        self.api.count("released")

    def close_a_project(self) -> None:
        if not self.open_projects:
            return
        project_id = self.open_projects.pop(self.random.randrange(len(self.open_projects)))
        self.api.call("POST", f"/api/v1/projects/{project_id}/close", MANAGER, key=str(uuid.uuid4()))
        # Two places, at most one filled: the other goes back to the balance.
        self.ack(f"refund:project:{project_id}:closed")
        self.api.count("closed")

    def payout(self) -> None:
        batch = self.api.call("POST", "/api/v1/admin/payouts", ADMIN, {"currency": "USD"}, key=str(uuid.uuid4()))["batch"]
        self.ack(f"payout:{batch['id']}")
        self.api.call("POST", f"/api/v1/admin/payouts/{batch['id']}/paid", ADMIN, {"bankReference": "LOAD-" + batch["reference"]},
                      key=str(uuid.uuid4()))
        self.ack(f"payout:paid:{batch['id']}")
        self.api.count("paid out")


_template: dict | None = None
_template_lock = threading.Lock()


def brief(index: int) -> dict:
    """A two-place copy of the demo employer's first published brief, starting at once."""
    with _template_lock:
        assert _template is not None
        payload = json.loads(json.dumps(_template))
    payload["title"] = f"Load test {index}-{uuid.uuid4().hex[:8]}"
    return payload


def load_template(client: Client) -> dict:
    listed = client.call("GET", f"/api/v1/projects?organization={ORG}", MANAGER)["items"]
    source = client.call("GET", f"/api/v1/projects/{next(p for p in listed if p['state'] == 'published')['id']}", MANAGER)
    fields = ["summary", "body", "deliverables", "rubric", "estimatedHours", "durationWeeks", "pay", "classification",
              "locationMode", "place", "timeZone", "visibility", "agreements", "accommodations"]
    payload = {key: source[key] for key in fields if source.get(key) is not None}
    payload["skills"] = [{key: skill[key] for key in ("uri", "level", "required")} for skill in source.get("skills", [])]
    payload.update(slots=2, screeningQuestions=[])
    return payload


def token(base: str, email: str) -> str:
    script = Path(__file__).with_name("api_token.py")
    return subprocess.run([sys.executable, str(script), base, email, PASSWORD, "load"], check=True, capture_output=True, text=True).stdout.strip()


def main(argv: list[str]) -> int:
    if len(argv) != 5:
        sys.stderr.write(__doc__)
        return 2
    base, seconds, workers, acks_file = argv[1].rstrip("/"), float(argv[2]), int(argv[3]), Path(argv[4])
    tokens = {email: token(base, email) for email in [OWNER, MANAGER, ADMIN, *CANDIDATES]}
    stats, lock, acks = Counter(), threading.Lock(), []
    client = Client(base, tokens, stats, lock)
    global _template
    _template = load_template(client)
    for index, email in enumerate(CANDIDATES):
        client.call("PUT", "/api/v1/me/payout-details", email, {"holder": email.split("@")[0].title(), "method": "us",
                                                                 "routingNumber": "011000015", "accountNumber": f"{1000_0000 + index}"})
    started = time.monotonic()
    threads = [Worker(index, client, started + seconds, acks) for index in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    acks_file.write_text("".join(f"{entry}\n" for entry in acks))
    elapsed = time.monotonic() - started
    print(f"ledger-load: {workers} clients for {elapsed:.0f} s: " + ", ".join(f"{what} {count}" for what, count in sorted(stats.items())))
    failed = [thread.error for thread in threads if thread.error]
    for error in failed:
        print(f"ledger-load: a client stopped: {error!r}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
