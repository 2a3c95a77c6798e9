"""Level-3 controls in the browser: lockout, two-factor enrolment and login, idle timeout, the audit page."""

import time

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from lantu.demo.users import DEMO_PASSWORD
from lantu.orgs.middleware import SEEN_AT
from lantu.orgs.models import AuditRecord

SHOTS = "var/screenshots"


@pytest.fixture
def fresh_page(browser, live_server, demo):
    """Return a function that opens a page on the login form, not logged in."""
    contexts = []

    def _open(width: int = 1400):
        context = browser.new_context(locale="zh-CN", viewport={"width": width, "height": 900})
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(30_000)
        page.goto(f"{live_server.url}/accounts/login/")
        return page

    yield _open
    for context in contexts:
        context.close()


def _log_in(page, username: str, password: str = DEMO_PASSWORD):
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("section.login button[type=submit]")


def _code(device: TOTPDevice, ahead: int = 0) -> str:
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift + ahead).token():06d}"


def test_five_wrong_passwords_lock_the_account(fresh_page, live_server):
    page = fresh_page()
    for _ in range(5):
        _log_in(page, "mulei", "not-the-password")
        page.wait_for_load_state()
        if page.locator("#locked-out").count():
            break
        page.goto(f"{live_server.url}/accounts/login/")
    page.goto(f"{live_server.url}/accounts/login/")
    _log_in(page, "mulei")  # the right password, too late
    assert "登录已锁定" in page.wait_for_selector("#locked-out").text_content()
    assert AuditRecord.objects.filter(event="lockout", username="mulei").exists()


def test_a_planner_enrols_totp_and_then_logs_in_with_a_code(fresh_page, live_server, settings):
    settings.LANTU_OTP_REQUIRED = True
    page = fresh_page()
    _log_in(page, "planner")
    page.wait_for_url("**/accounts/second-factor/enrol/**")
    assert page.locator("figure.qr svg").count() == 1  # drawn by the server, nothing fetched
    page.screenshot(path=f"{SHOTS}/totp-enrol-1440.png", full_page=True)
    device = TOTPDevice.objects.get(user__username="planner", confirmed=False)
    page.fill("#id_code", _code(device))
    page.click("section.login button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")  # where the login was going
    assert TOTPDevice.objects.get(user__username="planner").confirmed
    page.click("form.logout button")
    page.wait_for_url("**/accounts/login/**")
    _log_in(page, "planner")
    page.wait_for_url("**/accounts/second-factor/?**")
    device.refresh_from_db()
    page.fill("#id_code", _code(device, ahead=1))  # the next step: a code is never accepted twice
    page.click("section.login button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    assert page.locator("section.login").count() == 0


def test_an_idle_session_ends_at_the_next_click(fresh_page, live_server, settings):
    settings.LANTU_SESSION_IDLE_MINUTES = 30
    page = fresh_page()
    _log_in(page, "leader")
    page.wait_for_url(f"{live_server.url}/")
    [cookie] = [c for c in page.context.cookies() if c["name"] == "sessionid"]
    session = SessionStore(session_key=cookie["value"])
    session[SEEN_AT] = time.time() - 31 * 60
    session.save()
    page.goto(f"{live_server.url}/indicators/")
    page.wait_for_selector("#session-expired")
    assert "/accounts/login/" in page.url


def test_the_audit_administrator_filters_and_exports_the_trail(fresh_page, live_server):
    other = fresh_page()
    _log_in(other, "mulei", "wrong-password")
    for width in (1440, 390):
        page = fresh_page(width)
        _log_in(page, "auditor")
        page.wait_for_url(f"{live_server.url}/")
        page.goto(f"{live_server.url}/audit/")
        page.select_option("#id_event", "login_failed")
        page.click("#audit-filter button[type=submit]")
        page.wait_for_url("**/audit/?**")
        rows = page.locator("#audit-records tbody tr")
        assert rows.count() == 1 and "mulei" in rows.first.text_content()
        page.screenshot(path=f"{SHOTS}/audit-{width}.png", full_page=True)
    with page.expect_download() as download:
        page.click("#audit-export")
    name = download.value.suggested_filename
    assert name.startswith("审计日志 ") and name.endswith(".xlsx")
    assert AuditRecord.objects.filter(event="export", username="auditor").exists()
