"""The whole loop without a mouse: a brief written in steps and published, an application, blind
screening, the offer and its acceptance, agreements signed, onboarding, work handed in, changes
asked for and accepted, two reviewers' scores and the manager's decision, pay funded, held and
released, and the credential verified and shown in a portfolio. The same walks as the other
suites, with every link, button, field and choice reached by Tab alone and used with Enter,
Space, arrow keys and typing (Site.keyboard_only): a control Tab cannot reach fails the walk."""
from __future__ import annotations

import pytest

import test_applying
import test_authoring
import test_credentials
import test_engagement
import test_payments
import test_reviews
from conftest import Site

WALKS = [
    test_authoring.test_brief_from_template_fails_lint_then_publishes,
    test_applying.test_apply_shortlist_offer_accept,
    test_engagement.test_sign_onboard_submit_change_resubmit_accept,
    test_reviews.test_two_reviewers_score_independently_the_manager_decides_the_candidate_reads,
    test_payments.test_fund_publish_accept_release,
    test_credentials.test_completion_to_credential_verify_portfolio_and_revocation,
]


@pytest.mark.parametrize("walk", WALKS, ids=[walk.__module__.removeprefix("test_") for walk in WALKS])
def test_by_keyboard_alone(keyboard_site: Site, walk) -> None:
    walk(keyboard_site)
