"""Once every deliverable is accepted, the manager records the final evaluation from the facts of
the record; the candidate reads it (without the hire recommendation) and answers the exit survey
once; the owner sees surveys only in aggregate. Every page is checked by axe at 1280 and 390 px."""
from __future__ import annotations

from selenium.webdriver.common.by import By

from conftest import DEMO_ORG, MANAGER, OWNER, Site, unique
from test_applying import publish_project
from test_engagement import PASSWORD, completed_engagement


def choose(form, name: str, value: str) -> None:
    form.find_element(By.CSS_SELECTOR, f"label[for='{name}-{value}']").click()


def test_manager_evaluates_candidate_reads_and_answers_the_survey(site: Site) -> None:
    project_path = publish_project(site, f"Browser evaluation brief {unique('v')}")
    email, engagement = completed_engagement(site, project_path)
    site.sign_in(MANAGER)
    site.open(engagement)
    site.submit_and_wait(next(a for a in site.find_all("main a") if a.text.strip() == "Record or read the final evaluation"))
    assert site.h1().startswith("Final evaluation")
    assert "67 out of 100" in site.find("main").text
    site.assert_accessible("the final evaluation form", screenshot=True)
    form, record = site.form_of("Record the evaluation")
    site.driver.execute_script("arguments[0].noValidate = true", form)
    site.fill(form, {"overallScore": "80"})
    choose(form, "recommendation", "strong_yes")
    choose(form, "satisfaction", "5")
    site.fill(form, {"summary": "Clear, complete and on time."})
    site.submit_and_wait(record)
    assert "Say why the overall result differs from the 67" in site.find("main .error-summary").text
    site.assert_accessible("the evaluation with an error")
    form, record = site.form_of("Record the evaluation")
    site.fill(form, {"reason": "The findings memo was exceptional."})
    site.submit_and_wait(record)
    assert site.flash() == "The evaluation is saved."
    assert "Hire recommendation: Strong yes" in site.find("main").text
    site.sign_out()

    site.sign_in(email, PASSWORD)
    site.open(engagement + "/evaluation")
    main = site.find("main").text
    assert "Clear, complete and on time." in main and "Overall result: 80 out of 100" in main and "Strong yes" not in main
    site.assert_accessible("the candidate's evaluation with the exit survey", screenshot=True)
    form, send = site.form_of("Send the survey")
    for name, value in [("clarity", "4"), ("mentor", "5"), ("fairness", "4"), ("workload", "3"), ("recommend", "5")]:
        choose(form, name, value)
    site.submit_and_wait(send)
    assert site.flash() == "Thank you: your exit survey is in."
    assert not site.exists("main form")
    site.sign_out()

    site.sign_in(OWNER)
    site.open(f"/orgs/{DEMO_ORG}/settings")
    site.submit_and_wait(next(a for a in site.find_all("main a") if a.text.strip() == "Exit surveys"))
    assert site.h1().startswith("Exit surveys")
    site.assert_accessible("the organization's exit surveys", screenshot=True)
    site.sign_out()
