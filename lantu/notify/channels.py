"""Send one message on an outside channel: e-mail (Django's mail settings), 企业微信 and 钉钉 group robots.

Group robots take their documented JSON: ``{"msgtype": "text", "text": {"content": ...}}``; a DingTalk
robot with a signing secret wants ``timestamp`` and ``sign`` in its address, where sign is the url-encoded
base64 of HMAC-SHA256 over ``timestamp + "\\n" + secret`` keyed with the secret. Both answer
``{"errcode": 0, ...}`` when they took the message. Every failure raises, so the job retries.
"""

import base64
import hashlib
import hmac
import json
import urllib.parse
import urllib.request
from datetime import datetime

from django.conf import settings
from django.core.mail import send_mail

TIMEOUT = 10  # seconds


class ChannelError(Exception):
    """The channel did not take the message."""


def dingtalk_sign(secret: str, timestamp_ms: int) -> str:
    """Return DingTalk's url-encoded signature of the timestamp."""
    to_sign = f"{timestamp_ms}\n{secret}".encode()
    digest = hmac.new(secret.encode(), to_sign, hashlib.sha256).digest()
    return urllib.parse.quote_plus(base64.b64encode(digest))


def dingtalk_url(url: str, secret: str, now: datetime) -> str:
    """Return the robot's address with timestamp and signature when it has a secret."""
    if not secret:
        return url
    timestamp = int(now.timestamp() * 1000)
    joiner = "&" if "?" in url else "?"
    return f"{url}{joiner}timestamp={timestamp}&sign={dingtalk_sign(secret, timestamp)}"


def robot_payload(content: str) -> dict:
    """Return the text message both robots take."""
    return {"msgtype": "text", "text": {"content": content}}


def post_robot(url: str, content: str) -> None:
    """Post a text message to a group robot; raise ChannelError unless it answers errcode 0."""
    body = json.dumps(robot_payload(content), ensure_ascii=False).encode()
    request = urllib.request.Request(
        url, data=body, method="POST", headers={"Content-Type": "application/json; charset=utf-8"}
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310 (configured robots)
            answer = json.loads(response.read().decode() or "{}")
    except (OSError, ValueError) as exc:
        raise ChannelError(str(exc)) from exc
    if answer.get("errcode", 0) != 0:
        raise ChannelError(f"errcode {answer.get('errcode')}: {answer.get('errmsg', '')}")


def send_email(to: str, subject: str, body: str) -> None:
    """Send one e-mail through Django's mail settings."""
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to], fail_silently=False)
