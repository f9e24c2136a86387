#!/usr/bin/env python3
"""The pages scripts/load.sh puts under load, found on a server holding the demo data: one line
per page, `label<TAB>path<TAB>cookie header` (empty for anonymous pages).

Usage: scripts/load_pages.py BASE_URL
"""
import json
import re
import sys

from api_token import Browser

PASSWORD = "tryout-demo-pass"


def first(pattern: str, page: str, what: str) -> str:
    match = re.search(pattern, page)
    if not match:
        raise SystemExit(f"load_pages.py: found no {what}")
    return match.group(1)


def main(argv):
    base = argv[1].rstrip("/")
    anonymous = Browser(base)
    listing = json.loads(anonymous.get("/api/v1/projects?limit=1"))
    project = listing["items"][0]["id"]
    pages = [
        ("/healthz (the ceiling)", "/healthz", ""),
        ("/", "/", ""),
        ("/projects", "/projects", ""),
        ("/projects/{id}", f"/projects/{project}", ""),
        ("/projects?q=engineer", "/projects?q=engineer", ""),
        ("/projects?q=engineer, two filters", "/projects?q=engineer&mode=remote&maxWeeks=8", ""),
        ("/api/v1/projects?q=engineer", "/api/v1/projects?q=engineer", ""),
    ]
    candidate = Browser(base)
    candidate.sign_in("ada@candidates.test", PASSWORD)
    pages.append(("a candidate's applications", "/applications", candidate.cookie_header()))
    manager = Browser(base)
    manager.sign_in("manager@northwind.test", PASSWORD)
    # The organization's project with the most applicants.
    projects = set(re.findall(r'href="/projects/([0-9a-f-]{36})"', manager.get("/orgs/northwind-analytics/projects")))
    if not projects:
        raise SystemExit("load_pages.py: found no project of the demo employer")
    lists = {f"/projects/{id}/applicants": manager.get(f"/projects/{id}/applicants").count('<th scope="row"') for id in projects}
    applicants = max(lists, key=lists.get)
    pages.append((f"an employer's applicants list ({lists[applicants]} applicants)", applicants, manager.cookie_header()))
    engagement = first(r'href="(/engagements/[0-9a-f-]{36})"', manager.get("/engagements"), "engagement")
    pages.append(("an engagement page", engagement, manager.cookie_header()))
    for label, path, cookie in pages:
        print(f"{label}\t{path}\t{cookie}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
