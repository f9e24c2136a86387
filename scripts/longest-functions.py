#!/usr/bin/env python3
"""Lists the longest Swift functions under the given folders (default: Sources), by lines from
`func`/`init` to its closing brace, for keeping actions short. Usage: longest-functions.py [-n 10] [DIR...]"""
import argparse
import pathlib
import re

DECLARATION = re.compile(r"^\s*(?:@\w+(?:\([^)]*\))?\s+)*(?:(?:public|private|fileprivate|internal|static|override|mutating|nonisolated|final|required|convenience)\s+)*(func\s+[^\s(<]+|init[?!]?)\s*[(<]")


def functions(path):
    lines = path.read_text(encoding="utf-8").splitlines()
    for start, line in enumerate(lines):
        match = DECLARATION.match(line)
        if not match:
            continue
        depth, opened = 0, False
        for end in range(start, len(lines)):
            # Strings rarely hold braces in this code; comments are dropped first.
            text = re.sub(r'"(?:[^"\\]|\\.)*"', '""', lines[end].split("//")[0])
            depth += text.count("{") - text.count("}")
            opened = opened or "{" in text
            if opened and depth <= 0:
                yield end - start + 1, f"{path}:{start + 1}", match.group(1)
                break
            if not opened and end > start + 8:
                break  # a requirement in a protocol, without a body


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=10)
    parser.add_argument("dirs", nargs="*", default=["Sources"])
    args = parser.parse_args()
    found = [f for d in args.dirs for p in sorted(pathlib.Path(d).rglob("*.swift")) for f in functions(p)]
    for length, where, name in sorted(found, reverse=True)[: args.n]:
        print(f"{length:4d}  {name:32s} {where}")


if __name__ == "__main__":
    main()
