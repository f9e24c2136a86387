"""From a completed engagement to the public credential and the portfolio. The credential is checked
with an independent implementation (joserfc) using only the published DID document; revocation is
read from the status list, decoded here. Every page is checked by axe at 1280 and 390 px."""
from __future__ import annotations

import base64
import gzip
import json
import time
import urllib.request

import pytest
from joserfc import jws
from joserfc.errors import BadSignatureError
from joserfc.jwk import OKPKey

from conftest import OWNER, Site, unique
from test_applying import publish_project
from test_engagement import PASSWORD, completed_engagement


def fetch(site: Site, path: str) -> bytes:
    with urllib.request.urlopen(site.base_url + path, timeout=10) as response:
        return response.read()


def verified_payload(site: Site, token: str) -> dict:
    """The payload, once the signature verifies with a key the server's DID document lists for
    assertions under the header's kid; anything else raises."""
    document = json.loads(fetch(site, "/.well-known/did.json"))
    header = json.loads(base64.urlsafe_b64decode(token.split(".")[0] + "=="))
    assert header["alg"] == "EdDSA" and header["typ"] == "JWT"
    assert header["kid"] in document["assertionMethod"]
    method = next(m for m in document["verificationMethod"] if m["id"] == header["kid"])
    assert method["type"] == "JsonWebKey" and method["controller"] == document["id"]
    key = OKPKey.import_key(method["publicKeyJwk"])
    return json.loads(jws.deserialize_compact(token, key, algorithms=["EdDSA"]).payload)


def revoked(site: Site, credential: dict) -> bool:
    """The credential's bit in its status list, read as any verifier would."""
    entry = credential["credentialStatus"]
    assert entry["type"] == "BitstringStatusListEntry" and entry["statusPurpose"] == "revocation"
    path = entry["statusListCredential"].replace(site.base_url, "")
    status = verified_payload(site, fetch(site, path).decode())
    assert "BitstringStatusListCredential" in status["type"]
    encoded = status["credentialSubject"]["encodedList"]
    assert encoded.startswith("u")
    bits = gzip.decompress(base64.urlsafe_b64decode(encoded[1:] + "=" * (-len(encoded[1:]) % 4)))
    assert len(bits) * 8 >= 131072
    index = int(entry["statusListIndex"])
    return bool(bits[index // 8] & (0x80 >> (index % 8)))


def wait_for_credential_link(site: Site, engagement: str) -> str:
    """The worker issues the credential moments after completion; the engagement page then links it."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        site.open(engagement)
        links = [a for a in site.find_all("main a") if a.text.strip().startswith("see it")]
        if links:
            return links[0].get_attribute("href").replace(site.base_url, "")
        time.sleep(0.25)
    raise AssertionError("no credential was issued within 30 seconds of completion")


def test_completion_to_credential_verify_portfolio_and_revocation(site: Site) -> None:
    title = f"Browser credential brief {unique('c')}"
    project_path = publish_project(site, title)
    email, engagement = completed_engagement(site, project_path)

    site.sign_in(email, PASSWORD)
    credential_path = wait_for_credential_link(site, engagement)
    site.open(credential_path)
    assert site.h1() == title
    assert site.find("main .flash").text.startswith("Verified: signed by its issuer")
    assert "Proficient" in site.find("main").text and email not in site.driver.page_source
    assert site.exists("main a[href^='https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME']")
    site.assert_accessible("the holder's credential page", screenshot=True)

    token = fetch(site, credential_path + "/credential.jwt").decode()
    credential = verified_payload(site, token)
    assert credential["@context"][0] == "https://www.w3.org/ns/credentials/v2"
    assert credential["@context"][1].startswith("https://purl.imsglobal.org/spec/ob/v3p0/context")
    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert credential["iss"] == credential["issuer"]["id"] and credential["issuer"]["id"].startswith("did:web:")
    assert credential["jti"] == credential["id"] and credential["id"].endswith(credential_path)
    subject = credential["credentialSubject"]
    assert subject["type"] == ["AchievementSubject"] and subject["identifier"][0]["identityHash"].startswith("sha256$")
    achievement = subject["achievement"]
    assert achievement["name"] == title and achievement["achievementType"] == "Assignment"
    assert all(a["targetFramework"] == "ESCO" and a["targetType"] == "ceasn:Competency" for a in achievement["alignment"])
    assert len(subject["result"]) == 3
    header, payload, signature = token.split(".")
    changed = dict(credential, name="Something grander")
    forged = header + "." + base64.urlsafe_b64encode(json.dumps(changed).encode()).decode().rstrip("=") + "." + signature
    with pytest.raises(BadSignatureError):
        verified_payload(site, forged)
    assert not revoked(site, credential)

    site.open("/portfolio")
    site.assert_accessible("the portfolio settings", screenshot=True)
    slug = unique("pf").lower()
    form, save = site.form_of("Save portfolio")
    site.fill(form, {"slug": slug, "headline": "Analyst who ships"})
    site.activate(form.find_element("css selector", "label[for='field-published']"))
    site.submit_and_wait(save)
    assert site.flash() == "Portfolio published."
    site.sign_out()

    site.open(f"/u/{slug}")
    assert site.find("main").text.count(title) == 1 and "Verified skills" in site.find("main").text
    assert email not in site.driver.page_source
    site.assert_accessible("a public portfolio", screenshot=True)
    site.open("/verify")
    form, verify = site.form_of("Verify")
    site.driver.execute_script("arguments[0].value = arguments[1]", form.find_element("name", "jwt"), token)
    site.submit_and_wait(verify)
    assert site.find("main .flash").text.startswith("Verified")
    site.assert_accessible("a verified credential on /verify", screenshot=True)

    site.sign_in(OWNER)
    site.open(credential_path)
    site.submit_and_wait(next(a for a in site.find_all("main a") if a.text.strip() == "Revoke this credential…"))
    site.assert_accessible("the revocation confirmation", screenshot=True)
    form, revoke = site.form_of("Revoke the credential")
    site.fill(form, {"reason": "Issued for the wrong candidate."})
    site.submit_and_wait(revoke)
    assert "is revoked" in site.flash()
    assert site.find("main .flash-error").text == "Revoked by its issuer: Issued for the wrong candidate."
    site.sign_out()
    assert revoked(site, credential)
    site.open(f"/u/{slug}")
    assert title not in site.find("main").text
