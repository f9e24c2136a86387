"""What a person does in a real browser, and axe-core on every page they see.

Each test starts signed out with no cookies (the `site` fixture); see conftest.py for how to run.
Not covered: /password/reset/{token} and /invitations/{token}, whose tokens only reach the mail log.
"""

from __future__ import annotations

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from conftest import (
    ADMIN, CANDIDATE, DEMO_ORG, MANAGER, NEW_PASSWORD, OWNER, PARTNER_ORG, PARTNER_STAFF, Site, unique, unique_email,
    wait,
)


# --- journeys ---------------------------------------------------------------------------------------


def test_candidate_signs_up_and_lands_signed_in(site: Site) -> None:
    name = f"Browser Candidate {unique('c')}"
    site.sign_up("candidate", name, unique_email("candidate"), NEW_PASSWORD)

    assert site.path == "/profile/start", f"a new candidate should start with their profile, not {site.path}"
    assert site.header_user() == name
    assert "Settings" in site.nav_labels() and "Sign in" not in site.nav_labels()
    site.assert_accessible("landing page after a candidate signs up")


def test_employer_signs_up_creates_organization_and_invites(site: Site) -> None:
    name = f"Browser Employer {unique('e')}"
    org_name = f"Browser Test Org {unique('o')}"
    site.sign_up("employer", name, unique_email("employer"), NEW_PASSWORD, organization=org_name)

    assert site.path.startswith("/orgs/") and site.path.endswith("/members"), \
        f"a new employer should land on /orgs/{{slug}}/members, not {site.path}"
    assert site.header_user() == name
    assert site.h1() == f"{org_name}: members"
    assert org_name in site.nav_labels(), "the new organization should be in the navigation"
    assert "(you)" in site.find("main table").text
    site.assert_accessible("members page of a new organization")

    invitee = unique_email("invitee")
    form, button = site.form_of("Send invitation")
    site.fill(form, {"email": invitee})
    site.submit_and_wait(button)

    assert site.path.endswith("/members")
    assert f"Invitation sent to {invitee}" in site.flash()
    pending = site.find("main").text
    assert invitee in pending, "the invitation should be listed under Pending invitations"
    # Each pending invitation has a Revoke button that names the invitation for screen readers.
    revokes = [b for b in site.find_all("main form button") if b.get_attribute("textContent") == f"Revoke invitation for {invitee}"]
    assert revokes, "each pending invitation has a Revoke button"
    site.assert_accessible("members page with a pending invitation")


def test_invalid_invitation_shows_errors_accessibly(site: Site) -> None:
    site.sign_up("employer", "Browser Inviter", unique_email("inviter"), NEW_PASSWORD,
                 organization=f"Browser Invite Org {unique('o')}")
    form, button = site.form_of("Send invitation")
    site.fill(form, {"email": "not-an-address"})
    site.driver.execute_script("arguments[0].noValidate = true", form)  # let the server judge it
    site.submit_and_wait(button)

    assert site.exists("main #error-summary"), "an invalid invitation should show the error summary"
    assert site.find("#field-email").get_attribute("aria-invalid") == "true"
    site.assert_accessible("members page with invitation errors")


def test_sign_out_then_sign_in_again(site: Site) -> None:
    name = f"Browser Returner {unique('r')}"
    email = unique_email("returner")
    site.sign_up("candidate", name, email, NEW_PASSWORD)
    assert site.header_user() == name

    site.sign_out()
    assert site.path == "/"
    assert site.header_user() is None
    assert "Sign in" in site.nav_labels()
    site.open("/settings")
    assert site.path.startswith("/signin"), "signed out, /settings should send you to sign in"
    assert "next=" in site.path

    site.sign_in(email, NEW_PASSWORD, here=True)
    assert site.header_user() == name
    assert site.path == "/settings", "sign-in should go back to the page that asked for it (next=)"


def test_wrong_password_shows_an_error(site: Site) -> None:
    email = unique_email("forgetful")
    site.sign_up("candidate", "Browser Forgetful", email, NEW_PASSWORD)
    site.sign_out()

    site.sign_in(email, "not the password at all", expect_success=False)
    assert site.header_user() is None
    alert = site.find("main [role=alert]")
    assert "not right" in alert.text
    assert site.find("#field-email").get_attribute("value") == email, "the e-mail address is kept"
    assert site.find("#field-password").get_attribute("value") == "", "the password is never echoed"
    site.assert_accessible("sign-in page with a wrong password")


def test_first_tab_focuses_the_skip_link(site: Site) -> None:
    site.open("/")
    ActionChains(site.driver).send_keys(Keys.TAB).perform()
    focused = site.driver.switch_to.active_element
    assert focused.tag_name == "a" and focused.text.strip() == "Skip to main content", \
        f"first Tab focused <{focused.tag_name}> {focused.text!r}"
    assert focused.get_attribute("href").endswith("#main")
    rect = site.driver.execute_script("const r = arguments[0].getBoundingClientRect(); return [r.left, r.top, r.width, r.height]", focused)
    assert rect[0] >= 0 and rect[1] >= 0 and rect[2] > 0 and rect[3] > 0, f"the focused skip link is off screen: {rect}"

    ActionChains(site.driver).send_keys(Keys.ENTER).perform()
    assert site.driver.execute_script("return document.activeElement.id") == "main", \
        "following the skip link should move focus to <main>"


def test_empty_sign_up_is_stopped_by_the_browser(site: Site) -> None:
    site.open("/signup")
    form, button = site.form_of("Create account")
    button.click()
    assert site.path == "/signup", "required fields should stop an empty form in the browser"
    assert site.driver.execute_script("return document.activeElement.name") == "name", \
        "the browser should focus the first missing field"


# --- axe on every page ------------------------------------------------------------------------------

SIGNED_OUT_PAGES = [
    "/",
    "/signin",
    "/signup",
    "/signup?kind=employer",
    "/password/forgot",
    f"/orgs/{DEMO_ORG}",
    "/projects",
    "/projects?q=analysis&minPay=100&currency=USD&sort=pay",
    "/projects?limit=2",
    "/projects?minHours=lots",
]


@pytest.mark.parametrize("path", SIGNED_OUT_PAGES)
def test_signed_out_page_is_accessible(site: Site, path: str) -> None:
    site.open(path)
    assert site.header_user() is None
    site.assert_accessible("signed out")


def test_project_page_is_accessible(site: Site, project_path: str) -> None:
    site.open(project_path)
    assert site.find("main a[href^='/orgs/']"), "a project links to its organization"
    site.assert_accessible("project page, signed out")
    site.sign_in(CANDIDATE)
    site.open(project_path)
    assert "Your match:" in site.find("main").text, "a candidate sees how their profile matches"
    site.assert_accessible("project page, signed in as a candidate")


def test_not_found_page(site: Site) -> None:
    site.open("/no-such-page")
    assert site.h1() == "Page not found"
    assert site.driver.title.startswith("Page not found")
    site.assert_accessible("404 signed out")
    site.sign_in(CANDIDATE)
    site.open("/no-such-page")
    assert site.h1() == "Page not found"
    site.assert_accessible("404 signed in")


# (who signs in, path, what the page must show)
SIGNED_IN_PAGES = [
    (OWNER, "/", "What needs you now"),
    (OWNER, f"/orgs/{DEMO_ORG}", "Members and invitations"),
    (OWNER, f"/orgs/{DEMO_ORG}/members", "Invite someone"),
    (OWNER, f"/orgs/{DEMO_ORG}/audit", "audit log"),
    (OWNER, "/settings", "API tokens"),
    (OWNER, f"/orgs/{DEMO_ORG}/settings", "Pay floor"),
    (PARTNER_STAFF, f"/orgs/{PARTNER_ORG}/students", "Invite students"),
    (CANDIDATE, "/settings", "Schools"),
    (CANDIDATE, "/profile", "Your profile"),
    (CANDIDATE, "/profile/demographics", "Voluntary questions"),
    (CANDIDATE, "/profile/recommended", "Match "),
    (MANAGER, f"/orgs/{DEMO_ORG}/members", "members"),
    (MANAGER, f"/orgs/{DEMO_ORG}/projects", "Write a new brief"),
    (MANAGER, f"/orgs/{DEMO_ORG}/projects/new", "Start from a template"),
    (MANAGER, f"/orgs/{DEMO_ORG}/projects/new?template=survey-design", "Started from the Survey design template"),
    (CANDIDATE, "/", "Recommended for you"),
    (CANDIDATE, "/settings", "Signed in as ada@candidates.test"),
    (CANDIDATE, f"/orgs/{DEMO_ORG}", "Northwind"),
    # Not a member: answered like an unknown address, so the page does not reveal who is a member.
    (CANDIDATE, f"/orgs/{DEMO_ORG}/members", "Page not found"),
    (ADMIN, "/admin/organizations", "Organizations"),
    (ADMIN, "/admin/audit", "audit log"),
    (ADMIN, "/admin/jobs", "Jobs by kind and state"),
]


@pytest.mark.parametrize(("email", "path", "shows"), SIGNED_IN_PAGES,
                         ids=[f"{e.split('@')[0]}:{p}" for e, p, _ in SIGNED_IN_PAGES])
def test_signed_in_page_is_accessible(site: Site, email: str, path: str, shows: str) -> None:
    site.sign_in(email)
    site.open(path)
    assert site.path == path, f"{email} was sent from {path} to {site.path}"
    assert shows.lower() in site.find("main").text.lower(), f"{path} should show {shows!r}"
    site.assert_accessible(f"signed in as {email}")


def test_settings_with_tokens_and_new_secret(site: Site) -> None:
    site.sign_up("candidate", "Browser Token Maker", unique_email("tokens"), NEW_PASSWORD)
    site.open("/settings")
    assert "You have no API tokens." in site.find("main").text
    site.assert_accessible("settings without tokens")

    for token_name in (f"reporting {unique('t')}", f"deploy {unique('t')}"):
        form, button = site.form_of("Create token")
        site.fill(form, {"tokenName": token_name})
        site.submit_and_wait(button)
        secret = site.find("#new-token").text.strip()
        assert len(secret) > 20, "the new token's secret is shown once"
        assert token_name in site.find("main table").text
    assert len(site.find_all("main table tbody tr")) == 2
    site.assert_accessible("settings showing a new token secret and the token table")

    site.open("/settings")
    assert not site.exists("#new-token"), "the secret is shown only once"
    site.assert_accessible("settings with a token table")


def test_settings_errors_are_accessible(site: Site) -> None:
    site.sign_up("candidate", "Browser Wrong Current", unique_email("settings"), NEW_PASSWORD)
    site.open("/settings")
    form, button = site.form_of("Change password")
    site.fill(form, {"current": "not my password", "password": "short"})
    site.submit_and_wait(button)
    assert site.exists("main #error-summary")
    assert site.find("#field-current").get_attribute("aria-invalid") == "true"
    site.assert_accessible("settings with password errors")


def test_sign_up_errors_are_shown_accessibly(site: Site) -> None:
    site.open("/signup")
    form, button = site.form_of("Create account")
    site.driver.execute_script("arguments[0].noValidate = true", form)  # skip the browser's checks
    site.submit_and_wait(button)

    assert site.path == "/signup"
    summary = site.find("main #error-summary")
    assert summary.get_attribute("role") == "alert"
    for field in ("name", "email", "password"):
        assert site.find(f"#field-{field}").get_attribute("aria-invalid") == "true", f"{field} should be marked invalid"
        assert site.find_all(f"#error-summary a[href='#field-{field}']"), f"the summary should link to {field}"
    site.assert_accessible("sign-up form re-shown with errors")


def test_employer_sign_up_without_organization_shows_error(site: Site) -> None:
    site.open("/signup?kind=employer")
    form, button = site.form_of("Create account")
    site.fill(form, {"name": "Browser No Org", "email": unique_email("noorg"), "password": NEW_PASSWORD})
    site.submit_and_wait(button)
    assert site.path == "/signup"
    assert site.find("#field-organization").get_attribute("aria-invalid") == "true"
    assert site.find("input[name=kind][value=employer]").is_selected(), "the chosen kind is kept"
    site.assert_accessible("employer sign-up without an organization name")


def test_forgot_password_pages_are_accessible(site: Site) -> None:
    site.open("/password/forgot")
    form, button = site.form_of("Send the link")
    site.fill(form, {"email": "nonsense"})
    site.driver.execute_script("arguments[0].noValidate = true", form)
    site.submit_and_wait(button)
    assert site.find("#field-email").get_attribute("aria-invalid") == "true"
    site.assert_accessible("forgot-password form with an error")

    form, button = site.form_of("Send the link")
    site.fill(form, {"email": CANDIDATE})
    site.submit_and_wait(button)
    assert site.path == "/signin"
    assert "If an account uses that address" in site.flash()
    site.assert_accessible("sign-in page with the reset-link notice")


# --- names that repeat ------------------------------------------------------------------------------
# Every per-row form carries an aria-label, which makes it a "form" landmark; two landmarks with the
# same name are an axe violation (landmark-unique), so the labels must stay unique when names repeat.


def test_settings_with_two_tokens_of_the_same_name(site: Site) -> None:
    """Two tokens may share a name ("ci"); their Revoke forms must still be told apart."""
    site.sign_up("candidate", "Browser Same Names", unique_email("samename"), NEW_PASSWORD)
    site.open("/settings")
    for _ in range(2):
        form, button = site.form_of("Create token")
        site.fill(form, {"tokenName": "ci"})
        site.submit_and_wait(button)
    site.open("/settings")
    assert len(site.find_all("main table tbody tr")) == 2
    site.assert_accessible("settings with two tokens named alike")


def test_members_page_with_two_invitations_to_the_same_address(site: Site) -> None:
    """Inviting an address again (a resend, another role) leaves two pending invitations; their
    Revoke forms must still be told apart."""
    site.sign_up("employer", "Browser Reinviter", unique_email("reinviter"), NEW_PASSWORD,
                 organization=f"Browser Reinvite Org {unique('o')}")
    invitee = unique_email("twice")
    for _ in range(2):
        form, button = site.form_of("Send invitation")
        site.fill(form, {"email": invitee})
        site.submit_and_wait(button)
        assert f"Invitation sent to {invitee}" in site.flash()
    site.assert_accessible("members page with two invitations to one address")


def test_admin_organizations_with_two_organizations_of_the_same_name(site: Site) -> None:
    """Organization names need not be unique (the slugs are); the admin's per-row forms must be.

    Runs last on purpose: once two organizations share a name the admin page keeps them, so until
    the page is fixed the plain admin check above fails too on later runs against the same data.
    """
    org_name = f"Browser Twin Org {unique('o')}"
    for _ in range(2):
        site.driver.delete_all_cookies()
        site.sign_up("employer", "Browser Twin Owner", unique_email("twin"), NEW_PASSWORD, organization=org_name)
        assert site.path.endswith("/members")
    site.driver.delete_all_cookies()
    site.sign_in(ADMIN)
    site.open("/admin/organizations")
    assert [link.text for link in site.find_all("main table tbody th a")].count(org_name) == 2
    site.assert_accessible("admin organizations with two organizations named alike")


def test_skill_field_suggests_esco_names_as_you_type(site: Site) -> None:
    site.open("/projects")
    site.activate(site.find("main details summary"))
    field = site.find("#field-skill")
    site.type_into(field, "javascr")
    wait(site.driver).until(
        lambda d: site.exists("#esco-skills option"), "no suggestions appeared for 'javascr'")
    assert site.find("#esco-skills option").get_attribute("value") == "JavaScript"
    # A misspelt name still finds it (the list is emptied first, so what fills it answers the new text).
    site.driver.execute_script("document.getElementById('esco-skills').replaceChildren()")
    site.type_into(field, "javscript")
    wait(site.driver).until(
        lambda d: [o.get_attribute("value") for o in site.find_all("#esco-skills option")][:1] == ["JavaScript"],
        "no suggestion for the misspelt 'javscript'")
    site.assert_accessible("marketplace with skill suggestions")


def test_partner_staff_invite_errors_are_accessible(site: Site) -> None:
    site.sign_in(PARTNER_STAFF)
    site.open(f"/orgs/{PARTNER_ORG}/students")
    assert "ada@candidates.test" in site.find("main table").text, "the demo students are listed"
    form, button = site.form_of("Send invitations")
    site.fill(form, {"emails": "not-an-address"})
    site.submit_and_wait(button)
    assert "These are not e-mail addresses" in site.find("main").text
    site.assert_accessible("students page with an error")
    form, button = site.form_of("Send invitations")
    site.fill(form, {"emails": unique_email("student")})
    site.submit_and_wait(button)
    assert "Invitation sent" in site.flash()


# (who signs in, path) for the dark-scheme check: the main pages of each role.
DARK_PAGES = [(None, "/"), (None, "/projects"), (None, "/signin"), (MANAGER, "/"), (MANAGER, f"/orgs/{DEMO_ORG}/projects/new"),
              (CANDIDATE, "/"), (CANDIDATE, "/profile"), (PARTNER_STAFF, f"/orgs/{PARTNER_ORG}/students"), (ADMIN, "/admin/jobs")]


def test_pages_pass_axe_in_the_dark_scheme(site: Site, project_path: str) -> None:
    """The colour tokens switch with prefers-color-scheme; contrast must hold in both schemes."""
    site.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": "dark"}]})
    try:
        assert site.driver.execute_script("return matchMedia('(prefers-color-scheme: dark)').matches")
        signed_in = None
        for email, path in [(None, project_path)] + DARK_PAGES:
            if email != signed_in:
                site.driver.delete_all_cookies()
                if email:
                    site.sign_in(email)
                signed_in = email
            site.open(path)
            background = site.driver.execute_script("return getComputedStyle(document.body).backgroundColor")
            assert background == "rgb(17, 20, 24)", f"{path} is not in the dark scheme ({background})"
            site.assert_accessible(f"{path} in the dark scheme")
    finally:
        site.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})
