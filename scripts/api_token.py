#!/usr/bin/env python3
"""Signs in to a Tryout server through its HTML forms and creates a personal API token.

Usage: scripts/api_token.py BASE_URL EMAIL PASSWORD [TOKEN_NAME]
Prints the new token (tt_...) on standard output. Standard library only. Other scripts import
`Browser` to act as a signed-in person.
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


class Browser:
    """A cookie jar and the site's forms, as a person's browser uses them."""

    def __init__(self, base: str):
        self.base = base.rstrip("/")
        self.jar = http.cookiejar.CookieJar()
        self.follow = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.no_follow = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect())

    def get(self, path: str) -> str:
        with self.follow.open(self.base + path, timeout=30) as response:
            return response.read().decode("utf-8")

    def post(self, path: str, fields: dict, follow: bool = True):
        data = urllib.parse.urlencode(fields).encode()
        request = urllib.request.Request(self.base + path, data=data, method="POST",
                                         headers={"Content-Type": "application/x-www-form-urlencoded"})
        try:
            with (self.follow if follow else self.no_follow).open(request, timeout=30) as response:
                return response.status, response.headers, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode("utf-8", "replace")

    @staticmethod
    def csrf(page: str, where: str) -> str:
        match = CSRF.search(page)
        if not match:
            raise SystemExit(f"api_token.py: no _csrf field on {where}")
        return html.unescape(match.group(1))

    def sign_in(self, email: str, password: str) -> None:
        token = self.csrf(self.get("/signin"), "/signin")
        status, headers, _ = self.post("/signin", {"_csrf": token, "email": email, "password": password, "next": ""}, follow=False)
        if status not in (302, 303) or "/signin" in (headers.get("Location") or ""):
            raise SystemExit(f"api_token.py: sign-in as {email} failed (HTTP {status})")

    def cookie_header(self) -> str:
        return "; ".join(f"{cookie.name}={cookie.value}" for cookie in self.jar)


def main(argv):
    if len(argv) < 4:
        sys.stderr.write("usage: api_token.py BASE_URL EMAIL PASSWORD [TOKEN_NAME]\n")
        return 2
    browser = Browser(argv[1])
    name = argv[4] if len(argv) > 4 else "api-token-script"
    browser.sign_in(argv[2], argv[3])
    token = browser.csrf(browser.get("/settings"), "/settings")
    status, _, page = browser.post("/settings/tokens", {"_csrf": token, "tokenName": name})
    match = NEW_TOKEN.search(page)
    if status >= 400 or not match:
        raise SystemExit(f"api_token.py: creating the token failed (HTTP {status})")
    print(html.unescape(match.group(1)).strip())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
