#!/usr/bin/env python3
"""The pages scripts/load.sh puts under load, found on a server holding the demo data: one line
per page, `label<TAB>path<TAB>cookie header` (empty for anonymous pages). A path starting with
`@` names a file of paths, one a line, which wrk takes in turn (scripts/load_rotate.lua): the
page measured across many projects or searches, past the copies kept for anonymous visitors.

Usage: scripts/load_pages.py BASE_URL DIRECTORY_FOR_PATH_FILES
"""
import json
import os
import re
import sys
from urllib.parse import quote

from api_token import Browser

PASSWORD = "tryout-demo-pass"


def first(pattern: str, page: str, what: str) -> str:
    match = re.search(pattern, page)
    if not match:
        raise SystemExit(f"load_pages.py: found no {what}")
    return match.group(1)


def newest_projects(browser: Browser, count: int) -> list:
    """The newest `count` public projects, through the API's cursor."""
    projects, cursor = [], None
    while len(projects) < count:
        page = json.loads(browser.get("/api/v1/projects?limit=100" + (f"&cursor={quote(cursor)}" if cursor else "")))
        projects += page["items"]
        cursor = page.get("nextCursor")
        if not cursor:
            break
    return projects[:count]


def path_file(directory: str, name: str, paths: list) -> str:
    path = os.path.join(directory, name)
    with open(path, "w") as out:
        out.write("\n".join(paths) + "\n")
    return "@" + path


def main(argv):
    base, directory = argv[1].rstrip("/"), argv[2]
    anonymous = Browser(base)
    projects = newest_projects(anonymous, 1000)
    project = projects[0]["id"]
    words = sorted({word.lower() for item in projects for word in re.findall(r"[A-Za-z]{6,}", item["title"])})[:200]
    pages = [
        ("/healthz (the ceiling)", "/healthz", ""),
        ("/", "/", ""),
        ("/projects", "/projects", ""),
        ("/projects/{id}", f"/projects/{project}", ""),
        ("/projects?q=engineer", "/projects?q=engineer", ""),
        ("/projects?q=engineer, two filters", "/projects?q=engineer&mode=remote&maxWeeks=8", ""),
        ("/api/v1/projects?q=engineer", "/api/v1/projects?q=engineer", ""),
        (f"/projects/{{id}}, {len(projects)} projects in turn",
         path_file(directory, "projects.txt", [f"/projects/{item['id']}" for item in projects]), ""),
        (f"/projects?q=…, {len(words)} words in turn", path_file(directory, "searches.txt", [f"/projects?q={word}" for word in words]), ""),
        # An address never asked before (a parameter the page ignores) each time: what a search
        # nobody made yet costs, and a crawler making up addresses.
        (f"/projects?q=…, {len(words)} words, a new address each time", path_file(directory, "new-searches.txt",
                                                                                   [f"/projects?q={word}&visit={{n}}" for word in words]), ""),
        (f"/projects?q=…&sort=newest, {len(words)} words, a new address each time",
         path_file(directory, "new-newest.txt", [f"/projects?q={word}&sort=newest&visit={{n}}" for word in words]), ""),
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
    def applicants_of(page: str) -> int:
        caption = re.search(r"<caption>(\d+) applicants?", page)
        return int(caption.group(1)) if caption else 0

    lists = {f"/projects/{id}/applicants": applicants_of(manager.get(f"/projects/{id}/applicants")) for id in projects}
    applicants = max(lists, key=lists.get)
    pages.append((f"an employer's applicants list ({lists[applicants]} applicants)", applicants, manager.cookie_header()))
    engagement = first(r'href="(/engagements/[0-9a-f-]{36})"', manager.get("/engagements"), "engagement")
    pages.append(("an engagement page", engagement, manager.cookie_header()))
    thread = manager.get(engagement + "/messages").split('<ol class="thread"', 1)
    messages = thread[1].split("</ol>", 1)[0].count("<li>") if len(thread) == 2 else 0
    pages.append((f"its messages ({messages})", engagement + "/messages", manager.cookie_header()))
    for label, path, cookie in pages:
        print(f"{label}\t{path}\t{cookie}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
