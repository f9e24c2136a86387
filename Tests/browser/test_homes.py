"""Sign-in lands on the person's own home: what waits for them, each item a link to where it is
done, then their projects, work, students or the platform's queue. Every home is checked by axe at
1280 and 390 px without sideways scrolling; with TRYOUT_SCREENSHOTS set, each is saved as
home-<role>-<width>.png."""
from __future__ import annotations

import pytest

from conftest import ADMIN, CANDIDATE, MANAGER, NEW_PASSWORD, PARTNER_STAFF, Site, mailed_link, unique_email

HOMES = [
    (MANAGER, "manager", "Northwind Analytics: projects"),
    ("reviewer@northwind.test", "reviewer", "Your review queue"),
    (CANDIDATE, "candidate", "Recommended for you"),
    ("bruno@candidates.test", "candidate working", "Your work"),
    (PARTNER_STAFF, "partner staff", "Projects shared with"),
    (ADMIN, "platform admin", "The platform"),
]


@pytest.mark.parametrize(("email", "role", "shows"), HOMES, ids=[role for _, role, _ in HOMES])
def test_sign_in_lands_on_the_home_of_each_role(site: Site, email: str, role: str, shows: str) -> None:
    site.sign_in(email)
    assert site.path == "/", f"{email} should land on their home, not {site.path}"
    assert site.h1().startswith("Welcome, ")
    assert site.find("main section.todo h2").text == "What needs you now"
    assert shows in site.find("main").text
    site.assert_accessible(f"home {role}", screenshot=True)


def click(site: Site, text_starts: str, within: str = "main") -> None:
    links = [a for a in site.find_all(f"{within} a") if a.text.strip().startswith(text_starts)]
    assert links, f"no link starting with {text_starts!r} at {site.path}"
    site.submit_and_wait(links[0])


def test_manager_opens_an_item_from_the_home_in_one_click(site: Site) -> None:
    """The demo's running engagement waits for the employer's signatures: the first item opens the agreement."""
    site.sign_in(MANAGER)
    items = [a.text for a in site.find_all("main .todo a")]
    assert items, "the demo manager has something to do"
    click(site, items[0], within="main .todo")
    assert site.path != "/"
    site.assert_accessible(f"opened from the home: {items[0]}")


def test_partner_staff_see_each_students_activity_from_the_home(site: Site) -> None:
    site.sign_in(PARTNER_STAFF)
    click(site, "Each student")
    assert site.h1().endswith(": students")
    headings = [th.get_attribute("textContent").strip() for th in site.find_all("main table thead th")]
    assert headings[:7] == ["Name", "E-mail", "Joined", "Applications", "Working now", "Completed", "Credentials"]
    site.assert_accessible("students with their activity", screenshot=True)


def test_removing_a_student_asks_first_and_can_be_called_off(site: Site) -> None:
    """Remove is a link to a page of its own that says what happens; "Keep them" changes nothing."""
    site.sign_in(PARTNER_STAFF)
    click(site, "Each student")
    before = len(site.find_all("main table tbody tr"))
    assert before > 0, "the demo school has students"
    click(site, "Remove")
    assert site.h1().startswith("Remove ") and site.h1().endswith("?")
    site.assert_accessible("remove a student confirmation", screenshot=True)
    click(site, "Keep them")
    assert site.h1().endswith(": students")
    assert len(site.find_all("main table tbody tr")) == before


def test_candidate_signs_up_from_a_project_sets_up_and_comes_back(site: Site, project_path: str) -> None:
    """Sign-up from a project: confirm the address, sign in, three profile questions, back to the project."""
    site.open(project_path)
    click(site, "sign up as a candidate")
    email = unique_email("first-steps")
    form, button = site.form_of("Create account")
    site.fill(form, {"name": "Browser First Steps", "email": email, "password": NEW_PASSWORD})
    site.submit_and_wait(button)
    assert site.h1() == "Check your inbox"
    site.open(mailed_link(email, "/email/verify/"))
    site.sign_in(email, NEW_PASSWORD, here=True)
    assert site.path.startswith("/profile/start?next="), f"a new candidate starts with their profile, not {site.path}"
    site.assert_accessible("profile set-up", screenshot=True)
    form, save = site.form_of("Save and go back to the project")
    site.fill(form, {"skill.0.label": "Excel", "skill.0.level": "3", "hoursPerWeek": "10", "timeZone": "Europe/London"})
    site.submit_and_wait(save)
    # "Excel" is not an ESCO name: each near one is a button that puts it in and saves, without script.
    assert "is not an ESCO skill" in site.find("main").text
    assert site.driver.switch_to.active_element.get_attribute("id") == "error-summary"
    site.assert_accessible("profile set-up with a did-you-mean", screenshot=True)
    choices = site.find_all("main button[name='choose.skill.0.label']")
    assert choices, "the refused skill offers the nearest ones as buttons"
    chosen = choices[0].get_attribute("value")
    site.submit_and_wait(choices[0])
    assert site.path == project_path, f"the set-up should end on the project, not {site.path}"
    site.open("/profile")
    assert site.find("input[name='skill.0.label']").get_attribute("value") == chosen
