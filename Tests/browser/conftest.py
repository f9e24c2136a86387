"""Browser tests for Tryout's server-rendered pages: real headless Chromium driven by selenium,
every page checked with axe-core.

The server under test is given by TRYOUT_BASE_URL (e.g. http://127.0.0.1:8190) and must have the
demo data loaded. TRYOUT_SERVER_LOG names the file the server logs to (in development it logs
outgoing e-mail there), from which new accounts take the link that confirms their address. Install what this needs with scripts/test-deps.sh, then:

    TRYOUT_BASE_URL=http://127.0.0.1:8190 .venv/bin/pytest Tests/browser

With TRYOUT_KEYBOARD_ONLY=1 every test goes without a mouse: each control is reached with Tab alone
and used with Enter, Space, arrow keys and typing (see Site.keyboard_only); `make test` walks the
suite so on PostgreSQL. With TRYOUT_CHECK_MARKUP=0 the axe and phone-width checks are skipped
(`make test` runs them in its SQLite walk: markup and layout are the same on both databases).

Optional: CHROMIUM_BINARY (default /usr/bin/chromium), CHROMEDRIVER (default /usr/bin/chromedriver),
AXE_SOURCE (a path to axe.min.js; default: the copy inside the axe-playwright-python package).
"""

from __future__ import annotations

import json
import os
import pathlib
import re
import time
import urllib.error
import urllib.request
import uuid
from urllib.parse import urlsplit

import pytest
from selenium import webdriver
from selenium.common.exceptions import TimeoutException, WebDriverException
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import Select, WebDriverWait

DEMO_PASSWORD = "tryout-demo-pass"
OWNER = "owner@northwind.test"
MANAGER = "manager@northwind.test"
ADMIN = "admin@tryout.test"
CANDIDATE = "ada@candidates.test"
DEMO_ORG = "northwind-analytics"
PARTNER_STAFF = "staff@lakeside.test"
PARTNER_ORG = "lakeside-university-career-services"

WAIT_SECONDS = 15
# How often a wait looks again. Selenium's default is half a second, and a form sent is seldom
# answered by the first look, so every form the suite sent waited most of that half second.
POLL_SECONDS = 0.05


def wait(driver: WebDriver) -> WebDriverWait:
    """Waits up to WAIT_SECONDS, looking every POLL_SECONDS."""
    return WebDriverWait(driver, WAIT_SECONDS, poll_frequency=POLL_SECONDS)


def pytest_configure(config: pytest.Config) -> None:
    if not os.environ.get("TRYOUT_BASE_URL"):
        raise pytest.UsageError(
            "TRYOUT_BASE_URL is not set: start a Tryout server with the demo data loaded and set it, "
            "e.g. TRYOUT_BASE_URL=http://127.0.0.1:8190"
        )


# --- axe-core -----------------------------------------------------------------------------------


def _axe_source() -> str:
    explicit = os.environ.get("AXE_SOURCE")
    if explicit:
        return pathlib.Path(explicit).read_text(encoding="utf-8")
    try:
        import axe_playwright_python  # only for the axe.min.js it ships
    except ImportError as error:  # pragma: no cover - a setup problem, said plainly
        raise RuntimeError("axe-core not found: run scripts/test-deps.sh (pip install --no-deps axe-playwright-python)") from error
    found = sorted(pathlib.Path(axe_playwright_python.__file__).parent.rglob("axe.min.js"))
    if not found:
        raise RuntimeError("axe.min.js is missing from the axe-playwright-python package")
    return found[0].read_text(encoding="utf-8")


# Runs axe with its defaults (every rule that is on by default: WCAG 2 A/AA and best practice)
# and hands back only what a failure message needs.
_RUN_AXE = """
const done = arguments[arguments.length - 1];
window.axe.run(document).then(
  (r) => done({
    version: r.testEngine.version,
    url: r.url,
    violations: r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({target: n.target, html: n.html, summary: n.failureSummary})),
    })),
  }),
  (e) => done({error: String((e && e.stack) || e)}),
);
"""


def format_violations(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} [{v.get('impact')}]: {v['help']} ({v.get('helpUrl', '')})")
        for node in v["nodes"][:10]:
            target = " ".join(json.dumps(t) if not isinstance(t, str) else t for t in node["target"])
            lines.append(f"    at {target}")
            lines.append(f"       {node['html'][:200]}")
            summary = (node.get("summary") or "").replace("\n", " / ")
            if summary:
                lines.append(f"       {summary[:400]}")
        if len(v["nodes"]) > 10:
            lines.append(f"    … and {len(v['nodes']) - 10} more nodes")
    return "\n".join(lines)


# --- the browser -----------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def base_url() -> str:
    url = os.environ["TRYOUT_BASE_URL"].rstrip("/")
    deadline = time.monotonic() + 30
    last: Exception | None = None
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=5) as response:
                if response.status == 200:
                    return url
        except (urllib.error.URLError, OSError) as error:
            last = error
        time.sleep(0.5)
    pytest.fail(f"the Tryout server at {url} does not answer /healthz: {last}")


@pytest.fixture(scope="session")
def axe_source() -> str:
    return _axe_source()


@pytest.fixture(scope="session")
def driver() -> WebDriver:
    options = Options()
    options.binary_location = os.environ.get("CHROMIUM_BINARY", "/usr/bin/chromium")
    # Headless Chromium without what a test never uses (GPU, extensions, updates, translation,
    # on-device models): the suite shares two cores with the server and the database.
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--disable-extensions",
                     "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-default-apps",
                     "--disable-features=Translate,OptimizationHints,OptimizationGuideModelDownloading,OnDeviceModelService",
                     "--window-size=1280,1000", "--lang=en-US"):
        options.add_argument(argument)
    service = Service(executable_path=os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
    browser = webdriver.Chrome(service=service, options=options)
    browser.set_page_load_timeout(30)
    browser.set_script_timeout(60)
    yield browser
    browser.quit()


# How many presses of Tab (negative: Shift+Tab) take the focus from where it is to arguments[0], or
# null when Tab never stops there. The page's stops in document order, as Chromium tabs through
# them: the site uses no positive tabindex, and a radio group is one stop (its checked radio).
_TABS_TO = """
const target = arguments[0];
const candidates = document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]');
const stops = [...candidates].filter((el) => {
  if (el.disabled || el.tabIndex < 0 || el.getClientRects().length === 0 || getComputedStyle(el).visibility === 'hidden') return false;
  if (el.type !== 'radio' || !el.name) return true;
  const group = [...document.getElementsByName(el.name)].filter((r) => r.form === el.form);
  return el === (group.find((r) => r.checked) || group[0]);
});
const to = stops.indexOf(target);
if (to < 0) return null;
const active = document.activeElement;
let from = stops.indexOf(active);
if (from < 0 && active && active !== document.body) {
  // Focus on something Tab skips (the error summary, <main>): Tab goes on from its place in the page.
  stops.forEach((el, i) => { if (active.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_PRECEDING) from = i; });
}
return to - from;
"""


def button_text(button: WebElement) -> str:
    try:
        return repr(button.text.strip())
    except WebDriverException:
        return "a button"


class Site:
    """The Tryout site as one person in one browser sees it."""

    def __init__(self, driver: WebDriver, base_url: str, axe_source: str, keyboard_only: bool = False,
                 checks_markup: bool = True):
        self.driver = driver
        self.base_url = base_url
        self.axe_source = axe_source
        # With keyboard_only, every control is reached with Tab alone and used with Enter, Space,
        # arrow keys and typing; a control Tab cannot reach fails the test.
        self.keyboard_only = keyboard_only
        # Without it, assert_accessible checks only that the page loaded without error: axe and the
        # phone widths look at markup and layout, which do not depend on the database, so `make test`
        # runs them in one of its two walks.
        self.checks_markup = checks_markup

    # navigation

    def open(self, path: str) -> None:
        self.driver.get(self.base_url + path)

    @property
    def path(self) -> str:
        parts = urlsplit(self.driver.current_url)
        return parts.path + (f"?{parts.query}" if parts.query else "")

    def find(self, css: str) -> WebElement:
        return self.driver.find_element(By.CSS_SELECTOR, css)

    def find_all(self, css: str) -> list[WebElement]:
        return self.driver.find_elements(By.CSS_SELECTOR, css)

    def exists(self, css: str) -> bool:
        return bool(self.find_all(css))

    def submit_and_wait(self, button: WebElement) -> None:
        """Clicks a submit button and waits until the next page has replaced this one."""
        # A mark on this document's window: it is gone once another document has loaded. (Waiting
        # on an old element going stale can trip Chromium's "Node ... does not belong to the document".)
        marker = uuid.uuid4().hex
        self.driver.execute_script("window.__tryoutPage = arguments[0]", marker)
        if self.keyboard_only:
            self.tab_to(button)
            self.keys(Keys.ENTER)
        else:
            button.click()

        def next_page_loaded(d: WebDriver) -> bool:
            try:
                return bool(d.execute_script(
                    "return window.__tryoutPage !== arguments[0] && document.readyState === 'complete'", marker))
            except WebDriverException:  # the page is being swapped just now
                return False

        # The message is made only on failure: the button's text, read after the page it was on
        # has gone, cost a failed round trip to the browser for every form sent (21 s a walk).
        try:
            wait(self.driver).until(next_page_loaded)
        except TimeoutException:
            raise AssertionError(f"no new page after clicking {button_text(button)} on {self.path}") from None

    def fill(self, form: WebElement, values: dict[str, str]) -> None:
        for name, value in values.items():
            field = form.find_element(By.NAME, name)
            if self.keyboard_only:
                self.type_into(field, value)
            elif field.tag_name == "select":
                Select(field).select_by_value(value)
            else:
                field.clear()
                if value:
                    field.send_keys(value)

    def activate(self, element: WebElement) -> None:
        """Uses a control on this page: a click, or by keyboard Tab to it and then Space (a box),
        arrow keys (a radio button, from its group's stop) or Enter (anything else). A label
        stands for its control."""
        if not self.keyboard_only:
            element.click()
            return
        if element.tag_name == "label":
            element = self.driver.find_element(By.ID, element.get_attribute("for"))
        kind = element.get_attribute("type")
        if kind == "radio":
            group = [r for r in self.driver.find_elements(By.NAME, element.get_attribute("name")) if r.is_displayed()]
            self.tab_to(next((r for r in group if r.is_selected()), group[0]))
            for _ in group:
                if element.is_selected():
                    break
                self.keys(Keys.ARROW_DOWN)
            assert element.is_selected(), f"arrow keys did not choose {element.get_attribute('id')} on {self.path}"
        else:
            self.tab_to(element)
            self.keys(Keys.SPACE if kind == "checkbox" else Keys.ENTER)

    # the keyboard

    def keys(self, *keys: str) -> None:
        ActionChains(self.driver).send_keys(*keys).perform()

    def tab_to(self, element: WebElement) -> None:
        """Moves the focus to `element` with Tab or Shift+Tab alone, as a keyboard user does. The
        count of stops between is a lower bound (a date field is several stops in Chromium), so
        the rest is pressed one at a time."""
        presses = self.driver.execute_script(_TABS_TO, element)
        assert presses is not None, f"Tab never reaches {element.tag_name} {element.get_attribute('name') or element.text!r} on {self.path}"
        press = [Keys.SHIFT, Keys.TAB] if presses < 0 else [Keys.TAB]
        if abs(presses) > 1:
            self.press(press, abs(presses) - 1)
        for _ in range(abs(presses) + 50):
            if self.driver.switch_to.active_element == element:
                return
            self.press(press, 1)
        raise AssertionError(f"Tab on {self.path} never reached {element.get_attribute('name') or element.text!r}")

    def press(self, keys: list[str], times: int) -> None:
        """Presses a key, or Shift with a key, `times` times."""
        actions = ActionChains(self.driver)
        for _ in range(times):
            if keys[0] == Keys.SHIFT:
                actions.key_down(Keys.SHIFT).send_keys(keys[1]).key_up(Keys.SHIFT)
            else:
                actions.send_keys(*keys)
        actions.perform()

    def type_into(self, field: WebElement, value: str) -> None:
        """Tabs to a field and types: a drop-down is moved with the arrow keys to `value`'s option."""
        self.tab_to(field)
        if field.tag_name == "select":
            values = [option.get_attribute("value") for option in field.find_elements(By.TAG_NAME, "option")]
            now = values.index(field.get_attribute("value"))
            wanted = values.index(value)
            self.keys(*([Keys.ARROW_DOWN if wanted > now else Keys.ARROW_UP] * abs(wanted - now)))
            assert field.get_attribute("value") == value, f"arrow keys did not choose {value!r} in {field.get_attribute('name')}"
            return
        ActionChains(self.driver).key_down(Keys.CONTROL).send_keys("a").key_up(Keys.CONTROL).send_keys(Keys.DELETE).perform()
        if value:
            self.keys(value)

    def form_of(self, button_text: str) -> tuple[WebElement, WebElement]:
        """The form in <main> whose submit button reads button_text (as shown), and that button."""
        # One script, not a round trip to the browser for each button's text and then its form.
        found = self.driver.execute_script(
            "const button = [...document.querySelectorAll('main form button[type=submit]')]"
            ".find((b) => b.innerText.trim() === arguments[0]);"
            "return button ? [button.form, button] : null;", button_text)
        if not found:
            raise AssertionError(f"no form with a {button_text!r} button on {self.path}")
        return found[0], found[1]

    # what the page says

    def header_user(self) -> str | None:
        found = self.find_all("header.site-header .who")
        return found[0].text.strip() if found else None

    def nav_labels(self) -> list[str]:
        return [a.text.strip() for a in self.find_all("header.site-header nav a")]

    def flash(self) -> str:
        found = self.find_all("main .flash")
        return found[0].text.strip() if found else ""

    def h1(self) -> str:
        return self.find("main h1").text.strip()

    def assert_page_ok(self) -> None:
        # innerText is the text as shown, like WebElement.text, without its script's cost on a long page.
        body = self.driver.execute_script("return document.body.innerText")
        assert "Something went wrong on our side" not in body, f"server error page at {self.path}"
        assert self.driver.title.strip(), f"empty <title> at {self.path}"
        assert self.exists("main h1"), f"no <h1> in <main> at {self.path}"

    # accounts

    def sign_in(self, email: str, password: str = DEMO_PASSWORD, expect_success: bool = True,
                here: bool = False) -> None:
        """Signs in through the form: on /signin, or on the sign-in page already shown (here=True)."""
        if not here:
            self.open("/signin")
        form, button = self.form_of("Sign in")
        self.fill(form, {"email": email, "password": password})
        self.submit_and_wait(button)
        if expect_success:
            assert self.header_user(), f"not signed in as {email} after /signin (now at {self.path}: {self.flash()!r})"

    def sign_out(self) -> None:
        buttons = [b for b in self.find_all("header.site-header form button") if b.text.strip() == "Sign out"]
        assert buttons, f"no 'Sign out' button in the header at {self.path}"
        self.submit_and_wait(buttons[0])

    def sign_up(self, kind: str, name: str, email: str, password: str, organization: str = "") -> None:
        """Signs up, opens the confirmation link from the e-mail and signs in, as a new user does."""
        self.submit_sign_up(kind, name, email, password, organization)
        assert self.h1() == "Check your inbox", f"sign-up should ask to confirm the address, not show {self.h1()!r}"
        self.open(mailed_link(email, "/email/verify/"))
        assert "is confirmed" in self.flash(), f"the confirmation link did not work: {self.flash()!r}"
        self.sign_in(email, password, here=True)

    def submit_sign_up(self, kind: str, name: str, email: str, password: str, organization: str = "") -> None:
        self.open(f"/signup?kind={kind}")
        form, button = self.form_of("Create account")
        radio = form.find_element(By.CSS_SELECTOR, f"input[type=radio][name=kind][value={kind}]")
        # Chose by clicking its label, as a person would.
        self.activate(form.find_element(By.CSS_SELECTOR, f"label[for='{radio.get_attribute('id')}']"))
        assert radio.is_selected()
        self.fill(form, {"name": name, "email": email, "password": password, "organization": organization})
        self.submit_and_wait(button)

    # accessibility

    def axe(self) -> dict:
        if not self.driver.execute_script("return typeof window.axe === 'object' && typeof window.axe.run === 'function'"):
            self.driver.execute_script(self.axe_source)
        result = self.driver.execute_async_script(_RUN_AXE)
        if result.get("error"):
            raise AssertionError(f"axe-core failed on {self.path}: {result['error']}")
        return result

    def assert_accessible(self, what: str = "", screenshot: bool = False) -> None:
        """No page error, and axe-core finds no violation, at 1280 px and again at 390×844; at 360
        and 390 px the page must be no wider than the screen (nothing makes a phone scroll sideways). With
        `screenshot` and TRYOUT_SCREENSHOTS set, each width is saved there as <what>-<width>.png."""
        self.assert_page_ok()
        if not self.checks_markup:
            return
        label = f"{what} ({self.path})" if what else self.path
        self.assert_axe_clean(label)
        size = self.driver.get_window_size()
        if screenshot:
            self.screenshot(what, size["width"])
        try:
            # The narrowest phones in common use are 360 px wide; the suite's phone is 390×844.
            for width in (360, 390):
                self.driver.set_window_size(width, 844)
                wide, screen = self.driver.execute_script(
                    "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
                assert wide <= screen, f"{label} is {wide} px wide on a {screen} px phone screen: it scrolls sideways"
            self.assert_axe_clean(f"{label}, at 390 px")
            if screenshot:
                self.screenshot(what, 390)
        finally:
            self.driver.set_window_size(size["width"], size["height"])

    def assert_axe_clean(self, label: str) -> None:
        result = self.axe()
        violations = result["violations"]
        assert not violations, (
            f"axe-core {result['version']} found {len(violations)} violation(s) on {label}:\n"
            + format_violations(violations)
        )

    def screenshot(self, what: str, width: int) -> None:
        folder = os.environ.get("TRYOUT_SCREENSHOTS")
        if not folder:
            return
        os.makedirs(folder, exist_ok=True)
        name = re.sub(r"[^a-z0-9]+", "-", what.lower()).strip("-")
        self.driver.save_screenshot(os.path.join(folder, f"{name}-{width}.png"))


@pytest.fixture
def site(driver: WebDriver, base_url: str, axe_source: str) -> Site:
    """A fresh, signed-out visitor: cookies of earlier tests are dropped."""
    driver.get(base_url + "/healthz")
    driver.delete_all_cookies()
    return Site(driver, base_url, axe_source, keyboard_only=os.environ.get("TRYOUT_KEYBOARD_ONLY") == "1",
                checks_markup=os.environ.get("TRYOUT_CHECK_MARKUP", "1") == "1")


@pytest.fixture
def keyboard_site(site: Site) -> Site:
    """The same visitor without a mouse: see Site.keyboard_only."""
    site.keyboard_only = True
    return site


def mailed_link(email: str, prefix: str) -> str:
    """The path of the newest link starting `prefix` in e-mail logged to `email` by the server."""
    log = os.environ.get("TRYOUT_SERVER_LOG")
    assert log, "TRYOUT_SERVER_LOG is not set: the tests read e-mailed links from the server's log"
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        text = pathlib.Path(log).read_text(encoding="utf-8", errors="replace")
        start = text.rfind(f"mail to {email}:")
        if start >= 0 and prefix in text[start:]:
            rest = text[start:][text[start:].index(prefix):]
            return rest.split()[0]
        assert time.monotonic() < deadline, f"no e-mail to {email} with a {prefix} link in {log}"
        time.sleep(POLL_SECONDS)


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


def unique_email(prefix: str) -> str:
    return f"{unique(prefix)}@browser-tests.test"


NEW_PASSWORD = "lantern orchard " + uuid.uuid4().hex[:6]


@pytest.fixture(scope="session")
def project_path(driver: WebDriver, base_url: str) -> str:
    """A project page, taken from a link on the home page as visitors see it."""
    driver.get(base_url + "/healthz")
    driver.delete_all_cookies()
    driver.get(base_url + "/")
    links = driver.find_elements(By.CSS_SELECTOR, "main a[href^='/projects/']")
    assert links, "the home page links to no project: is the demo data loaded?"
    return urlsplit(links[0].get_attribute("href")).path
