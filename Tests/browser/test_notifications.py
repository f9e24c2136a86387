"""A candidate chooses how they hear from Tryout by e-mail, by keyboard, in a real browser;
axe-core checks the preferences page at desktop width and at 390 px, and with an error."""

from __future__ import annotations

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from conftest import CANDIDATE, Site

PAGE = "/settings/notifications"


def fits_width(site: Site) -> bool:
    return site.driver.execute_script("return document.documentElement.scrollWidth <= window.innerWidth + 1")


def checked(site: Site, kind: str) -> str:
    return site.find(f"input[name='{kind}']:checked").get_attribute("value")


def test_candidate_chooses_the_daily_digest_by_keyboard(site: Site) -> None:
    site.sign_in(CANDIDATE)
    site.open("/settings")
    site.submit_and_wait(next(link for link in site.find_all("main a") if link.get_attribute("href").endswith(PAGE)))
    assert site.h1() == "Notifications"
    site.assert_accessible("notification preferences")

    # A radio group is one tab stop; the arrow keys move the choice along it.
    site.find("#messages-immediately").send_keys(Keys.ARROW_RIGHT)
    assert site.driver.switch_to.active_element.get_attribute("id") == "messages-daily_digest"
    assert checked(site, "messages") == "daily_digest"
    form, button = site.form_of("Save notification settings")
    site.submit_and_wait(button)
    assert "saved" in site.flash()
    assert checked(site, "messages") == "daily_digest"

    site.driver.set_window_size(390, 900)
    try:
        site.assert_accessible("notification preferences at 390 px")
        assert fits_width(site), "the notification preferences scroll sideways at 390 px"
        form, button = site.form_of("Save notification settings")
        site.fill(form, {"timeZone": "Mars/Olympus"})
        site.submit_and_wait(button)
        assert "Choose a time zone from the list" in site.find(".error-summary").text
        site.assert_accessible("notification preferences with an error, at 390 px")
        assert fits_width(site), "the preferences with an error scroll sideways at 390 px"
    finally:
        site.driver.set_window_size(1280, 1000)

    # Back as the demo had it, for the suites that follow.
    site.open(PAGE)
    form, button = site.form_of("Save notification settings")
    site.driver.execute_script("arguments[0].click()", form.find_element(By.ID, "messages-immediately"))
    site.fill(form, {"timeZone": ""})
    site.submit_and_wait(button)
    assert checked(site, "messages") == "immediately"
