"""Money in the browser: the owner asks for an invoice, a platform admin records the transfer
against its reference, the balance and statement show it; publishing holds the pay in escrow,
accepting a deliverable releases its share, and the candidate sees it on the earnings page;
the candidate adds payout details, and a platform admin pays the batch out with a bank file
that validates against ISO 20022's schema. Every page is checked by axe at 1280 and 390 px."""
from __future__ import annotations

import os
import re
import urllib.request

import sepaxml
import xmlschema

from conftest import ADMIN, DEMO_ORG, MANAGER, OWNER, Site, unique
from test_applying import publish_project
from test_engagement import PASSWORD, feedback, started_engagement, tick_own_items


def money(text: str) -> float:
    """The first "USD 1,234.56" in `text`, as a number."""
    found = re.search(r"USD (-?[0-9,]+\.[0-9]{2})", text)
    assert found, f"no amount in {text!r}"
    return float(found.group(1).replace(",", ""))


def test_fund_publish_accept_release(site: Site) -> None:
    site.sign_in(OWNER)
    site.open(f"/orgs/{DEMO_ORG}/settings")
    site.submit_and_wait(next(a for a in site.find_all("main a") if a.text.strip() == "Billing"))
    assert site.h1().startswith("Billing")
    before = money(site.find("#balance-title + dl").text)
    site.assert_accessible("billing", screenshot=True)
    form, ask = site.form_of("Get an invoice")
    site.fill(form, {"amount": "1500"})
    site.submit_and_wait(ask)
    reference = re.search(r"TRY-[0-9A-Z]{4}-[0-9A-Z]{4}", site.h1()).group(0)
    assert "Awaiting payment" in site.find("main").text
    site.assert_accessible("an invoice", screenshot=True)
    site.sign_out()

    site.sign_in(ADMIN)
    site.open("/admin/organizations")
    site.submit_and_wait(next(a for a in site.find_all("main a") if a.text.strip() == "Payments"))
    assert reference in site.find("main table").text
    site.assert_accessible("the payments desk", screenshot=True)
    form, record = site.form_of("Record the receipt")
    site.fill(form, {"reference": reference.lower(), "amount": "1500", "bankReference": "BANK-" + unique("r")})
    site.submit_and_wait(record)
    assert "balance grew" in site.flash()
    site.sign_out()

    site.sign_in(OWNER)
    site.open(f"/orgs/{DEMO_ORG}/billing")
    assert money(site.find("#balance-title + dl").text) == before + 1500
    assert "Funding received" in site.find("main").text
    site.sign_out()

    project_path = publish_project(site, f"Browser payments brief {unique('p')}")
    email, engagement = started_engagement(site, project_path)
    site.sign_in(email, PASSWORD)
    tick_own_items(site, engagement)
    site.open(engagement + "/board")
    milestone = site.find("main .board a").get_attribute("href").replace(site.base_url, "")
    site.open(milestone)
    form, hand = site.form_of("Hand in this version")
    site.fill(form, {"links.0": "https://example.org/work"})
    site.submit_and_wait(hand)
    site.sign_out()

    site.sign_in(MANAGER)
    feedback(site, milestone, "accept", "Good.")
    assert site.flash() == "Accepted."
    site.sign_out()

    site.sign_in(email, PASSWORD)
    site.open(engagement)
    site.submit_and_wait(next(a for a in site.find_all("main a") if a.text.strip() == "Your earnings"))
    assert site.h1() == "Earnings"
    released = money(site.find("#payable-title + ul").text)
    assert released > 0
    assert "held in escrow" in site.find("#pending-title").find_element("xpath", "..").text
    site.assert_accessible("earnings", screenshot=True)

    # Payout: the candidate adds an account; a platform admin batches what is owed, downloads the
    # ISO 20022 bank file (valid against the pain.001.001.09 schema) and marks the batch paid.
    site.submit_and_wait(next(a for a in site.find_all("main a") if a.text.strip() == "Add payout details"))
    site.assert_accessible("payout details", screenshot=True)
    form, save = site.form_of("Save payout details")
    site.fill(form, {"holder": "Browser Candidate", "iban": "DE89 3704 0044 0532 0130 01"})
    site.submit_and_wait(save)
    assert "check digits do not match" in site.find(".error-summary").text
    form, save = site.form_of("Save payout details")
    site.fill(form, {"holder": "Browser Candidate", "iban": "DE89 3704 0044 0532 0130 00"})
    site.submit_and_wait(save)
    assert "DE89 •••• 3000" in site.flash()
    site.sign_out()

    site.sign_in(ADMIN)
    site.open("/admin/payments")
    site.submit_and_wait(next(a for a in site.find_all("main a") if a.text.strip() == "Payouts to candidates"))
    site.assert_accessible("payouts", screenshot=True)
    form, create = site.form_of("Create a payout batch")
    site.submit_and_wait(create)
    batch = site.path
    assert site.h1().startswith("Payout PO-")
    assert email in site.find("main table").text
    site.assert_accessible("a payout batch", screenshot=True)
    bank_file = next(a for a in site.find_all("main a") if "pain.001" in a.text).get_attribute("href")
    validate_pain001(download(site, bank_file))
    form, paid = site.form_of("Mark paid")
    site.fill(form, {"bankReference": "BANK-" + unique("p")})
    site.submit_and_wait(paid)
    assert "paid" in site.flash().lower()
    assert site.path == batch
    site.sign_out()

    site.sign_in(email, PASSWORD)
    site.open("/earnings")
    assert "Paid" in site.find("#payouts-title").find_element("xpath", "..").text


def download(site: Site, url: str) -> bytes:
    """Fetches `url` with the browser's session cookie, as a click on a download link would."""
    cookies = "; ".join(f"{c['name']}={c['value']}" for c in site.driver.get_cookies())
    with urllib.request.urlopen(urllib.request.Request(url, headers={"Cookie": cookies}), timeout=10) as response:
        assert "attachment" in response.headers.get("Content-Disposition", "")
        return response.read()


def validate_pain001(document: bytes) -> None:
    """Checks the bank file against the official XSD, as shipped in the sepaxml package."""
    schema = xmlschema.XMLSchema(os.path.join(os.path.dirname(sepaxml.__file__), "schemas", "pain.001.001.09.xsd"))
    errors = [str(error) for error in schema.iter_errors(document.decode("utf-8"))]
    assert not errors, "\n".join(errors[:5])
