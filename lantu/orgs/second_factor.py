"""Two-factor login with TOTP (django-otp): who needs it, enrolment and the QR code (drawn here, no CDN)."""

from io import BytesIO

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from lantu.orgs.access import actor_for
from lantu.orgs.duties import duty_of


def second_factor_required(user: User) -> bool:
    """Return whether the user's role or duty requires a second factor under the settings."""
    if not settings.LANTU_OTP_REQUIRED:
        return False
    if user.is_superuser or duty_of(user) is not None:
        return True
    return actor_for(user).role in settings.LANTU_OTP_ROLES


def needs_second_factor(user: User) -> str | None:
    """Return "verify" when the user has a device to prove, "enrol" when one is required but missing."""
    if user_has_device(user, confirmed=True):
        return "verify"
    return "enrol" if second_factor_required(user) else None


def qr_svg(text: str) -> str:
    """Return an SVG drawing of a QR code for text (an otpauth:// URL), to put inline in a page."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    buffer = BytesIO()
    image.save(buffer)
    svg = buffer.getvalue().decode()
    return svg[svg.index("<svg") :]  # drop the XML declaration


@transaction.atomic
def pending_device(user: User) -> TOTPDevice:
    """Return the user's unconfirmed TOTP device, creating one with a fresh key."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="TOTP", confirmed=False)
    return device


@transaction.atomic
def second_factor_confirm(*, device: TOTPDevice, code: str) -> bool:
    """Confirm an enrolment with the first code from the app; the new device replaces any older one."""
    if not device.verify_token(code):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    return True


@transaction.atomic
def second_factor_off(*, user: User) -> None:
    """Remove the user's TOTP devices."""
    TOTPDevice.objects.filter(user=user).delete()
