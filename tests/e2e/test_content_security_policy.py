"""The site's Content-Security-Policy is enforced in the browser, and the browser tests notice
anything it blocks (every other browser test fails on a violation)."""

import pytest

pytestmark = [
    pytest.mark.services("chromium"),
    # Like every browser test: the live server needs a transactional database, and restoring the
    # serialized one keeps the next serialized test from meeting doubled content types.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_policy_is_enforced_and_a_blocked_inline_script_is_recorded(
    live_server, phone, csp_violations
):
    response = phone.goto(f"{live_server.url}/accounts/login/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert "content-security-policy-report-only" not in response.headers
    phone.evaluate(
        """() => {
            const script = document.createElement("script");
            script.textContent = "window.injected = true";
            document.head.appendChild(script);
        }"""
    )
    phone.wait_for_function("() => true")  # one more round trip: the event has been reported
    assert phone.evaluate("() => window.injected === undefined")
    assert any("script-src" in violation for violation in csp_violations), csp_violations
    csp_violations.clear()  # seen and expected here; anywhere else it fails the test


def test_an_inline_handler_is_blocked_and_recorded(live_server, phone, csp_violations):
    phone.goto(f"{live_server.url}/accounts/login/")
    phone.evaluate(
        """() => {
            const button = document.createElement("button");
            button.setAttribute("onclick", "window.clicked = true");
            button.id = "injected";
            document.body.appendChild(button);
        }"""
    )
    phone.click("#injected")
    phone.wait_for_function("() => true")
    assert phone.evaluate("() => window.clicked === undefined")
    assert any("script-src" in violation for violation in csp_violations), csp_violations
    csp_violations.clear()
