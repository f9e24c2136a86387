"""A candidate applies; the hiring manager screens blind, shortlists and offers; the candidate accepts."""
from conftest import DEMO_ORG, MANAGER, Site, unique, unique_email


def publish_project(site: Site, title: str) -> str:
    site.sign_in(MANAGER)
    site.open(f"/orgs/{DEMO_ORG}/projects/new?template=data-analysis")
    form, button = site.form_of("Save and continue to deliverables and rubric")
    site.fill(form, {"title": title})
    site.submit_and_wait(button)
    _, publish = site.form_of("Publish")
    site.submit_and_wait(publish)
    assert "now published" in site.flash()
    path = site.path
    site.sign_out()
    return path


def shortlist_and_offer(site: Site, project_path: str, name: str, check=lambda what: None) -> None:
    """The hiring manager shortlists the newest applicant, blind until then, and offers a place."""
    site.sign_in(MANAGER)
    site.open(project_path + "/applicants")
    listing = site.find("main table").text
    assert name not in listing and "Applicant " in listing, "blind screening hides the name before the shortlist"
    check("applicant list")
    site.submit_and_wait(site.find("main table tbody th a"))
    site.assert_page_ok()
    assert name not in site.find("main").text
    check("blind applicant")
    _, decide = site.form_of("Decide")
    site.submit_and_wait(decide)  # the first choice is the shortlist
    assert "moved to shortlisted" in site.flash()
    assert name in site.h1(), "the shortlist reveals who applied"
    form, decide = site.form_of("Decide")
    site.fill(form, {"action": "offered", "message": "Welcome aboard"})
    site.submit_and_wait(decide)
    assert "moved to offered" in site.flash()
    check("revealed applicant")
    site.sign_out()


def test_apply_shortlist_offer_accept(site: Site) -> None:
    title = f"Browser apply brief {unique('a')}"
    project_path = publish_project(site, title)
    name = f"Browser Candidate {unique('c')}"
    email = unique_email("applicant")
    site.sign_up("candidate", name, email, "violet kettle mountain")

    site.open(project_path)
    site.assert_accessible("project page with the apply form")
    form, button = site.form_of("Send application")
    site.driver.execute_script("arguments[0].noValidate = true", form)
    site.fill(form, {"portfolio.0": "http://not-secure.example"})
    site.submit_and_wait(button)
    assert "is required" in site.find("main .error-summary").text
    site.assert_accessible("apply form with errors")
    form, button = site.form_of("Send application")
    site.fill(form, {"answers.0": "I would start from the cohorts.", "portfolio.0": "https://example.org/work"})
    site.submit_and_wait(button)
    assert "Application sent" in site.flash()
    assert "Submitted" in site.find("main .lead").text
    site.assert_accessible("own application")
    site.open("/notifications")
    assert "was received" in site.find("main").text
    site.assert_accessible("notifications")
    site.sign_out()

    shortlist_and_offer(site, project_path, name, check=site.assert_accessible)

    site.sign_in(email, "violet kettle mountain")
    site.open("/applications")
    site.assert_accessible("own applications")
    site.submit_and_wait(site.find("main table tbody a"))
    site.assert_page_ok()
    assert "Welcome aboard" in site.find("main").text
    _, accept = site.form_of("Accept the offer")
    site.submit_and_wait(accept)
    assert "accepted" in site.flash().lower()
    assert "Accepted" in site.find("main .lead").text
    site.assert_accessible("accepted application")
