#!/usr/bin/env python3
"""Checks Tryout's e-mail against a real SMTP server: what arrives must parse with Python's
`email` package and say what Tryout wrote.

Usage: scripts/smtp_check.py COMMAND...
  e.g. scripts/smtp_check.py swift test --skip-build --filter RealSMTPServerTests

Starts two aiosmtpd servers on loopback with a throwaway CA's certificate for "localhost":
  - submission: STARTTLS required, then AUTH (PLAIN or LOGIN) required;
  - smtps: TLS from the first byte, AUTH LOGIN only.
Both answer RCPT TO:<greylist@…> with 451 the first time and RCPT TO:<reject@…> with 550.
Runs COMMAND with TRYOUT_TEST_SMTP_URL, TRYOUT_TEST_SMTPS_URL and TRYOUT_SMTP_CA_FILE set,
then checks the messages that arrived: a notification with every hard case in it (a name in
three scripts, a line starting with ".", a 2,000-character line, an .ics, the unsubscribe
headers), a real check-in reminder with its .ics, the greylisted and the refused message, and
one over implicit TLS. Exits non-zero on the first problem.
Needs aiosmtpd and icalendar (scripts/test-deps.sh installs them) and the openssl command.
"""
import email
import email.policy
import logging
import os
import pathlib
import socket
import ssl
import subprocess
import sys
import tempfile
import warnings

import icalendar
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

USER, PASSWORD = "tryout", "s3cret: with spaces"
NAME = "Zoë Ångström 山田"
DOT_LINE = ".a line that starts with a dot"
LONG_LINE = "".join("abcdefghij"[i % 10] for i in range(2000))


class Failure(Exception):
    pass


def expect(condition, what):
    if not condition:
        raise Failure(what)


def make_certificates(directory):
    """A CA and a server certificate it signs, for localhost and 127.0.0.1."""
    def openssl(*args):
        subprocess.run(["openssl", *args], cwd=directory, check=True, capture_output=True)
    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    openssl("req", "-x509", *ec, "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=Tryout test CA",
            "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign")
    openssl("req", *ec, "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=localhost")
    (directory / "server.ext").write_text(
        "subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\n"
        "keyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n")
    openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
            "-out", "server.pem", "-days", "2", "-extfile", "server.ext")
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(directory / "server.pem", directory / "server.key")
    return directory / "ca.pem", context


class Mailroom:
    """What the servers saw: messages by recipient, RCPT attempts and AUTH mechanisms."""

    def __init__(self):
        self.messages = []  # (server name, recipients, raw bytes)
        self.rcpt_attempts = {}
        self.mechanisms = []


class Handler:
    def __init__(self, name, room):
        self.name, self.room = name, room

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        seen = self.room.rcpt_attempts.get(address, 0)
        self.room.rcpt_attempts[address] = seen + 1
        if address.startswith("reject@"):
            return "550 5.1.1 No such user here"
        if address.startswith("greylist@") and seen == 0:
            return "451 4.7.1 Greylisted, please try again later"
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope):
        self.room.messages.append((self.name, list(envelope.rcpt_tos), envelope.original_content or envelope.content))
        return f"250 2.0.0 OK queued as {self.name}-{len(self.room.messages)}"


def authenticator(room):
    def check(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and auth_data.login == USER.encode() and auth_data.password == PASSWORD.encode()
        if ok:
            room.mechanisms.append(mechanism)
        return AuthResult(success=ok)
    return check


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def check_raw(raw, label):
    expect(all(byte < 0x80 for byte in raw), f"{label}: bytes outside 7-bit ASCII")
    lines = raw.split(b"\r\n")
    expect(all(b"\n" not in line and b"\r" not in line for line in lines), f"{label}: a line break other than CRLF")
    longest = max(len(line) for line in lines)
    expect(longest <= 998, f"{label}: a line of {longest} octets, more than RFC 5322's 998")


def check_full_message(raw):
    """The message to Zoë: headers, her name, a dot line, a long line, the .ics, unsubscribe."""
    check_raw(raw, "Zoë's message")
    message = email.message_from_bytes(raw, policy=email.policy.default)
    to = message["To"].addresses[0]
    expect(to.display_name == NAME and to.addr_spec == "zoe@uni.test", f"To is {message['To']!r}")
    sender = message["From"].addresses[0]
    expect(sender.display_name == "Tryout Tëst" and sender.addr_spec == "noreply@tryout.test", f"From is {message['From']!r}")
    expect(NAME in str(message["Subject"]), f"Subject is {message['Subject']!r}")
    expect(message["Date"].datetime is not None, "no Date")
    expect(str(message["Message-ID"]).endswith("@tryout.test>"), f"Message-ID is {message['Message-ID']!r}")
    expect(message["MIME-Version"] == "1.0", "no MIME-Version")
    unsubscribe = str(message["List-Unsubscribe"] or "")
    expect(unsubscribe.startswith("<http") and unsubscribe.endswith(">"), f"List-Unsubscribe is {unsubscribe!r}")
    expect(message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click", "no List-Unsubscribe-Post")
    expect(message.get_content_type() == "multipart/mixed", f"content type {message.get_content_type()}")

    text = message.get_body(("plain",)).get_content()
    lines = text.splitlines()
    expect(DOT_LINE in lines, "the line starting with a dot did not arrive whole")
    expect(LONG_LINE in lines, "the 2,000-character line did not arrive whole")
    expect(NAME in text, "the name is missing from the text")
    html = message.get_body(("html",)).get_content()
    expect(NAME in html, "the name is missing from the HTML part")

    attachments = list(message.iter_attachments())
    expect(len(attachments) == 1, f"{len(attachments)} attachments")
    ics = attachments[0]
    expect(ics.get_content_type() == "text/calendar", f"attachment type {ics.get_content_type()}")
    expect(ics.get_filename() == "check-in.ics", f"attachment name {ics.get_filename()!r}")
    calendar = icalendar.Calendar.from_ical(ics.get_payload(decode=True))
    events = [part for part in calendar.walk() if part.name == "VEVENT"]
    expect(len(events) == 1 and str(events[0]["SUMMARY"]) == "Weekly check-in with Acme", "the .ics holds no check-in")


def check_reminder(raw):
    """A check-in reminder as the reminders job writes it: the .ics of the real check-in."""
    check_raw(raw, "the check-in reminder")
    message = email.message_from_bytes(raw, policy=email.policy.default)
    expect(str(message["Subject"]).endswith("check-in tomorrow"), f"reminder subject {message['Subject']!r}")
    expect(message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click", "the reminder has no one-click unsubscribe")
    ics = [part for part in message.iter_attachments() if part.get_filename() == "check-in.ics"]
    expect(len(ics) == 1 and ics[0].get_content_type() == "text/calendar", "the reminder has no check-in.ics")
    calendar = icalendar.Calendar.from_ical(ics[0].get_payload(decode=True))
    events = [part for part in calendar.walk() if part.name == "VEVENT"]
    expect(len(events) == 1 and str(events[0]["SUMMARY"]).startswith("Check-in: "), "the reminder's .ics holds no check-in")
    expect(events[0]["DTSTART"] is not None, "the check-in has no start")


def check(room):
    by_recipient = {}
    for server, recipients, raw in room.messages:
        for recipient in recipients:
            by_recipient.setdefault(recipient, []).append((server, raw))
    zoe = by_recipient.get("zoe@uni.test", [])
    expect(len(zoe) == 1 and zoe[0][0] == "submission", f"{len(zoe)} messages to zoe@uni.test")
    check_full_message(zoe[0][1])
    expect(room.rcpt_attempts.get("greylist@uni.test") == 2, "the greylisted message was not tried exactly twice")
    expect(len(by_recipient.get("greylist@uni.test", [])) == 1, "the greylisted message did not arrive once")
    expect(room.rcpt_attempts.get("reject@uni.test") == 1, "the rejected message was tried again after a 5xx")
    expect("reject@uni.test" not in by_recipient, "the rejected message arrived")
    reminders = [raw for _, raw in by_recipient.get("kim@uni.test", []) if b"check-in tomorrow" in raw]
    expect(len(reminders) == 1, f"{len(reminders)} check-in reminders to kim@uni.test")
    check_reminder(reminders[0])
    smtps = by_recipient.get("ada@uni.test", [])
    expect(len(smtps) == 1 and smtps[0][0] == "smtps", "nothing arrived over implicit TLS")
    check_raw(smtps[0][1], "the message over implicit TLS")
    expect("PLAIN" in room.mechanisms and "LOGIN" in room.mechanisms, f"AUTH mechanisms used: {room.mechanisms}")
    return len(room.messages)


def main():
    # The smtps server's AUTH over implicit TLS is safe, though aiosmtpd warns as if it were plain
    # text; and the untrusted-certificate test makes it log a failed handshake on purpose.
    warnings.filterwarnings("ignore", message="Requiring AUTH while not requiring TLS")
    logging.getLogger("mail.log").setLevel(logging.CRITICAL)
    command = sys.argv[1:]
    if not command:
        print(__doc__)
        return 2
    room = Mailroom()
    with tempfile.TemporaryDirectory() as directory:
        ca_file, tls = make_certificates(pathlib.Path(directory))
        common = dict(hostname="127.0.0.1", auth_required=True, authenticator=authenticator(room))
        submission = Controller(Handler("submission", room), port=free_port(), tls_context=tls, require_starttls=True,
                                server_hostname="localhost", **common)
        # aiosmtpd does not count TLS from the first byte as TLS for AUTH: it is, so allow it.
        smtps = Controller(Handler("smtps", room), port=free_port(), ssl_context=tls, auth_exclude_mechanism=["PLAIN"],
                           auth_require_tls=False, server_hostname="localhost", **common)
        submission.start()
        smtps.start()
        try:
            credentials = f"{USER}:{PASSWORD.replace(' ', '%20').replace(':', '%3A')}"
            env = {
                **os.environ,
                "TRYOUT_TEST_SMTP_URL": f"smtp://{credentials}@localhost:{submission.port}",
                "TRYOUT_TEST_SMTPS_URL": f"smtps://{credentials}@localhost:{smtps.port}",
                "TRYOUT_SMTP_CA_FILE": str(ca_file),
            }
            result = subprocess.run(command, env=env)
        finally:
            submission.stop()
            smtps.stop()
    if result.returncode != 0:
        print(f"smtp-check: {' '.join(command)} failed with {result.returncode}")
        return 1
    try:
        count = check(room)
    except Failure as failure:
        print(f"smtp-check: {failure}")
        return 1
    print(f"smtp-check: ok, {count} messages arrived and parse as sent")
    return 0


if __name__ == "__main__":
    sys.exit(main())
