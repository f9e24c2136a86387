"""A candidate disputes a version sent back for changes, with the version as evidence; the
employer answers; a platform admin overturns it from the disputes desk and the candidate reads the
decision. Every dispute page is checked by axe at desktop width and at 390 px."""
from __future__ import annotations

from selenium.webdriver.common.by import By

from conftest import ADMIN, MANAGER, Site, unique
from test_applying import publish_project
from test_engagement import PASSWORD, feedback, started_engagement
from test_reviews import hand_in


def test_candidate_disputes_a_decision_employer_answers_admin_overturns(site: Site) -> None:
    project_path = publish_project(site, f"Browser dispute brief {unique('d')}")
    email, engagement = started_engagement(site, project_path)
    milestone = hand_in(site, engagement, email)
    site.sign_in(MANAGER)
    feedback(site, milestone, "request_changes", "The cohort table is missing.")
    site.sign_out()

    # The candidate finds disputes from the engagement's overview and opens one.
    site.sign_in(email, PASSWORD)
    site.open(engagement)
    site.submit_and_wait(next(a for a in site.find_all("main a") if a.text.strip() == "disputes"))
    assert site.h1().startswith("Disputes on")
    site.assert_accessible("an engagement's disputes", screenshot=True)
    form, open_it = site.form_of("Open the dispute")
    site.driver.execute_script("arguments[0].noValidate = true", form)
    site.submit_and_wait(open_it)
    assert "Choose what the dispute is about." in site.find("main .error-summary").text
    site.assert_accessible("the dispute form with errors")
    form, open_it = site.form_of("Open the dispute")
    form.find_element(By.CSS_SELECTOR, "label[for='subject-version_decision']").click()
    options = [o.get_attribute("value") for o in form.find_elements(By.CSS_SELECTOR, "select[name='submissionID'] option")]
    site.fill(form, {"submissionID": options[-1], "statement": "The table is on page 2 of the notebook."})
    evidence = next(l for l in form.find_elements(By.CSS_SELECTOR, "fieldset label") if l.text.startswith("Version 1 of"))
    evidence.click()
    site.submit_and_wait(open_it)
    assert site.flash().startswith("The dispute is open.")
    dispute = site.path
    assert "The table is on page 2" in site.find("main").text and "Version 1 of" in site.find("main").text
    site.assert_accessible("the candidate's dispute", screenshot=True)
    site.sign_out()

    site.sign_in(MANAGER)
    site.open(dispute)
    site.assert_accessible("a dispute waiting for the employer's answer", screenshot=True)
    form, send = site.form_of("Send the answer")
    site.fill(form, {"answer": "Page 2 has a chart, not the table."})
    site.submit_and_wait(send)
    assert site.flash().startswith("Your answer is in")
    site.sign_out()

    site.sign_in(ADMIN)
    site.open("/admin/disputes")
    assert site.h1() == "Disputes"
    site.assert_accessible("the disputes desk", screenshot=True)
    site.submit_and_wait(next(a for a in site.find_all("main table a") if a.get_attribute("href").endswith(dispute)))
    site.assert_accessible("a dispute as a platform admin decides it", screenshot=True)
    form, decide = site.form_of("Decide")
    form.find_element(By.CSS_SELECTOR, "label[for='outcome-overturned']").click()
    site.fill(form, {"note": "The notebook holds the table the brief asks for."})
    site.submit_and_wait(decide)
    assert site.flash().startswith("The dispute is decided")
    site.sign_out()

    site.sign_in(email, PASSWORD)
    site.open(dispute)
    main = site.find("main").text
    assert "Overturned: the version is accepted" in main and "The notebook holds the table" in main
    site.assert_accessible("a decided dispute", screenshot=True)
    site.open(milestone)
    assert "Accepted" in site.find("main").text
    site.sign_out()
