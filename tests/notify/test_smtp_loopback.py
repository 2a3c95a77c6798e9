"""One real SMTP conversation on loopback (aiosmtpd): the e-mail channel through Django's SMTP backend."""

import email
import socket
from email.header import decode_header, make_header

import pytest
from aiosmtpd.controller import Controller

from lantu.notify import services
from lantu.notify.models import Delivery, Preference


class Collect:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.rcpt_tos, envelope.content))
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp(settings):
    handler = Collect()
    controller = Controller(handler, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    yield handler
    controller.stop()


def test_smtp_server_on_loopback_receives_exactly_the_chinese_message(world, smtp, now):
    mulei = world.users["mulei"]
    mulei.email = "mulei@example.gov.cn"
    mulei.save()
    Preference.objects.create(user=mulei, kind="document_ready", inbox=False, email=True)
    services.notify_event(
        kind="document_ready", users=[mulei.pk], context={"title": "年度盘点.docx"}, now=now
    )
    assert len(smtp.messages) == 1
    recipients, raw = smtp.messages[0]
    message = email.message_from_bytes(raw)
    assert recipients == ["mulei@example.gov.cn"]
    assert str(make_header(decode_header(message["Subject"]))) == "【蓝图】文档已生成"
    assert message.get_payload(decode=True).decode("utf-8").strip() == "文档已生成：年度盘点.docx"
    assert Delivery.objects.get().state == "sent"
