"""Two reviewers score one version against the rubric, each without seeing the other's scores
before handing in their own; the manager decides seeing both; the candidate reads the result.
The review pages are checked by axe at desktop width and at 390 px."""
from __future__ import annotations

from selenium.webdriver.common.by import By

from conftest import DEMO_ORG, MANAGER, OWNER, Site, unique
from test_applying import publish_project
from test_engagement import PASSWORD, choose_levels, started_engagement, tick_own_items

# The demo employer's reviewer, and its admin as the second reviewer (an admin may run the
# engagement, so sees who did the work; only the reviewer reviews blind).
REVIEWERS = {"reviewer@northwind.test": "(Reviewer)", "admin@northwind.test": "(Admin)"}


def choose_reviewers(site: Site, project_path: str) -> None:
    """The hiring manager asks two members to score each version, on the project's review settings."""
    site.sign_in(MANAGER)
    site.open(project_path)
    site.submit_and_wait(next(a for a in site.find_all("main a") if a.text.strip() == "Review settings"))
    assert site.h1().startswith("Reviews of")
    site.assert_accessible("review settings", screenshot=True)
    form, save = site.form_of("Save review settings")
    site.driver.execute_script("arguments[0].noValidate = true", form)  # the server's check, not the browser's
    site.fill(form, {"panelSize": "0"})
    site.submit_and_wait(save)
    assert "Choose 1 to 5 reviewers" in site.find("main .error-summary").text
    site.assert_accessible("review settings with an error")
    form, save = site.form_of("Save review settings")
    site.fill(form, {"panelSize": "2"})
    for suffix in REVIEWERS.values():
        label = next(l for l in form.find_elements(By.CSS_SELECTOR, "label") if l.text.strip().endswith(suffix))
        box = form.find_element(By.ID, label.get_attribute("for"))
        if not box.is_selected():
            site.activate(label)
    site.submit_and_wait(save)
    assert "Review settings saved" in site.flash()
    site.sign_out()


def hand_in(site: Site, engagement: str, email: str) -> str:
    site.sign_in(email, PASSWORD)
    tick_own_items(site, engagement)
    site.open(engagement + "/board")
    site.submit_and_wait(site.find("main .board a"))
    milestone = site.path
    form, hand = site.form_of("Hand in this version")
    site.fill(form, {"note": "Cohort analysis, first cut", "links.0": "https://example.org/notebook"})
    site.submit_and_wait(hand)
    assert site.flash() == "Version 1 handed in."
    site.sign_out()
    return milestone


def score(site: Site, email: str, title: str, levels: list[str], comment: str, unseen: str | None, blind: bool) -> None:
    """A reviewer finds the version in the header's link, scores it, and only then sees the panel."""
    site.sign_in(email)
    link = next(a for a in site.find_all("header .site-nav a") if a.text.strip().startswith("Reviews "))
    site.submit_and_wait(link)
    assert site.h1() == "Versions to score"
    site.assert_accessible("versions to score", screenshot=True)
    site.submit_and_wait(next(a for a in site.find_all("main .cards a") if a.text.startswith(title)))
    page = site.find("main").text
    assert ("Blind review" in page) == blind, "reviewers see the applicant's handle by default, managers the person"
    if unseen:
        assert unseen not in page, "another reviewer's comment shows before this reviewer has scored"
    assert not site.exists("main table[aria-label], main article[aria-label^='Scorecard of']")
    site.assert_accessible("review page before scoring", screenshot=True)
    form, hand = site.form_of("Hand in my scorecard")
    choose_levels(site, form, levels)
    site.fill(form, {"comments.0": comment, "note": f"{comment} overall"})
    site.submit_and_wait(hand)
    assert site.flash() == "Your scorecard is in."
    assert comment in site.find("main").text
    site.assert_accessible("review page after scoring", screenshot=True)
    site.sign_out()


def test_two_reviewers_score_independently_the_manager_decides_the_candidate_reads(site: Site) -> None:
    title = f"Browser review brief {unique('r')}"
    project_path = publish_project(site, title)
    choose_reviewers(site, project_path)
    email, engagement = started_engagement(site, project_path)
    milestone = hand_in(site, engagement, email)

    first, second = list(REVIEWERS)
    score(site, first, title, ["3", "3", "2"], "Clean joins", unseen=None, blind=True)
    score(site, second, title, ["4", "2", "2"], "Tidy notebook", unseen="Clean joins", blind=False)

    site.sign_in(MANAGER)
    site.open(milestone)
    main = site.find("main").text
    assert "Clean joins" in main and "Tidy notebook" in main and "2 of 2 reviewers have scored." in main
    site.assert_accessible("milestone with the panel's scores", screenshot=True)
    form, send = site.form_of("Send feedback")
    site.fill(form, {"decision": "accept", "feedback": "Clear and complete."})
    site.submit_and_wait(send)
    assert site.flash() == "Accepted."
    site.sign_out()

    site.sign_in(email, PASSWORD)
    site.open(milestone)
    main = site.find("main").text
    assert "How version 1 was judged" in main and "Clean joins" in main and "Tidy notebook overall" in main
    assert "Reviewer)" not in main
    site.assert_accessible("the candidate's result", screenshot=True)
    site.sign_out()

    # The owner reads how far the reviewers agree: the table and the chart, also without colour.
    site.sign_in(OWNER)
    site.open(f"/orgs/{DEMO_ORG}/calibration")
    assert site.h1().startswith("Reviewer calibration")
    assert site.exists("main table") and site.exists("main figure svg[role='img']")
    site.assert_accessible("the organization's reviewer calibration", screenshot=True)
    site.open(project_path.split("?")[0] + "/calibration")
    assert site.exists("main table")
    site.assert_accessible("the project's reviewer calibration", screenshot=True)
