"""Supervision orders move issued → responded → closed / returned, each step recorded, by the right people."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError

from lantu.supervision import services
from lantu.supervision.models import SupervisionOrder

NOW = datetime(2026, 11, 2, 3, 0, tzinfo=UTC)  # as in conftest.py
DEADLINE = date(2026, 11, 20)


def _kinds(order):
    return list(order.steps.order_by("at", "pk").values_list("kind", flat=True))


def test_planner_issues_an_order_and_the_issue_step_is_recorded(order, world):
    assert order.state == "issued" and order.level == 0 and order.subject == world.mulei_project
    assert order.issued_by == world.users["planner"] and order.issued_at == NOW
    [step] = order.steps.all()
    assert (step.kind, step.actor, step.text) == ("issue", world.users["planner"], order.requirement)


@pytest.mark.parametrize("who", ["leader", "mulei", "industry"])
def test_only_the_planning_office_issues_orders(who, world, actors):
    with pytest.raises(PermissionDenied):
        services.order_issue(
            actor=actors[who],
            unit=world.mulei_county,
            item=world.task,
            title="督办",
            requirement="报告进展",
            deadline=DEADLINE,
            now=NOW,
        )
    assert not SupervisionOrder.objects.exists()


def test_issue_refuses_a_past_deadline_an_empty_requirement_and_two_subjects(world, actors):
    with pytest.raises(ValidationError) as refused:
        services.order_issue(
            actor=actors["planner"],
            unit=world.mulei_county,
            item=world.task,
            project=world.mulei_project,
            title="督办",
            requirement=" ",
            deadline=date(2026, 11, 1),
            now=NOW,
        )
    assert set(refused.value.message_dict) == {"subject", "requirement", "deadline"}
    assert not SupervisionOrder.objects.exists()


def test_the_database_refuses_an_order_without_exactly_one_subject(world):
    with pytest.raises(IntegrityError):
        SupervisionOrder.objects.create(
            title="x", unit=world.mulei_county, requirement="x", deadline=DEADLINE, issued_at=NOW
        )


def test_the_unit_answers_with_evidence_and_the_order_waits(order, world, actors, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    pdf = SimpleUploadedFile("整改报告.pdf", b"%PDF-1.4 evidence", content_type="application/pdf")
    step = services.order_respond(
        actor=actors["mulei"], order=order, text="已完成整改", evidence=pdf, now=NOW + timedelta(days=3)
    )
    order.refresh_from_db()
    assert order.state == "responded" and order.responded_at == NOW + timedelta(days=3)
    assert (step.kind, step.actor, step.evidence_name, step.evidence_size) == (
        "respond",
        world.users["mulei"],
        "整改报告.pdf",
        17,
    )
    assert step.evidence.read() == b"%PDF-1.4 evidence"


def test_evidence_follows_the_task_report_rules(order, actors):
    exe = SimpleUploadedFile("run.exe", b"MZ")
    with pytest.raises(ValidationError) as refused:
        services.order_respond(actor=actors["mulei"], order=order, text="已完成", evidence=exe, now=NOW)
    assert "evidence" in refused.value.message_dict
    order.refresh_from_db()
    assert order.state == "issued" and _kinds(order) == ["issue"]


def test_an_answer_needs_text(order, actors):
    with pytest.raises(ValidationError):
        services.order_respond(actor=actors["mulei"], order=order, text="  ", now=NOW)


@pytest.mark.parametrize("who", ["qitai", "industry", "planner", "leader"])
def test_only_the_ordered_unit_answers(who, order, actors):
    with pytest.raises(PermissionDenied):
        services.order_respond(actor=actors[who], order=order, text="已完成", now=NOW)
    order.refresh_from_db()
    assert order.state == "issued"


def test_the_planner_closes_an_answer_in_time_as_closed_on_time(order, world, actors):
    services.order_respond(actor=actors["mulei"], order=order, text="已完成", now=NOW + timedelta(days=1))
    services.order_close(actor=actors["planner"], order=order, text="同意销号", now=NOW + timedelta(days=2))
    order.refresh_from_db()
    assert order.state == "closed" and order.closed_on_time is True
    assert order.closed_by == world.users["planner"]
    assert _kinds(order) == ["issue", "respond", "close"]


def test_closing_after_the_deadline_is_recorded_as_late(order, actors):
    services.order_respond(actor=actors["mulei"], order=order, text="已完成", now=NOW)
    services.order_close(actor=actors["planner"], order=order, now=NOW + timedelta(days=30))
    order.refresh_from_db()
    assert order.closed_on_time is False


@pytest.mark.parametrize("who", ["mulei", "leader", "qitai"])
def test_only_the_office_closes_or_returns(who, order, actors):
    services.order_respond(actor=actors["mulei"], order=order, text="已完成", now=NOW)
    with pytest.raises(PermissionDenied):
        services.order_close(actor=actors[who], order=order, now=NOW)
    with pytest.raises(PermissionDenied):
        services.order_return(actor=actors[who], order=order, reason="不充分", now=NOW)
    order.refresh_from_db()
    assert order.state == "responded"


def test_an_unanswered_order_cannot_be_closed(order, actors):
    with pytest.raises(ValidationError):
        services.order_close(actor=actors["planner"], order=order, now=NOW)
    order.refresh_from_db()
    assert order.state == "issued"


def test_a_returned_order_is_answered_again_and_may_get_a_new_deadline(order, actors):
    services.order_respond(actor=actors["mulei"], order=order, text="已完成", now=NOW)
    with pytest.raises(ValidationError):
        services.order_return(actor=actors["planner"], order=order, reason="", now=NOW)
    services.order_return(
        actor=actors["planner"], order=order, reason="缺少佐证材料", deadline=date(2026, 12, 5), now=NOW
    )
    order.refresh_from_db()
    assert order.state == "returned" and order.deadline == date(2026, 12, 5)
    services.order_respond(actor=actors["mulei"], order=order, text="已补充材料", now=NOW)
    order.refresh_from_db()
    assert order.state == "responded"
    assert _kinds(order) == ["issue", "respond", "return", "respond"]


def test_a_closed_order_takes_no_more_answers(order, actors):
    services.order_respond(actor=actors["mulei"], order=order, text="已完成", now=NOW)
    services.order_close(actor=actors["planner"], order=order, now=NOW)
    with pytest.raises(ValidationError):
        services.order_respond(actor=actors["mulei"], order=order, text="再次", now=NOW)


def test_the_parent_units_reporter_may_answer_for_the_unit(order, world, actors):
    from lantu.orgs.access import actor_for
    from lantu.orgs.models import Membership

    user = world.users["leader"]
    Membership.objects.filter(user=user).update(role="reporter")
    services.order_respond(actor=actor_for(user), order=order, text="州级代为反馈", now=NOW)
    order.refresh_from_db()
    assert order.state == "responded"


def test_every_change_is_in_the_audit_trail(order, actors):
    services.order_respond(actor=actors["mulei"], order=order, text="已完成", now=NOW)
    services.order_close(actor=actors["planner"], order=order, now=NOW)
    assert list(order.history.order_by("history_id").values_list("state", flat=True)) == [
        "issued",
        "responded",
        "closed",
    ]


def test_deadline_day_itself_is_still_on_time(order, actors):
    from datetime import datetime

    from django.utils import timezone

    services.order_respond(actor=actors["mulei"], order=order, text="已完成", now=NOW)
    late_evening = timezone.make_aware(datetime.combine(DEADLINE, datetime.min.time())) + timedelta(hours=23)
    services.order_close(actor=actors["planner"], order=order, now=late_evening)
    order.refresh_from_db()
    assert order.closed_on_time is True


def test_a_county_planner_orders_only_on_its_own_countys_subjects_and_units(world, actors):
    from lantu.orgs.access import actor_for
    from lantu.orgs.models import Membership

    Membership.objects.filter(user=world.users["mulei"]).update(role="planner")
    county_planner = actor_for(world.users["mulei"])
    issue = {"title": "督办", "requirement": "报送措施", "deadline": date(2026, 12, 31), "now": NOW}
    with pytest.raises(PermissionDenied, match="管辖范围"):
        services.order_issue(
            actor=county_planner, unit=world.mulei_county, project=world.qitai_project, **issue
        )
    with pytest.raises(PermissionDenied, match="管辖范围"):
        services.order_issue(
            actor=county_planner, unit=world.qitai_county, project=world.mulei_project, **issue
        )
    assert not SupervisionOrder.objects.exists()
    made = services.order_issue(
        actor=county_planner, unit=world.mulei_county, project=world.mulei_project, **issue
    )
    assert made.unit == world.mulei_county
