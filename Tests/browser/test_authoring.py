"""A hiring manager writes a brief from a template, fails the publishing lint, fixes it and publishes."""
from conftest import DEMO_ORG, MANAGER, Site, unique


def test_brief_from_template_fails_lint_then_publishes(site: Site) -> None:
    """The editor in steps: each saves as it goes and leads to the next, beside the checklist of
    what publishing needs. Every step, and the project page, pass axe at 1280 and 390 px; with
    TRYOUT_SCREENSHOTS set each is saved as brief-editor-<step>-<width>.png."""
    title = f"Browser churn brief {unique('b')}"
    site.sign_in(MANAGER)
    site.open(f"/orgs/{DEMO_ORG}/projects/new?template=data-analysis")
    site.assert_accessible("brief editor basics", screenshot=True)

    form, button = site.form_of("Save and continue to deliverables and rubric")
    site.fill(form, {"title": title})
    site.submit_and_wait(button)
    assert site.path.startswith("/projects/") and site.path.endswith("/edit/work"), f"the draft should open its next step, not {site.path}"
    project_path = site.path.removesuffix("/edit/work")
    assert site.find("nav[aria-label='Brief steps'] [aria-current='step']").text == "2. Deliverables and rubric"
    site.assert_accessible("brief editor work", screenshot=True)

    # Break the rubric: its weights no longer add up to 100. The checklist says so at once.
    form, button = site.form_of("Save and continue to skills")
    site.fill(form, {"criterion.0.weight": "10"})
    site.submit_and_wait(button)
    assert "Rubric weights add up to 70" in site.find(".editor-side .lint-errors").text
    _, publish = site.form_of("Publish")
    assert not publish.is_enabled() and publish.get_attribute("aria-describedby") == "publish-blockers"

    # The other steps, each saved as it is.
    for step, next_button in [("skills", "Save and continue to pay and terms"), ("terms", "Save and continue to audience"),
                              ("audience", "Save and continue to screening"), ("screening", "Save and finish")]:
        assert site.path == f"{project_path}/edit/{step}"
        site.assert_accessible(f"brief editor {step}", screenshot=True)
        if step == "audience":
            assert site.find("label[for='field-partner.lakeside-university-career-services']").text.startswith("Lakeside")
        _, button = site.form_of(next_button)
        site.submit_and_wait(button)
    assert site.path == project_path

    lint = site.find("main .lint-errors").text
    assert "Rubric weights add up to 70" in lint
    site.assert_accessible("project page draft", screenshot=True)
    assert "Draft" in site.find("main .meta").text

    # Each finding opens the step that fixes it, at its field.
    finding = next(a for a in site.find_all("main .lint-errors a") if "Rubric weights" in a.text)
    site.submit_and_wait(finding)
    assert site.path == project_path + "/edit/work" and site.driver.current_url.endswith("#field-rubric")
    form, button = site.form_of("Save and continue to skills")
    site.fill(form, {"criterion.0.weight": "40"})
    site.submit_and_wait(button)
    assert "passes every publishing check" in site.find(".editor-side .panel").text

    _, publish = site.form_of("Publish")
    site.submit_and_wait(publish)
    assert "now published" in site.flash()
    site.assert_accessible("project page", screenshot=True)

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
    form, button = site.form_of("Save and continue to deliverables and rubric")
    site.driver.execute_script("arguments[0].noValidate = true", form)
    site.fill(form, {"title": "", "startDate": ""})
    site.driver.execute_script("document.getElementById('field-estimatedHours').value = 'many'")
    site.submit_and_wait(button)
    summary = site.find("main .error-summary").text
    assert "Title is required." in summary
    assert "Estimated hours must be a whole number" in summary
    assert site.driver.switch_to.active_element.get_attribute("id") == "error-summary"
    site.assert_accessible("brief form with errors")
