"""An organization's owner adds a webhook in a real browser, by keyboard, sees its secret once,
and removes it; axe-core checks every page at desktop width and at 390 px."""

from __future__ import annotations

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from conftest import DEMO_ORG, OWNER, Site, unique


def fits_width(site: Site) -> bool:
    return site.driver.execute_script("return document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_owner_adds_a_webhook_sees_the_secret_once_and_removes_it(site: Site) -> None:
    url = f"https://hooks.example.com/{unique('browser')}"
    site.sign_in(OWNER)
    site.open(f"/orgs/{DEMO_ORG}/webhooks")
    assert site.h1().endswith(": webhooks")
    site.assert_accessible("webhooks page")

    form, button = site.form_of("Add webhook")
    site.fill(form, {"url": url})
    # Chosen with the keyboard: tab to the checkbox, space to tick it.
    checkbox = form.find_element(By.ID, "events-project-published")
    site.driver.execute_script("arguments[0].focus()", form.find_element(By.ID, "kind-slack"))
    for _ in range(10):
        if site.driver.switch_to.active_element == checkbox:
            break
        site.driver.switch_to.active_element.send_keys(Keys.TAB)
    checkbox.send_keys(Keys.SPACE)
    assert checkbox.is_selected()
    site.submit_and_wait(button)

    secret = site.find("#new-secret").text
    assert secret.startswith("whsec_") and len(secret) > 30
    assert url in site.find("main .cards").text and "Nothing delivered yet." in site.find("main .cards").text
    site.assert_accessible("webhooks page with a new secret")

    site.open(f"/orgs/{DEMO_ORG}/webhooks")
    assert not site.exists("#new-secret") and secret not in site.find("main").text, "the secret is shown once"

    site.driver.set_window_size(390, 900)
    try:
        site.assert_accessible("webhooks page at 390 px")
        assert fits_width(site), "the webhooks page scrolls sideways at 390 px"
        site.submit_and_wait(next(link for link in site.find_all("main .cards a") if link.text == url))
        assert site.h1().startswith("Webhook of")
        assert "Nothing has been sent yet." in site.find("main").text
        site.assert_accessible("a webhook's delivery log at 390 px")
        assert fits_width(site), "the delivery log scrolls sideways at 390 px"
        site.submit_and_wait(next(link for link in site.find_all("main a") if link.text == "Remove this webhook…"))
        site.assert_accessible("removing a webhook, asked first, at 390 px")
        _, remove = site.form_of("Remove webhook")
        site.submit_and_wait(remove)
    finally:
        site.driver.set_window_size(1280, 1000)
    assert "The webhook has been removed." in site.flash()
    assert url not in site.find("main").text
