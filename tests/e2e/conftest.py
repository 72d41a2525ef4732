"""Browser tests: Playwright driving Debian's Chromium (never a downloaded browser)."""

import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API keeps an event loop in the test thread; the ORM calls the tests make
# between browser steps are still synchronous (Django's documented escape hatch for this).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PASSWORD = "pw-for-tests-1"  # UserFactory's password


def sign_in(page, base: str, username: str) -> None:
    """Sign in through the login form, as a person would."""
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_load_state()


WECHAT_UA = (
    "Mozilla/5.0 (Linux; Android 12; M2012K11AC) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Version/4.0 Chrome/116.0 Mobile Safari/537.36 MicroMessenger/8.0.44 NetType/4G Language/zh_CN"
)


# Every page reports what the CSP blocked as a console error; the browser's own console
# messages about the CSP count as well.
CSP_WATCH = """
document.addEventListener("securitypolicyviolation", function (event) {
  console.error("CSP violation: " + event.violatedDirective + " blocked " +
    (event.blockedURI || "inline") + " at " + event.sourceFile + ":" + event.lineNumber);
}, true);
"""


def _is_csp_violation(text: str) -> bool:
    return text.startswith("CSP violation:") or "Content Security Policy" in text


def _watch_csp(context, violations: list[str]) -> None:
    """Every page of `context` reports its CSP violations into `violations`."""
    context.add_init_script(CSP_WATCH)

    def console(message):
        if _is_csp_violation(message.text):
            violations.append(f"{message.page.url if message.page else '?'}: {message.text}")

    context.on("console", console)


def _csp_enforcing(browser, violations: list[str]):
    """Any context or page this browser opens is watched; none may bypass the CSP."""
    new_context, new_page = browser.new_context, browser.new_page

    def watched_context(**options):
        assert not options.get("bypass_csp"), "browser tests run under the site's CSP"
        context = new_context(**options)
        _watch_csp(context, violations)
        return context

    def watched_page(**options):
        assert not options.get("bypass_csp"), "browser tests run under the site's CSP"
        page = new_page(**options)
        _watch_csp(page.context, violations)
        return page

    browser.new_context, browser.new_page = watched_context, watched_page
    return browser


@pytest.fixture
def csp_violations() -> list[str]:
    """What the site's Content-Security-Policy blocked during the test; must stay empty."""
    return []


@pytest.fixture
def browser(csp_violations):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=shutil.which("chromium"),
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield _csp_enforcing(chromium, csp_violations)
        chromium.close()
    if csp_violations:
        pytest.fail(
            "Content-Security-Policy violations:\n" + "\n".join(dict.fromkeys(csp_violations))
        )


def _page(browser, request, **context_options):
    """A page in a fresh context; a screenshot is kept if the test fails."""
    context = browser.new_context(**context_options)
    page = context.new_page()
    yield page
    if getattr(request.node, "rep_call", None) is None or request.node.rep_call.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), timeout=10000)
    context.close()


@pytest.fixture
def phone(browser, request):
    """A phone-sized page with a WeChat-like user agent."""
    yield from _page(
        browser,
        request,
        viewport={"width": 375, "height": 812},
        user_agent=WECHAT_UA,
        is_mobile=True,
        has_touch=True,
    )


@pytest.fixture
def desktop(browser, request):
    """A desktop-sized page that accepts downloads."""
    yield from _page(
        browser, request, viewport={"width": 1280, "height": 900}, accept_downloads=True
    )


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when == "call":
        item.rep_call = report
