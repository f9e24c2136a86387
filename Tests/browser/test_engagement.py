"""An accepted place becomes an engagement: both sides sign, onboard, and the work goes through a
round of changes to acceptance. Every engagement page is checked by axe; the calendar feed is parsed
with the `icalendar` package and checked by scripts/check_ics.py."""
from __future__ import annotations

import pathlib
import subprocess
import sys
import tempfile
import urllib.request

from selenium.webdriver.common.by import By

from conftest import DEMO_ORG, MANAGER, OWNER, Site, unique, unique_email
from test_applying import publish_project, shortlist_and_offer

PASSWORD = "amber compass harbour"
ROOT = pathlib.Path(__file__).resolve().parents[2]


def accepted_place(site: Site, project_path: str | None = None) -> tuple[str, str]:
    """A fresh candidate applies to a fresh project (or `project_path`) and accepts the offer; returns (e-mail, engagement path)."""
    project_path = project_path or publish_project(site, f"Browser engagement brief {unique('e')}")
    name = f"Engaged Candidate {unique('c')}"
    email = unique_email("engaged")
    site.sign_up("candidate", name, email, PASSWORD)
    site.open(project_path)
    form, button = site.form_of("Send application")
    site.fill(form, {"answers.0": "Cohorts first."})
    site.submit_and_wait(button)
    site.sign_out()
    shortlist_and_offer(site, project_path, name)
    site.sign_in(email, PASSWORD)
    site.open("/applications")
    site.submit_and_wait(site.find("main table tbody a"))
    _, accept = site.form_of("Accept the offer")
    site.submit_and_wait(accept)
    site.submit_and_wait(site.find("main a.button.primary"))
    site.assert_page_ok()
    return email, site.path


def sign_every_agreement(site: Site, engagement: str) -> None:
    site.open(engagement)
    links = [a.get_attribute("href") for a in site.find_all("main table tbody a")]
    assert len(links) == 2, "a contractor agreement and an IP assignment"
    for link in links:
        site.driver.get(link)
        form, sign = site.form_of("Sign")
        site.activate(form.find_element(By.NAME, "consent"))
        site.submit_and_wait(sign)
        assert site.flash() == "Signed."
    site.assert_accessible("signed agreement")


def tick_own_items(site: Site, engagement: str) -> None:
    site.open(engagement)
    while site.exists("main .checklist button"):
        site.submit_and_wait(site.find("main .checklist button"))
        assert site.flash() == "Ticked off."


def employer_signs_and_onboards(site: Site, engagement: str) -> None:
    """The hiring manager signs every agreement and ticks the employer's onboarding items."""
    site.sign_in(MANAGER)
    sign_every_agreement(site, engagement)
    tick_own_items(site, engagement)
    site.sign_out()


def started_engagement(site: Site, project_path: str) -> tuple[str, str]:
    """A fresh candidate's accepted place on the project, signed by both sides and onboarded by the
    employer (the candidate ticks their own items when handing in); returns (e-mail, engagement path)."""
    email, engagement = accepted_place(site, project_path)
    sign_every_agreement(site, engagement)
    site.sign_out()
    employer_signs_and_onboards(site, engagement)
    return email, engagement


def completed_engagement(site: Site, project_path: str) -> tuple[str, str]:
    """A fresh candidate hands in every deliverable once and the manager accepts each with level 3
    on every criterion: the engagement completes. Returns (e-mail, engagement path), signed out."""
    email, engagement = started_engagement(site, project_path)
    site.sign_in(email, PASSWORD)
    tick_own_items(site, engagement)
    site.open(engagement + "/board")
    milestones = [a.get_attribute("href").replace(site.base_url, "") for a in site.find_all("main .board a")]
    assert len(milestones) == 3
    for milestone in milestones:
        site.open(milestone)
        form, hand = site.form_of("Hand in this version")
        site.fill(form, {"links.0": "https://example.org/work"})
        site.submit_and_wait(hand)
        assert site.flash() == "Version 1 handed in."
    site.sign_out()
    site.sign_in(MANAGER)
    for milestone in milestones:
        feedback(site, milestone, "accept", "Good.")
        assert site.flash() == "Accepted."
    site.sign_out()
    return email, engagement


def choose_levels(site: Site, form, levels: list[str]) -> None:
    """Picks a level per criterion by clicking its label, as a person would."""
    for index, level in enumerate(levels):
        radio = form.find_element(By.CSS_SELECTOR, f"input[type=radio][name='levels.{index}'][value='{level}']")
        site.activate(form.find_element(By.CSS_SELECTOR, f"label[for='{radio.get_attribute('id')}']"))
        assert radio.is_selected()


def feedback(site: Site, milestone: str, decision: str, words: str) -> None:
    """The manager, who reviews alone on a project without reviewers, scores each criterion and decides."""
    site.open(milestone)
    form, send = site.form_of("Send scorecard and decision")
    choose_levels(site, form, ["3", "3", "3"])
    site.fill(form, {"decision": decision, "feedback": words})
    site.submit_and_wait(send)


def test_sign_onboard_submit_change_resubmit_accept(site: Site) -> None:
    email, engagement = accepted_place(site)
    assert "Sign “Contractor agreement”" in site.find("main .next-step").text
    site.assert_accessible("engagement overview while contracting")
    site.open(site.find("main table tbody a").get_attribute("href").replace(site.base_url, ""))
    form, sign = site.form_of("Sign")
    site.submit_and_wait(sign)  # without consent
    assert "Tick the box" in site.find("main .error-summary").text
    # After a refused submit the keyboard starts at the list of problems, and the checkbox names its error.
    assert site.driver.execute_script("return document.activeElement.id") == "error-summary"
    consent = site.find("#field-consent")
    assert consent.get_attribute("aria-invalid") == "true"
    assert "Tick the box" in site.find("#" + consent.get_attribute("aria-describedby")).text
    site.assert_accessible("agreement with a signing error")
    sign_every_agreement(site, engagement)
    site.sign_out()
    employer_signs_and_onboards(site, engagement)

    site.sign_in(email, PASSWORD)
    tick_own_items(site, engagement)
    assert "Working" in site.find("main .meta").text
    site.open(engagement + "/board")
    site.assert_accessible("board")
    site.submit_and_wait(site.find("main .board a"))
    milestone = site.path
    site.assert_accessible("milestone before any version")
    with tempfile.NamedTemporaryFile(suffix=".pdf", delete=False) as handle:
        handle.write(b"%PDF-1.4\n1 0 obj\n<< >>\nendobj\ntrailer\n<< >>\n%%EOF\n")
    form, hand_in = site.form_of("Hand in this version")
    files = form.find_element(By.NAME, "files[]")
    if site.keyboard_only:
        site.tab_to(files)  # reachable; the file chooser itself is the system's, outside the page
    files.send_keys(handle.name)
    site.fill(form, {"note": "First cut"})
    site.submit_and_wait(hand_in)
    assert site.flash() == "Version 1 handed in."
    site.assert_accessible("milestone waiting for feedback")
    site.sign_out()

    site.sign_in(MANAGER)
    feedback(site, milestone, "request_changes", "")
    assert "Say what should change." in site.find("main .error-summary").text
    site.assert_accessible("feedback with an error")
    feedback(site, milestone, "request_changes", "Add the cohort table.")
    assert site.flash() == "Changes requested."
    site.sign_out()

    site.sign_in(email, PASSWORD)
    site.open(milestone)
    assert "Add the cohort table." in site.find("main").text
    form, hand_in = site.form_of("Hand in this version")
    site.fill(form, {"links.0": "https://example.org/cohorts"})
    site.submit_and_wait(hand_in)
    assert site.flash() == "Version 2 handed in."
    site.sign_out()

    site.sign_in(MANAGER)
    feedback(site, milestone, "accept", "Clear and complete.")
    assert site.flash() == "Accepted."
    assert "Accepted · due" in site.find("main").text
    site.assert_accessible("accepted milestone")


def test_conversation_pages_and_calendar(site: Site) -> None:
    email, engagement = accepted_place(site)
    site.open(engagement + "/messages")
    form, send = site.form_of("Send")
    site.fill(form, {"body": "Hello, see https://example.org/plan"})
    site.submit_and_wait(send)
    assert site.find("main .thread a").get_attribute("href") == "https://example.org/plan"
    site.assert_accessible("messages")
    site.open(engagement + "/check-ins")
    form, book = site.form_of("Book")
    site.driver.execute_script("arguments[0].noValidate = true", form)
    site.fill(form, {"agenda": "Kickoff"})
    site.submit_and_wait(book)
    assert "like 2026-03-01T14:30" in site.find("main .error-summary").text
    site.assert_accessible("check-in form with errors")
    form, book = site.form_of("Book")
    site.driver.execute_script("arguments[0].value = '2031-05-06T09:30'", form.find_element(By.NAME, "startsAt"))
    site.submit_and_wait(book)
    assert site.flash() == "Check-in booked."
    site.assert_accessible("check-ins")
    site.open(engagement + "/time")
    site.assert_accessible("time log")

    site.open("/settings/calendar")
    site.assert_accessible("calendar settings")
    _, make = site.form_of("Make my calendar address")
    site.submit_and_wait(make)
    address = site.find("main .secret").text.strip()
    site.assert_accessible("calendar address")
    with urllib.request.urlopen(address) as response:
        assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
        feed = response.read()
    import icalendar
    calendar = icalendar.Calendar.from_ical(feed)
    summaries = [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")]
    assert any(s.startswith("Check-in: ") for s in summaries) and any(s.startswith("Due: ") for s in summaries)
    checked = subprocess.run([sys.executable, str(ROOT / "scripts" / "check_ics.py"), "-"], input=feed, capture_output=True)
    assert checked.returncode == 0, checked.stdout.decode() + checked.stderr.decode()
    site.sign_out()

    site.sign_in(OWNER)
    site.open(f"/orgs/{DEMO_ORG}/agreements")
    site.assert_accessible("agreement templates")
    site.submit_and_wait(site.find("main ul a"))
    site.assert_accessible("agreement template")
    site.open(engagement)
    site.assert_accessible("engagement overview for the employer, with the team")
