"""An approved value stays in force until its correction is approved; drafts never displace it."""

import io
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from lantu.indicators import excel
from lantu.indicators.models import Observation
from lantu.indicators.selectors import indicator_page, indicator_rows
from lantu.indicators.services import observation_approve, observation_return, observation_save
from lantu.orgs.access import actor_for
from lantu.orgs.services import api_token_create

NOW = datetime(2027, 11, 15, tzinfo=UTC)


def _actor(world, name):
    return actor_for(world.users[name])


def _enter(world, indicator, value, *, user="industry", submit=True, period="2026"):
    return observation_save(
        actor=_actor(world, user), indicator=indicator, period=period, value=value, submit=submit, now=NOW
    )


@pytest.fixture
def approved(world, output):
    """The industry bureau's 2026 value 112, approved by the planner: on track."""
    observation = _enter(world, output, "112")
    return observation_approve(actor=_actor(world, "planner"), observation=observation, now=NOW)


def _row(world, indicator):
    [row] = [r for r in indicator_rows(_actor(world, "leader"), now=NOW) if r.indicator.pk == indicator.pk]
    return row


def test_a_draft_correction_does_not_erase_the_approved_value(world, output, approved):
    before = _row(world, output)
    assert before.latest.pk == approved.pk and before.status == "on_track"
    draft = _enter(world, output, "90", submit=False)
    assert draft.pk != approved.pk and draft.state == "draft"
    approved.refresh_from_db()
    assert (approved.state, approved.value) == ("approved", Decimal("112"))
    after = _row(world, output)
    assert after.latest.pk == approved.pk and after.status == before.status
    page = indicator_page(_actor(world, "planner"), output.pk, now=NOW)
    assert page.assessment.latest.pk == approved.pk
    assert page.corrections == {approved.pk: draft}


def test_a_returned_correction_leaves_the_approved_value_as_it_was(world, output, approved):
    correction = _enter(world, output, "90")
    observation_return(actor=_actor(world, "planner"), observation=correction, reason="口径有误", now=NOW)
    approved.refresh_from_db()
    assert (approved.state, approved.superseded, approved.value) == ("approved", False, Decimal("112"))
    assert _row(world, output).latest.pk == approved.pk


def test_approving_a_correction_supersedes_the_value_it_corrects(world, output, approved):
    correction = _enter(world, output, "90")
    observation_approve(actor=_actor(world, "planner"), observation=correction, now=NOW)
    approved.refresh_from_db()
    assert approved.superseded and approved.state == "approved"
    row = _row(world, output)
    assert row.latest.pk == correction.pk and row.latest.value == Decimal("90")
    assert row.status == "off_track"
    # Correcting again starts revision 3 beside the new value in force.
    third = _enter(world, output, "111")
    assert third.revision == 3 and _row(world, output).latest.pk == correction.pk


def test_the_api_records_a_correction_beside_an_approved_value(client, world, output, approved):
    token = api_token_create(user=world.users["industry"], now=timezone.now())
    response = client.post(
        f"/api/v1/indicators/{output.pk}/observations",
        {"period": "2026", "value": "90"},
        "application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["id"] != approved.pk and (body["state"], body["revision"]) == ("submitted", 2)
    approved.refresh_from_db()
    assert (approved.state, approved.value) == ("approved", Decimal("112"))


def test_an_excel_upload_records_a_correction_beside_an_approved_value(world, output, approved):
    actor = _actor(world, "industry")
    book = load_workbook(io.BytesIO(excel.template(actor, NOW)))
    sheet = book.worksheets[0]
    for row in sheet.iter_rows(min_row=2):
        if row[1].value == "output" and row[4].value == "2026":
            row[5].value = 95
    out = io.BytesIO()
    book.save(out)
    result = excel.upload(actor, out.getvalue(), submit=True, now=NOW)
    assert (result.errors, result.changed) == ([], 1)
    approved.refresh_from_db()
    assert (approved.state, approved.value) == ("approved", Decimal("112"))
    assert Observation.objects.get(indicator=output, revision=2).state == "submitted"


def test_the_entry_grid_records_a_correction_beside_an_approved_value(login, world, output, approved):
    response = login("industry").post(
        reverse("indicators:entry") + "?period=2026",
        {"period": "2026", f"value-{output.pk}": "95", "action": "save"},
    )
    assert response.status_code == 302
    approved.refresh_from_db()
    assert (approved.state, approved.value) == ("approved", Decimal("112"))
    assert Observation.objects.get(indicator=output, revision=2).state == "draft"


def test_the_indicator_page_shows_a_pending_correction_beside_the_approved_value(
    login, world, output, approved
):
    correction = _enter(world, output, "95")
    page = login("planner").get(reverse("indicators:detail", args=[output.pk])).content.decode()
    assert f'data-correction="{correction.pk}"' in page and "pending correction" in page
    assert f'data-corrected-by="{correction.pk}"' in page and "by industry" in page
    assert "112" in page.split("Latest approved")[1][:400]


def test_the_review_queue_shows_the_approved_value_a_correction_replaces(login, world, output, approved):
    correction = _enter(world, output, "95")
    page = login("planner").get(reverse("indicators:review")).content.decode()
    assert f'data-observation="{correction.pk}"' in page and f'data-replaces="{approved.pk}"' in page


def test_a_planner_cannot_approve_a_value_they_entered(world):
    value = _enter(world, world.gdp, "2700", user="planner", period="2027")
    with pytest.raises(PermissionDenied, match="another person"):
        observation_approve(actor=_actor(world, "planner"), observation=value, now=NOW)
    value.refresh_from_db()
    assert value.state == "submitted"
    assert observation_approve(actor=_actor(world, "admin"), observation=value, now=NOW).state == "approved"


def test_a_lagging_indicator_stays_on_the_leaders_warning_list_while_its_correction_waits(
    login, world, output
):
    lagging = _enter(world, output, "100")  # expected about 110 by the end of 2026
    observation_approve(actor=_actor(world, "planner"), observation=lagging, now=NOW)

    def warned() -> bool:
        page = login("leader").get("/").content.decode()
        attention = page.split('class="card attention"')[1].split("</section>")[0]
        return 'data-indicator="output"' in attention

    assert warned()
    _enter(world, output, "130", submit=False)
    assert warned()
    _enter(world, output, "130")
    assert warned()
