#!/usr/bin/env python3
"""Checks that an iCalendar feed is one calendar clients will accept (RFC 5545).

Usage: scripts/check_ics.py FILE.ics   (or - for standard input)
Prints "ok: N events" and exits 0, or prints the first problem and exits 1.
Needs the icalendar package (pip install icalendar). The line checks run on the raw
bytes first, because the parser quietly accepts bare LF and over-long lines.
"""
import sys

import icalendar

REQUIRED_EVENT_PROPERTIES = ("UID", "DTSTAMP", "DTSTART", "SUMMARY")


class Invalid(Exception):
    pass


def check_lines(data):
    if not data.endswith(b"\r\n"):
        raise Invalid("the document does not end with CRLF")
    lines = data[:-2].split(b"\r\n")
    for number, line in enumerate(lines, start=1):
        if b"\n" in line or b"\r" in line:
            raise Invalid(f"line {number}: line break other than CRLF")
        if len(line) > 75:
            raise Invalid(f"line {number}: {len(line)} octets, more than 75")
        try:
            # Each physical line on its own, so a fold inside a UTF-8 character is caught.
            line.decode("utf-8")
        except UnicodeDecodeError as error:
            raise Invalid(f"line {number}: not UTF-8 on its own ({error.reason})") from None


def check_calendar(data):
    try:
        calendar = icalendar.Calendar.from_ical(data)
    except ValueError as error:
        raise Invalid(f"unparseable: {error}") from None
    if calendar.name != "VCALENDAR":
        raise Invalid(f"top-level component is {calendar.name}, not VCALENDAR")
    # The parser records bad properties and content lines here instead of raising.
    for component in calendar.walk():
        for prop, message in component.errors:
            raise Invalid(f"{component.name} {prop or 'content line'}: {message}")
    if str(calendar.get("VERSION", "")) != "2.0":
        raise Invalid("VERSION is not 2.0")
    if not str(calendar.get("PRODID", "")).strip():
        raise Invalid("PRODID is missing")
    events = calendar.walk("VEVENT")
    for index, event in enumerate(events, start=1):
        for prop in REQUIRED_EVENT_PROPERTIES:
            if prop not in event:
                raise Invalid(f"event {index} ({event.get('UID', 'no UID')}): {prop} is missing")
        if "DTEND" in event:
            try:
                later = event.decoded("DTEND") > event.decoded("DTSTART")
            except TypeError:
                later = False  # a DATE compared with a DATE-TIME: mixed value types
            if not later:
                raise Invalid(f"event {index} ({event['UID']}): DTEND is not after DTSTART")
    return len(events)


def main(argv):
    if len(argv) != 2:
        sys.stderr.write("usage: check_ics.py FILE.ics | -\n")
        return 2
    try:
        if argv[1] == "-":
            data = sys.stdin.buffer.read()
        else:
            with open(argv[1], "rb") as file:
                data = file.read()
        check_lines(data)
        count = check_calendar(data)
    except (Invalid, OSError) as error:
        print(f"error: {error}")
        return 1
    print(f"ok: {count} events")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
