"""The supervision pages: issue from a subject, answer with evidence, close or send back, list and figures."""

import json
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation
from lxml import html

from lantu.supervision import services
from lantu.supervision.models import SupervisionOrder


@pytest.fixture(autouse=True)
def english(settings):
    """Render the pages in English."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def live_order(world, actors):
    """Return an order to 木垒 issued today, due in a week (pages read the real clock)."""
    return services.order_issue(
        actor=actors["planner"],
        unit=world.mulei_county,
        project=world.mulei_project,
        title="督办木垒县新能源项目进度",
        requirement="说明投资完成滞后原因",
        deadline=timezone.localdate() + timedelta(days=7),
        now=timezone.now(),
    )


def _doc(response):
    return html.fromstring(response.content.decode())


@pytest.mark.parametrize(
    ("page", "key"),
    [
        ("/plans/fyp15/items/{item}/", "item"),
        ("/projects/{project}/", "project"),
        ("/projects/problems/{problem}/", "problem"),
    ],
)
def test_subject_pages_offer_the_supervise_button_to_the_planner_only(page, key, login, world, problem):
    ids = {"item": world.task.pk, "project": world.mulei_project.pk, "problem": problem.pk}
    url = page.format(**ids)

    def panel(username: str):
        # The page only names its panel; the panel view loads the orders (no data loading in templates).
        placeholder = _doc(login(username).get(url)).xpath("//div[@id='supervision-panel']/@hx-get")
        assert placeholder == [f"/supervision/panel/?{key}={ids[key]}"]
        return _doc(login(username).get(placeholder[0]))

    button = panel("planner").xpath("//a[@id='supervise-button']")
    assert [b.get("href") for b in button] == [f"/supervision/new/?{key}={ids[key]}"]
    assert not panel("leader").xpath("//a[@id='supervise-button']")


def test_the_subject_panel_of_an_unknown_or_unnamed_subject_is_404(login, world):
    assert login("planner").get("/supervision/panel/?project=999999").status_code == 404
    assert login("planner").get("/supervision/panel/").status_code == 404


def test_the_issue_form_is_prefilled_from_the_subject_and_issues_the_order(login, world):
    client = login("planner")
    doc = _doc(client.get(f"/supervision/new/?project={world.mulei_project.pk}"))
    assert doc.xpath("//select[@name='unit']/option[@selected]/@value") == [str(world.mulei_county.pk)]
    assert "木垒县新能源项目" in doc.xpath("//input[@name='title']/@value")[0]
    deadline = (timezone.localdate() + timedelta(days=10)).isoformat()
    response = client.post(
        f"/supervision/new/?project={world.mulei_project.pk}",
        {"title": "督办进度", "unit": world.mulei_county.pk, "requirement": "报告整改", "deadline": deadline},
    )
    order = SupervisionOrder.objects.get()
    assert response.status_code == 302 and response.url == f"/supervision/{order.pk}/"
    assert order.project == world.mulei_project and order.issued_by == world.users["planner"]


def test_the_issue_form_shows_a_past_deadline_as_an_error_and_saves_nothing(login, world):
    response = login("planner").post(
        f"/supervision/new/?item={world.task.pk}",
        {"title": "督办", "unit": world.mulei_county.pk, "requirement": "报告", "deadline": "2020-01-01"},
    )
    assert response.status_code == 200 and b"The deadline cannot be in the past." in response.content
    assert not SupervisionOrder.objects.exists()


def test_a_leader_cannot_open_the_issue_form(login, world):
    assert login("leader").get(f"/supervision/new/?item={world.task.pk}").status_code == 403


def test_the_unit_answers_with_evidence_and_the_planner_closes(login, live_order, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    mulei = login("mulei")
    assert _doc(mulei.get(f"/supervision/{live_order.pk}/")).xpath("//form[@id='respond-form']")
    upload = SimpleUploadedFile("照片.png", b"\x89PNG evidence", content_type="image/png")
    response = mulei.post(f"/supervision/{live_order.pk}/respond/", {"text": "已整改", "evidence": upload})
    assert response.status_code == 302
    step = live_order.steps.get(kind="respond")
    download = mulei.get(f"/supervision/evidence/{step.pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"\x89PNG evidence"

    planner = login("planner")
    assert (
        planner.post(f"/supervision/{live_order.pk}/review/", {"close": "", "text": "同意销号"}).status_code
        == 302
    )
    live_order.refresh_from_db()
    assert live_order.state == "closed" and live_order.closed_on_time
    doc = _doc(planner.get(f"/supervision/{live_order.pk}/"))
    assert doc.xpath("//ol[@class='timeline']/li/@data-kind") == ["issue", "respond", "close"]
    assert "on time" in doc.xpath("string(//dd[@id='order-closed'])")


def test_another_county_can_neither_read_nor_answer_nor_download(
    login, live_order, world, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    services.order_respond(
        actor=services_actor(world, "mulei"),
        order=live_order,
        text="已整改",
        evidence=SimpleUploadedFile("a.pdf", b"%PDF"),
        now=timezone.now(),
    )
    step = live_order.steps.get(kind="respond")
    qitai = login("qitai")
    assert qitai.get(f"/supervision/{live_order.pk}/").status_code == 404
    assert qitai.post(f"/supervision/{live_order.pk}/respond/", {"text": "x"}).status_code == 404
    assert qitai.get(f"/supervision/evidence/{step.pk}/").status_code == 404


def test_the_unit_cannot_close_its_own_order(login, live_order, world):
    services.order_respond(
        actor=services_actor(world, "mulei"), order=live_order, text="已整改", now=timezone.now()
    )
    mulei = login("mulei")
    assert not _doc(mulei.get(f"/supervision/{live_order.pk}/")).xpath("//button[@id='order-close']")
    assert mulei.post(f"/supervision/{live_order.pk}/review/", {"close": ""}).status_code == 403
    live_order.refresh_from_db()
    assert live_order.state == "responded"


def test_sending_back_without_a_reason_is_refused_on_the_page(login, live_order, world):
    services.order_respond(
        actor=services_actor(world, "mulei"), order=live_order, text="已整改", now=timezone.now()
    )
    response = login("planner").post(f"/supervision/{live_order.pk}/review/", {"return": "", "text": ""})
    assert response.status_code == 400 and b"Say why the answer is sent back." in response.content
    live_order.refresh_from_db()
    assert live_order.state == "responded"


def test_the_list_shows_figures_by_unit_and_filters(login, live_order, world):
    client = login("planner")
    doc = _doc(client.get("/supervision/"))
    assert doc.xpath("string(//span[@id='kpi-open'])") == "1"
    assert doc.xpath("//table[@id='order-unit-table']//tr/@data-unit") == [str(world.mulei_county.pk)]
    [chart] = doc.xpath("//script[@id='order-unit-chart-options']/text()")
    assert json.loads(chart)["yAxis"]["data"] == ["木垒县"]
    assert len(doc.xpath("//table[@id='order-table']/tbody/tr")) == 1
    empty = _doc(client.get("/supervision/?show=closed"))
    assert not empty.xpath("//table[@id='order-table']")
    assert (
        len(
            _doc(client.get("/supervision/?show=all&unit=mulei")).xpath("//table[@id='order-table']/tbody/tr")
        )
        == 1
    )


def test_a_reporter_sees_its_open_orders_on_the_dashboard_and_leaders_the_overdue_ones(login, live_order):
    rows = _doc(login("mulei").get("/")).xpath("//section[@id='work-orders']//li//a/@href")
    assert rows == [f"/supervision/{live_order.pk}/"]
    assert not _doc(login("qitai").get("/")).xpath("//section[@id='work-orders']//li")
    assert not _doc(login("leader").get("/")).xpath("//section[@id='supervision-board']//tr/@data-order")
    SupervisionOrder.objects.filter(pk=live_order.pk).update(
        deadline=timezone.localdate() - timedelta(days=3)
    )
    board = _doc(login("leader").get("/")).xpath("//section[@id='supervision-board']")[0]
    assert board.xpath(".//tr/@data-order") == [str(live_order.pk)]
    assert "3 days overdue" in board.text_content()


def services_actor(world, name):
    from lantu.orgs.access import actor_for

    return actor_for(world.users[name])


def test_closing_with_a_new_deadline_is_refused_and_an_empty_issue_form_names_its_fields(
    login, live_order, world
):
    from lantu.orgs.access import actor_for
    from lantu.supervision import services

    services.order_respond(
        actor=actor_for(world.users["mulei"]), order=live_order, text="已整改", now=timezone.now()
    )
    planner = login("planner")
    refused = planner.post(
        f"/supervision/{live_order.pk}/review/", {"close": "", "text": "", "deadline": "2030-01-01"}
    )
    assert refused.status_code == 400 and "takes no new deadline" in refused.content.decode()
    live_order.refresh_from_db()
    assert live_order.state == "responded"
    empty = planner.post(f"/supervision/new/?item={world.task.pk}", {})
    assert empty.status_code == 200 and "This field is required" in empty.content.decode()
