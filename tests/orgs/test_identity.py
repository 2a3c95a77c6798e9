"""身份鉴别: lockout, password rules, forced changes, session limits, two-factor login, API tokens."""

import time
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from lantu.orgs.middleware import SEEN_AT
from lantu.orgs.models import AccountSecurity, ApiToken, AuditRecord
from lantu.orgs.services import api_token_create

PASSWORD = "pw"  # the named users' password (tests/conftest.py)

LOGIN = "/accounts/login/"


def _post_login(client, username, password, address="10.0.0.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def _code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


# Lockout -------------------------------------------------------------------------------------------


def test_five_failures_lock_the_account_even_with_the_right_password(client, world):
    for attempt in range(5):
        _post_login(client, "mulei", "wrong", address=f"10.0.0.{attempt + 1}")
    response = _post_login(client, "mulei", PASSWORD, address="10.0.9.9")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert AuditRecord.objects.filter(event="lockout", username="mulei").exists()
    assert AuditRecord.objects.filter(event="login_failed", username="mulei", address="10.0.0.1").exists()


def test_five_failures_from_one_address_lock_that_address_for_every_account(client, world):
    for name in ["a", "b", "c", "d", "e"]:
        _post_login(client, name, "wrong", address="10.1.1.1")
    assert _post_login(client, "planner", PASSWORD, address="10.1.1.1").status_code == 429
    assert _post_login(client, "planner", PASSWORD, address="10.1.1.2").status_code == 302


def test_a_lockout_ends_after_the_cool_off(client, world, settings):
    settings.AXES_COOLOFF_TIME = timedelta(minutes=30)
    for _ in range(5):
        _post_login(client, "mulei", "wrong")
    from axes.models import AccessAttempt

    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=31))
    assert _post_login(client, "mulei", PASSWORD).status_code == 302


def test_a_successful_login_is_recorded_with_its_address(client, world):
    assert _post_login(client, "planner", PASSWORD, address="10.2.2.2").status_code == 302
    record = AuditRecord.objects.get(event="login")
    assert (record.username, record.address, record.result) == ("planner", "10.2.2.2", "success")


# Passwords -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("password", ["abcdefghijkl", "abcdefgh1234", "ABCDEFGH1234", "Ab1!"])
def test_simple_or_short_passwords_are_refused(password, world):
    with pytest.raises(ValidationError):
        validate_password(password, world.users["mulei"])


def test_a_password_mixing_three_kinds_of_character_is_accepted(world):
    validate_password("Lantu-2026-plan", world.users["mulei"])


def test_a_recent_password_cannot_be_used_again(world):
    user = world.users["mulei"]
    for password in ["Lantu-2026-first", "Lantu-2026-second"]:
        user.set_password(password)
        user.save()
    with pytest.raises(ValidationError) as refused:
        validate_password("Lantu-2026-first", user)
    assert "password_reused" in [error.code for error in refused.value.error_list]


def test_an_expired_password_must_be_changed_before_anything_else(client, world):
    user = world.users["mulei"]
    AccountSecurity.objects.create(user=user, password_changed_at=timezone.now() - timedelta(days=91))
    client.force_login(user)
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith(reverse("password_change"))
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": "Lantu-2026-new", "new_password2": "Lantu-2026-new"},
    )
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    assert AuditRecord.objects.filter(event="password_change", username="mulei").exists()


def test_an_account_an_administrator_creates_changes_its_initial_password_at_first_login(client, world):
    client.force_login(world.users["admin"])
    response = client.post(
        reverse("admin:auth_user_add"),
        {
            "username": "newcomer",
            "password1": "Initial-2026-pw",
            "password2": "Initial-2026-pw",
            "usable_password": "true",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert AccountSecurity.objects.get(user__username="newcomer").must_change_password
    client.logout()
    _post_login(client, "newcomer", "Initial-2026-pw")
    response = client.get("/")
    assert response["Location"].startswith(reverse("password_change"))


# Sessions ------------------------------------------------------------------------------------------


def test_an_idle_session_is_logged_out(client, world, settings):
    settings.LANTU_SESSION_IDLE_MINUTES = 30
    _post_login(client, "mulei", PASSWORD)
    assert client.get("/").status_code == 200
    session = client.session
    session[SEEN_AT] = time.time() - 31 * 60
    session.save()
    response = client.get("/")
    assert response.status_code == 302 and "expired=1" in response["Location"]
    assert "_auth_user_id" not in client.session
    assert AuditRecord.objects.filter(event="session_expired", username="mulei", detail="idle").exists()


def test_a_session_ends_after_its_absolute_lifetime_even_when_busy(client, world, settings):
    settings.LANTU_SESSION_HOURS = 8
    _post_login(client, "mulei", PASSWORD)
    session = client.session
    session["lantu_login_at"] = time.time() - 8 * 3600 - 60
    session.save()
    response = client.get("/")
    assert response.status_code == 302 and "expired=1" in response["Location"]


# Two-factor login ----------------------------------------------------------------------------------


@pytest.fixture
def second_factor_on(settings):
    settings.LANTU_OTP_REQUIRED = True
    settings.LANTU_OTP_ROLES = ["admin", "planner"]
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # a wrong code slows the next try; not under test here


def test_a_planner_enrols_a_second_factor_before_reaching_any_page(client, world, second_factor_on):
    _post_login(client, "planner", PASSWORD)
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith(reverse("second_factor_enrol"))
    page = client.get(reverse("second_factor_enrol"))
    assert b"<svg" in page.content and b"otpauth" not in page.content  # drawn here, the key not leaked as URL
    device = TOTPDevice.objects.get(user=world.users["planner"])
    assert client.post(reverse("second_factor_enrol"), {"code": "000000"}).status_code == 200
    response = client.post(reverse("second_factor_enrol"), {"code": _code(device)})
    assert response.status_code == 302
    assert client.get("/").status_code == 200


def test_an_htmx_fragment_before_the_second_factor_swaps_in_no_page(client, world, second_factor_on):
    _post_login(client, "planner", PASSWORD)
    on_the_gate = client.get(
        "/notifications/bell/",
        HTTP_HX_REQUEST="true",
        HTTP_HX_CURRENT_URL="http://t/accounts/second-factor/enrol/",
    )
    assert (on_the_gate.status_code, on_the_gate.content, on_the_gate.get("HX-Redirect")) == (204, b"", None)
    elsewhere = client.get(
        "/notifications/bell/", HTTP_HX_REQUEST="true", HTTP_HX_CURRENT_URL="http://t/indicators/"
    )
    assert elsewhere.status_code == 204
    assert elsewhere["HX-Redirect"].startswith(reverse("second_factor_enrol"))


def test_an_enrolled_user_gives_a_code_at_every_login(client, world, second_factor_on):
    device = TOTPDevice.objects.create(user=world.users["planner"], name="TOTP", confirmed=True)
    _post_login(client, "planner", PASSWORD)
    assert client.get("/")["Location"].startswith(reverse("second_factor"))
    assert client.get("/api/v1/plans").status_code == 401  # the session is no login yet
    client.post(reverse("second_factor"), {"code": "123456" if _code(device) != "123456" else "654321"})
    assert client.get("/").status_code == 302
    client.post(reverse("second_factor"), {"code": _code(device)})
    assert client.get("/").status_code == 200
    assert AuditRecord.objects.filter(event="second_factor", result="failure").exists()


def test_a_reporter_logs_in_without_a_second_factor(client, world, second_factor_on):
    _post_login(client, "mulei", PASSWORD)
    assert client.get("/").status_code == 200


# API tokens ----------------------------------------------------------------------------------------


def _api(client, token, method="get", path="/api/v1/plans", **kwargs):
    return getattr(client, method)(path, HTTP_AUTHORIZATION=f"Bearer {token}", **kwargs)


def test_an_expired_token_no_longer_authenticates(client, world):
    token = api_token_create(user=world.users["planner"], days=1, now=timezone.now() - timedelta(days=2))
    assert _api(client, token).status_code == 401


def test_a_read_token_reads_and_may_not_write(client, world):
    token = api_token_create(user=world.users["planner"], scope="read", now=timezone.now())
    assert _api(client, token).status_code == 200
    response = _api(
        client,
        token,
        "post",
        f"/api/v1/indicators/{world.gdp.pk}/observations",
        data={"period": "2027", "value": "1"},
        content_type="application/json",
    )
    assert response.status_code == 403


def test_a_token_longer_than_the_setting_allows_is_refused(world, settings):
    settings.LANTU_API_TOKEN_DAYS = 90
    with pytest.raises(ValidationError):
        api_token_create(user=world.users["planner"], days=91, now=timezone.now())


def test_the_command_lists_and_revokes_tokens(client, world, capsys):
    call_command("api_token", "planner", "--scope", "read", "--days", "7")
    token = capsys.readouterr().out.strip()
    assert _api(client, token).status_code == 200
    call_command("api_token", "planner", "--list")
    listing = capsys.readouterr().out
    prefix = ApiToken.objects.get().prefix
    assert prefix in listing and "read" in listing and "live" in listing
    call_command("api_token", "--revoke", prefix)
    assert _api(client, token).status_code == 401
    with pytest.raises(CommandError):
        call_command("api_token", "--revoke", prefix)


def test_users_create_list_and_revoke_their_own_tokens_on_their_page(login, world, client):
    page = login("mulei")
    response = page.post(reverse("account_security"), {"name": "excel", "scope": "read", "days": "30"})
    token = response.context["new_token"]
    assert token.startswith("lantu_") and token.encode() in response.content
    stored = ApiToken.objects.get(user=world.users["mulei"])
    assert stored.scope == "read" and stored.expires_at.date() == (timezone.now() + timedelta(days=30)).date()
    other = ApiToken.objects.get(
        pk=ApiToken.objects.create(
            user=world.users["qitai"], prefix="lantu_other", digest="x" * 64, created_at=timezone.now()
        ).pk
    )
    assert page.post(reverse("api_token_revoke", args=[other.pk])).status_code == 404
    page.post(reverse("api_token_revoke", args=[stored.pk]))
    assert _api(Client(), token).status_code == 401


def test_no_user_exists_after_migrating_without_the_demo(db):
    assert not User.objects.exists()
