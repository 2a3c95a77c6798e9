"""The user's security page, the second factor (enrolment, verification), the forced password change."""

from django import forms
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from lantu.orgs.audit import Event, Result, audit_record
from lantu.orgs.middleware import account_facts
from lantu.orgs.models import ApiToken
from lantu.orgs.second_factor import (
    pending_device,
    qr_svg,
    second_factor_confirm,
    second_factor_off,
    second_factor_required,
)
from lantu.orgs.services import api_token_create, api_token_revoke


class TokenForm(forms.Form):
    code = forms.RegexField(
        label=gettext_lazy("Six-digit code"),
        regex=r"^\d{6}$",
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


class ApiTokenForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Label"), max_length=100, required=False)
    scope = forms.ChoiceField(label=gettext_lazy("Scope"), choices=ApiToken.Scope.choices)
    days = forms.IntegerField(label=gettext_lazy("Days valid"), min_value=1, initial=30)


def _next(request, default: str = "dashboard"):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect(default)


@login_required
def second_factor(request):
    """Ask for the code of the user's authenticator app after the password."""
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            audit_record(event=Event.SECOND_FACTOR, now=timezone.now(), request=request, detail="verified")
            return _next(request)
        audit_record(
            event=Event.SECOND_FACTOR,
            result=Result.FAILURE,
            now=timezone.now(),
            request=request,
            detail="wrong code",
        )
        form.add_error("code", _("The code is wrong or has expired; enter the one your app shows now."))
    return render(
        request, "registration/second_factor.html", {"form": form, "next": request.GET.get("next", "")}
    )


@login_required
def second_factor_enrol(request):
    """Show a QR code for the user's authenticator app and confirm it with a first code."""
    device = pending_device(request.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if second_factor_confirm(device=device, code=form.cleaned_data["code"]):
            otp_login(request, device)
            account_facts(request, refresh=True)
            audit_record(
                event=Event.SECOND_FACTOR, now=timezone.now(), request=request, detail="TOTP device enrolled"
            )
            messages.success(
                request, _("Two-factor login is on: from now on you log in with a code from your app.")
            )
            return _next(request, "account_security")
        form.add_error("code", _("The code is wrong or has expired; enter the one your app shows now."))
    context = {
        "form": form,
        "qr": qr_svg(device.config_url),
        "key": _grouped_key(device),
        "next": request.GET.get("next", ""),
    }
    return render(request, "registration/second_factor_enrol.html", context)


def _grouped_key(device: TOTPDevice) -> str:
    from base64 import b32encode

    key = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


@login_required
def account_security(request):
    """The user's own page: password, two-factor login and personal API tokens."""
    new_token = None
    form = ApiTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        new_token = api_token_create(
            user=request.user,
            name=form.cleaned_data["name"],
            scope=form.cleaned_data["scope"],
            days=form.cleaned_data["days"],
            now=timezone.now(),
        )
        form = ApiTokenForm()
    context = {
        "form": form,
        "new_token": new_token,
        "tokens": ApiToken.objects.filter(user=request.user).order_by("-created_at"),
        "has_device": TOTPDevice.objects.filter(user=request.user, confirmed=True).exists(),
        "required": second_factor_required(request.user),
        "now": timezone.now(),
    }
    return render(request, "registration/account_security.html", context)


@login_required
@require_POST
def api_token_revoke_view(request, pk: int):
    """Revoke one of the user's own tokens."""
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    api_token_revoke(token=token, now=timezone.now())
    messages.success(request, _("Token %(prefix)s… revoked.") % {"prefix": token.prefix})
    return redirect("account_security")


@login_required
@require_POST
def second_factor_remove(request):
    """Turn two-factor login off, where the user's role does not require it."""
    if second_factor_required(request.user):
        raise PermissionDenied(_("Your role requires two-factor login; it cannot be turned off."))
    second_factor_off(user=request.user)
    account_facts(request, refresh=True)
    return redirect("account_security")


class PasswordChange(auth_views.PasswordChangeView):
    """Django's password change, which also serves the forced change (initial, reset or expired password)."""

    template_name = "registration/password_change.html"
    success_url = reverse_lazy("dashboard")

    def form_valid(self, form):
        response = super().form_valid(form)
        account_facts(self.request, refresh=True)
        audit_record(event=Event.PASSWORD_CHANGE, now=timezone.now(), request=self.request)
        messages.success(self.request, _("Your password has been changed."))
        return response
