"""The split editor's live sum check: the server (core.splits) recomputes the totals as the planner types."""

from decimal import Decimal as D

import pytest
from django.urls import reverse
from lxml import html

from lantu.indicators.models import Indicator


@pytest.fixture
def farmland(world) -> Indicator:
    """A prefecture level target 100 → 150 万亩 by 2030, not split yet."""
    return Indicator.objects.create(
        plan=world.plan,
        code="farmland",
        name="高标准农田面积",
        unit="万亩",
        attribute="expected",
        responsible_unit=world.drc,
        baseline_year=2025,
        baseline_value=D("100"),
        target_kind="level",
        target_year=2030,
        target_value=D("150"),
    )


def _rows(world, mulei=("40", "60"), qitai=("60", "90")) -> dict:
    form = {f"baseline-{world.mulei_county.pk}": mulei[0], f"target-{world.mulei_county.pk}": mulei[1]}
    return form | {f"baseline-{world.qitai_county.pk}": qitai[0], f"target-{world.qitai_county.pk}": qitai[1]}


def _check(client, farmland, form):
    response = client.post(
        reverse("indicators:split-check", args=[farmland.pk]), form, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    return html.fromstring(response.content.decode())


def _cell(fragment, selector: str) -> str:
    [cell] = fragment.xpath(f"//td[@{selector}]")
    return cell.text_content().strip()


def test_shares_that_add_up_show_their_totals_and_no_warning(login, world, farmland):
    fragment = _check(login("planner"), farmland, _rows(world))
    assert _cell(fragment, "data-total='target'") == "150"
    assert _cell(fragment, "data-total='baseline'") == "100"
    assert _cell(fragment, "data-diff='target'") == "0"
    assert not fragment.xpath("//*[@id='split-live']")


def test_shares_that_fall_short_show_the_difference_and_a_warning_and_nothing_is_saved(
    login, world, farmland
):
    fragment = _check(login("planner"), farmland, _rows(world, qitai=("60", "80")))
    [diff] = fragment.xpath("//td[@data-diff='target']")
    assert diff.text_content().strip() == "-10" and "off" in diff.get("class")
    assert fragment.xpath("//*[@id='split-live']")
    assert "10 万亩 less than the parent" in fragment.text_content()
    assert not farmland.shares.exists()


def test_a_row_that_is_not_a_number_is_named_and_left_out_of_the_totals(login, world, farmland):
    fragment = _check(login("planner"), farmland, _rows(world, qitai=("60", "九十")))
    assert _cell(fragment, "data-total='target'") == "60"
    assert "奇台县" in fragment.xpath("//*[contains(@class, 'split-uncounted')]")[0].text_content()


def test_rate_shares_are_averaged_by_the_server(login, world):
    growth = Indicator.objects.get(pk=world.gdp.pk)
    form = {f"baseline-{world.mulei_county.pk}": "100", f"target-{world.mulei_county.pk}": "6"}
    form |= {f"baseline-{world.qitai_county.pk}": "300", f"target-{world.qitai_county.pk}": "7"}
    fragment = _check(login("planner"), growth, form)
    assert _cell(fragment, "data-total='target'") == "6.75"  # (6 × 100 + 7 × 300) ÷ 400
    assert _cell(fragment, "data-total='baseline'") == "400"


def test_only_planners_may_ask_for_the_live_check(login, world, farmland):
    url = reverse("indicators:split-check", args=[farmland.pk])
    assert login("mulei").post(url, _rows(world)).status_code == 403


def test_the_editor_asks_the_server_instead_of_adding_up_in_javascript(login, world, farmland):
    page = login("planner").get(reverse("indicators:split", args=[farmland.pk])).content.decode()
    assert f'hx-post="{reverse("indicators:split-check", args=[farmland.pk])}"' in page
    assert "reduce(" not in page and "parseFloat" not in page
