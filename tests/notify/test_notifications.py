"""Notifications: events reach the inbox, e-mail and group robots in Chinese; failures never block."""

import base64
import hashlib
import hmac
import urllib.parse
from datetime import date, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from lantu.dispatch import services as dispatch
from lantu.dispatch.models import ProgressReport
from lantu.jobs.models import Job
from lantu.notify import channels, services
from lantu.notify.models import Delivery, Notification, Preference, ReminderSent, Webhook
from lantu.supervision import services as supervision


@pytest.fixture
def submitted(world, open_period, actors, now):
    """A September report of 木垒's project, submitted by 木垒."""
    report = ProgressReport.objects.create(
        project=world.mulei_project, period="2026-09", completed_investment=100, cumulative_investment=100
    )
    report.entered_by = world.users["mulei"]
    report.save()
    return dispatch.report_submit(actor=actors["mulei"], report=report, now=now)


def _issue(world, actors, now, deadline: date):
    """Issue an order on 木垒's project to 木垒, as the planner."""
    return supervision.order_issue(
        actor=actors["planner"],
        unit=world.mulei_county,
        title="加快木垒项目进度",
        requirement="说明滞后原因",
        deadline=deadline,
        now=now,
        project=world.mulei_project,
    )


def test_returned_report_tells_its_unit_why_in_chinese(world, submitted, actors, now):
    dispatch.report_return(actor=actors["planner"], report=submitted, reason="投资数据与台账不符", now=now)
    note = Notification.objects.get(user=world.users["mulei"])
    assert note.kind == "returned"
    assert note.text.startswith("已退回：") and note.text.endswith("退回原因：投资数据与台账不符")
    assert note.url == reverse("projects:report", args=[submitted.pk])
    assert not Notification.objects.filter(user=world.users["planner"]).exists()  # not the one who acted


def test_approval_is_announced_once_by_the_review_rule(world, submitted, actors, now):
    dispatch.report_approve(actor=actors["planner"], report=submitted, now=now)
    assert list(Notification.objects.values_list("user__username", "kind")) == [("mulei", "approved")]


def test_email_preference_sends_one_chinese_mail(world, submitted, actors, now):
    mulei = world.users["mulei"]
    mulei.email = "mulei@example.gov.cn"
    mulei.save()
    Preference.objects.create(user=mulei, kind="returned", inbox=True, email=True)
    dispatch.report_return(actor=actors["planner"], report=submitted, reason="缺少佐证材料", now=now)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["mulei@example.gov.cn"]
    assert message.subject == "【蓝图】退回修改" and "退回原因：缺少佐证材料" in message.body


def test_digest_collects_the_day_into_one_mail(world, submitted, actors, now):
    mulei = world.users["mulei"]
    mulei.email = "mulei@example.gov.cn"
    mulei.save()
    Preference.objects.create(user=mulei, kind="returned", inbox=True, email=True, digest=True)
    dispatch.report_return(actor=actors["planner"], report=submitted, reason="缺少佐证材料", now=now)
    assert mail.outbox == []
    from lantu.jobs.services import Progress
    from lantu.notify.jobs import daily_digest

    assert daily_digest(progress=Progress()) == 1
    assert len(mail.outbox) == 1 and "每日汇总：1 条消息" in mail.outbox[0].subject
    assert daily_digest(progress=Progress()) == 0


def test_supervision_order_reaches_the_units_group_robots(world, actors, now, receiver):
    Webhook.objects.create(unit=world.mulei_county, kind="wecom", url=receiver.url)
    Webhook.objects.create(unit=world.mulei_county, kind="dingtalk", url=receiver.url, secret="SEC123")
    _issue(world, actors, now, date(2026, 10, 20))
    expected = "【蓝图】督办单已下达\n督办单已下达：加快木垒项目进度，请于 2026-10-20 前答复。"
    assert receiver.received == [{"msgtype": "text", "text": {"content": expected}}] * 2
    wecom_path, dingtalk_path = receiver.paths
    assert "timestamp=" not in wecom_path
    query = urllib.parse.parse_qs(urllib.parse.urlparse(dingtalk_path).query)
    timestamp, sign = query["timestamp"][0], query["sign"][0]
    digest = hmac.new(b"SEC123", f"{timestamp}\nSEC123".encode(), hashlib.sha256).digest()
    assert sign == base64.b64encode(digest).decode()


def test_dingtalk_signature_follows_the_documented_example():
    # HMAC-SHA256 of "timestamp\nsecret" keyed with the secret, base64, then url-encoded
    sign = channels.dingtalk_sign("SECxyz", 1700000000000)
    raw = base64.b64encode(hmac.new(b"SECxyz", b"1700000000000\nSECxyz", hashlib.sha256).digest()).decode()
    assert sign == urllib.parse.quote_plus(raw) and "%" in sign or sign == raw


def test_a_failing_robot_is_retried_and_never_blocks_the_action(world, actors, now, receiver):
    Webhook.objects.create(unit=world.mulei_county, kind="wecom", url=receiver.url)
    receiver.answers = [(500, {}), (200, {"errcode": 93000, "errmsg": "invalid webhook url"})]
    order = _issue(world, actors, now, date(2026, 10, 20))
    assert order.pk is not None  # the order stands whatever the robot said
    delivery = Delivery.objects.get()
    assert (delivery.state, delivery.attempts) == ("sent", 3)
    assert len(receiver.received) == 3
    assert Job.objects.get(subject=f"delivery:{delivery.pk}").state == "done"


def test_a_robot_that_never_answers_fails_its_delivery_but_not_the_order(world, actors, now):
    Webhook.objects.create(unit=world.mulei_county, kind="wecom", url="http://127.0.0.1:9/nothing")
    order = _issue(world, actors, now, date(2026, 10, 20))
    assert order.state == "issued"
    assert Notification.objects.filter(user=world.users["mulei"], kind="order_issued").exists()
    delivery = Delivery.objects.get()
    assert delivery.state == "failed" and delivery.attempts == services.DELIVERY_ATTEMPTS
    job = Job.objects.get(subject=f"delivery:{delivery.pk}")
    assert job.state == "failed" and job.error.startswith("任务失败：")


def test_escalation_tells_the_unit_it_is_overdue_and_the_parent_it_is_escalated(world, actors, now):
    order = _issue(world, actors, now, date(2026, 10, 5))
    supervision.orders_escalate(now=now + timedelta(days=5))
    kinds = set(Notification.objects.filter(user=world.users["mulei"]).values_list("kind", flat=True))
    assert kinds == {"order_issued", "order_overdue"}
    leader = Notification.objects.get(user=world.users["leader"])
    assert leader.kind == "order_escalated" and "升级至昌吉州" in leader.text
    assert leader.url == reverse("supervision:detail", args=[order.pk])


def test_send_reminder_to_one_unit_records_who_and_when(world, open_period, login):
    client = login("planner")
    response = client.post(reverse("notify:remind"), {"unit": "mulei"})
    assert response.status_code == 302
    sent = ReminderSent.objects.get()
    assert (sent.unit, sent.sent_by, sent.due + sent.overdue) == (
        world.mulei_county,
        world.users["planner"],
        1,
    )
    note = Notification.objects.get(user=world.users["mulei"])
    assert note.text == "催报：贵单位尚有 1 项进展报告未报送（2026-09），请尽快报送。"
    assert not Notification.objects.filter(user=world.users["qitai"]).exists()
    log = client.get(reverse("notify:reminder_log")).content.decode()
    assert "木垒县" in log and "planner" in log


def test_send_reminder_to_all_reaches_every_unit_that_owes(world, open_period, login):
    login("planner").post(reverse("notify:remind"))
    assert set(ReminderSent.objects.values_list("unit__code", flat=True)) == {"mulei", "qitai"}


def test_only_the_planning_office_sends_reminders(world, open_period, login):
    assert login("mulei").post(reverse("notify:remind")).status_code == 403
    assert not ReminderSent.objects.exists()


def test_bell_counts_unread_and_the_inbox_marks_read(world, login, now):
    services.notify_event(
        kind="document_ready", users=[world.users["mulei"].pk], context={"title": "年度盘点.docx"}, now=now
    )
    client = login("mulei")
    assert ">1</span>" in client.get(reverse("notify:bell")).content.decode()
    page = client.get(reverse("notify:inbox")).content.decode()
    assert "文档已生成：年度盘点.docx" in page
    client.post(reverse("notify:inbox"))
    assert ">1</span>" not in client.get(reverse("notify:bell")).content.decode()


def test_scheduled_opening_opens_last_month_and_tells_the_reporters(world, open_period):
    from lantu.dispatch.jobs import open_last_month
    from lantu.jobs.services import Progress

    assert open_last_month(progress=Progress()) == [f"{world.plan.pk}:{_last_month()}"]
    assert open_last_month(progress=Progress()) == []
    texts = Notification.objects.filter(user=world.users["mulei"]).values_list("text", flat=True)
    assert [t.startswith(f"{_last_month()} 调度填报已开启") for t in texts] == [True]


def _last_month() -> str:
    today = timezone.localdate()
    first = today.replace(day=1) - timedelta(days=1)
    return f"{first.year}-{first.month:02d}"


def test_deadline_reminders_go_out_n_days_before(world, open_period, settings):
    from lantu.jobs.services import Progress
    from lantu.notify.jobs import deadline_reminders

    open_period.deadline = timezone.localdate() + timedelta(days=3)
    open_period.save()
    settings.LANTU_REMIND_DAYS_BEFORE = [3]
    assert deadline_reminders(progress=Progress()) == 2
    note = Notification.objects.get(user=world.users["mulei"])
    assert note.kind == "report_due" and "距截止还有 3 天" in note.text


def test_an_indicator_turning_seriously_lagging_tells_its_responsible_unit(world, actors):
    from datetime import UTC, datetime
    from decimal import Decimal

    from lantu.indicators import services as indicators
    from lantu.indicators.models import Observation

    low = Observation.objects.create(
        indicator=world.gdp,
        period="2027",
        period_end=date(2027, 12, 31),
        value=Decimal("2300"),
        state="submitted",
        entered_by=world.users["industry"],
    )
    when = datetime(2028, 3, 1, tzinfo=UTC)
    indicators.observation_approve(actor=actors["admin"], observation=low, now=when)
    lagging = Notification.objects.filter(kind="indicator_off_track")
    assert sorted(lagging.values_list("user__username", flat=True)) == ["leader", "planner"]
    assert lagging.first().text == "指标严重滞后：地区生产总值"
    assert lagging.first().url == reverse("indicators:detail", args=[world.gdp.pk])


def test_a_late_approval_reminds_its_granting_department_and_the_projects_units(world, catalogue, settings):
    from lantu.jobs.services import Progress
    from lantu.notify.jobs import procedure_reminders
    from lantu.projects.models import ProjectProcedure

    late_by = 3
    ProjectProcedure.objects.create(
        project=world.mulei_project,
        kind=catalogue.land,
        department=catalogue.land_bureau,
        planned_date=timezone.localdate() - timedelta(days=late_by),
    )
    settings.LANTU_REMIND_DAYS_AFTER = [late_by]
    assert procedure_reminders(progress=Progress()) == 1
    told = set(Notification.objects.filter(kind="procedure_overdue").values_list("user__username", flat=True))
    assert {"land", "mulei"} <= told
    note = Notification.objects.filter(user__username="land").get()
    assert "用地预审与选址意见书" in note.text and "P-ML-1" in note.text and "3" in note.text
    settings.LANTU_REMIND_DAYS_AFTER = [1]
    assert procedure_reminders(progress=Progress()) == 0  # only on the days set, not every day
