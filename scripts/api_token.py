#!/usr/bin/env python3
"""Signs in to a Tryout server through its HTML forms and creates a personal API token.

Usage: scripts/api_token.py BASE_URL EMAIL PASSWORD [TOKEN_NAME]
Prints the new token (tt_...) on standard output. Standard library only.
"""
import html
import http.cookiejar
import re
import sys
import urllib.error
import urllib.parse
import urllib.request

CSRF = re.compile(r'<input[^>]*name="_csrf"[^>]*value="([^"]*)"')
NEW_TOKEN = re.compile(r'<p class="secret" id="new-token">([^<]+)</p>')


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Keeps 303s visible, so a failed sign-in is told from a successful one."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


def main(argv):
    if len(argv) < 4:
        sys.stderr.write("usage: api_token.py BASE_URL EMAIL PASSWORD [TOKEN_NAME]\n")
        return 2
    base, email, password = argv[1].rstrip("/"), argv[2], argv[3]
    name = argv[4] if len(argv) > 4 else "api-token-script"
    jar = http.cookiejar.CookieJar()
    follow = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    no_follow = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), _NoRedirect())

    def get(path):
        with follow.open(base + path, timeout=30) as response:
            return response.read().decode("utf-8")

    def post(opener, path, fields):
        data = urllib.parse.urlencode(fields).encode()
        request = urllib.request.Request(base + path, data=data, method="POST",
                                         headers={"Content-Type": "application/x-www-form-urlencoded"})
        try:
            with opener.open(request, timeout=30) as response:
                return response.status, response.headers, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode("utf-8", "replace")

    def csrf(page, where):
        match = CSRF.search(page)
        if not match:
            raise SystemExit(f"api_token.py: no _csrf field on {where}")
        return html.unescape(match.group(1))

    token = csrf(get("/signin"), "/signin")
    status, headers, _ = post(no_follow, "/signin", {"_csrf": token, "email": email, "password": password, "next": ""})
    if status not in (302, 303) or "/signin" in (headers.get("Location") or ""):
        raise SystemExit(f"api_token.py: sign-in as {email} failed (HTTP {status})")

    token = csrf(get("/settings"), "/settings")
    status, _, page = post(follow, "/settings/tokens", {"_csrf": token, "tokenName": name})
    match = NEW_TOKEN.search(page)
    if status >= 400 or not match:
        raise SystemExit(f"api_token.py: creating the token failed (HTTP {status})")
    print(html.unescape(match.group(1)).strip())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
