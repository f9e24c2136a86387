"""A hiring manager writes a brief from a template, fails the publishing lint, fixes it and publishes."""
from conftest import DEMO_ORG, MANAGER, Site, unique


def test_brief_from_template_fails_lint_then_publishes(site: Site) -> None:
    title = f"Browser churn brief {unique('b')}"
    site.sign_in(MANAGER)
    site.open(f"/orgs/{DEMO_ORG}/projects/new?template=data-analysis")
    site.assert_accessible("new brief from a template")

    form, button = site.form_of("Save draft")
    # Break the rubric: its weights no longer add up to 100.
    site.fill(form, {"title": title, "criterion.0.weight": "10"})
    site.submit_and_wait(button)
    assert site.path.startswith("/projects/"), f"saving the draft should show it, not {site.path}"
    project_path = site.path
    lint = site.find("main .lint-errors").text
    assert "Rubric weights add up to 70" in lint
    site.assert_accessible("draft with lint problems")

    # Publish waits, greyed and described by the list of what it needs; Edit is the main action.
    _, publish = site.form_of("Publish")
    assert not publish.is_enabled() and publish.get_attribute("aria-describedby") == "publish-blockers"
    assert "Draft" in site.find("main .meta").text

    # Each finding opens the edit form at its field.
    finding = next(a for a in site.find_all("main .lint-errors a") if "Rubric weights" in a.text)
    site.submit_and_wait(finding)
    assert site.path == project_path + "/edit" and site.driver.current_url.endswith("#field-rubric")
    site.assert_accessible("edit form")
    form, button = site.form_of("Save changes")
    site.fill(form, {"criterion.0.weight": "40"})
    site.submit_and_wait(button)
    assert "passes every publishing check" in site.find("main .panel").text

    _, publish = site.form_of("Publish")
    site.submit_and_wait(publish)
    assert "now published" in site.flash()
    site.assert_accessible("published project")

    site.open("/")
    assert title in site.find("main").text, "the published brief should be among the latest projects"

    # Anyone finds it in the marketplace by words from its title.
    site.sign_out()
    site.open("/projects")
    form, button = site.form_of("Search")
    site.fill(form, {"q": title.split()[-1]})
    site.submit_and_wait(button)
    assert site.find("#result-count").text == "1 project"
    assert title in site.find("main .cards").text
    site.assert_accessible("search results")


def test_brief_form_errors_are_accessible(site: Site) -> None:
    site.sign_in(MANAGER)
    site.open(f"/orgs/{DEMO_ORG}/projects/new")
    form, button = site.form_of("Save draft")
    site.driver.execute_script("arguments[0].noValidate = true", form)
    site.fill(form, {"title": "", "pay": "lots", "skill.0.label": "Underwater basket weaving"})
    site.submit_and_wait(button)
    summary = site.find("main .error-summary").text
    assert "Title is required." in summary
    assert "Enter the pay as an amount" in summary
    site.assert_accessible("brief form with errors")
