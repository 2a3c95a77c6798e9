"""Target splits: planners split a target among units, the shares are checked and roll up to the parent."""

from datetime import UTC, datetime
from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from lantu.core.trajectory import Status
from lantu.indicators.models import Indicator, Observation
from lantu.indicators.splits import ShareInput, indicator_split, share_remove, split_panel
from lantu.orgs.access import actor_for

NOW = datetime(2027, 2, 1, tzinfo=UTC)


@pytest.fixture
def farmland(world) -> Indicator:
    """A prefecture level target (100 → 150 万亩 by 2030) of the DRC, linked to the task."""
    indicator = Indicator.objects.create(
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
    indicator.items.add(world.task)
    return indicator


def _actor(world, username: str):
    return actor_for(world.users[username])


def _split(world, parent, *rows, username="planner"):
    shares = [ShareInput(unit, D(b), D(t), D(w) if w else None) for unit, b, t, w in rows]
    return indicator_split(actor=_actor(world, username), parent=parent, shares=shares)


def _approve(indicator: Indicator, period: str, value: str) -> Observation:
    return Observation.objects.create(
        indicator=indicator, period=period, period_end=f"{period}-12-31", value=D(value), state="approved"
    )


def test_planner_splits_a_target_into_shares_of_their_units(world, farmland) -> None:
    result = _split(
        world, farmland, (world.mulei_county, "40", "60", None), (world.qitai_county, "60", "90", None)
    )
    assert result.warnings == [] and all(c.ok for c in result.checks)
    mulei = Indicator.objects.get(code="farmland-mulei")
    assert (mulei.split_of, mulei.responsible_unit, mulei.target_value) == (
        farmland,
        world.mulei_county,
        D("60"),
    )
    assert (mulei.unit, mulei.target_kind, mulei.target_year, mulei.attribute) == (
        "万亩",
        "level",
        2030,
        "expected",
    )
    assert mulei.name == "高标准农田面积（木垒县）"
    assert list(mulei.items.all()) == [world.task]
    assert mulei.history.filter(history_type="+").count() == 1 and not mulei.is_sample


def test_shares_that_do_not_add_up_are_saved_with_a_warning(world, farmland, settings) -> None:
    settings.LANGUAGE_CODE = "en"
    result = _split(
        world, farmland, (world.mulei_county, "40", "55", None), (world.qitai_county, "60", "90", None)
    )
    assert farmland.shares.count() == 2
    assert [c.ok for c in result.checks] == [False, True]
    assert result.warnings == [
        "The shares' targets come to 145 万亩, 5 万亩 less than the parent's target of 150 万亩."
    ]


def test_rate_shares_are_checked_as_a_weighted_average(world) -> None:
    gdp = world.gdp  # average annual growth 6.5 %
    even = _split(world, gdp, (world.mulei_county, "100", "7", "1"), (world.qitai_county, "300", "6", "1"))
    assert even.warnings == [] and Indicator.objects.get(code="gdp-mulei").target_rate == D("7")
    by_baseline = _split(
        world, gdp, (world.mulei_county, "100", "7", None), (world.qitai_county, "300", "6", None)
    )
    assert len(by_baseline.warnings) == 1 and "6.25%" in by_baseline.warnings[0]


@pytest.mark.parametrize("username", ["mulei", "industry", "leader"])
def test_only_planners_split_targets(world, farmland, username) -> None:
    with pytest.raises(PermissionDenied):
        _split(world, farmland, (world.mulei_county, "40", "60", None), username=username)
    assert not farmland.shares.exists()


def test_resplitting_updates_shares_and_removes_units_left_out(world, farmland) -> None:
    _split(world, farmland, (world.mulei_county, "40", "60", None), (world.qitai_county, "60", "90", None))
    result = _split(world, farmland, (world.mulei_county, "100", "150", None))
    assert result.removed == 1
    assert list(farmland.shares.values_list("code", "target_value")) == [("farmland-mulei", D("150"))]
    assert Indicator.history.filter(code="farmland-qitai", history_type="-").exists()


def test_a_share_with_values_cannot_be_removed(world, farmland) -> None:
    _split(world, farmland, (world.mulei_county, "40", "60", None), (world.qitai_county, "60", "90", None))
    qitai = Indicator.objects.get(code="farmland-qitai")
    _approve(qitai, "2026", "70")
    with pytest.raises(ValidationError, match="reported values"):
        share_remove(actor=_actor(world, "planner"), share=qitai)
    with pytest.raises(ValidationError, match="reported values"):
        _split(world, farmland, (world.mulei_county, "100", "150", None))
    assert farmland.shares.count() == 2
    assert Indicator.objects.get(code="farmland-mulei").target_value == D("60")  # nothing changed


def test_a_share_without_values_is_removed(world, farmland, login) -> None:
    _split(world, farmland, (world.mulei_county, "40", "60", None))
    share = Indicator.objects.get(code="farmland-mulei")
    assert login("mulei").post(reverse("indicators:share-remove", args=[share.pk])).status_code == 403
    response = login("planner").post(reverse("indicators:share-remove", args=[share.pk]))
    assert response.status_code == 302 and not farmland.shares.exists()


def test_a_share_is_not_split_again_and_the_prefecture_carries_no_share(world, farmland) -> None:
    _split(world, farmland, (world.mulei_county, "40", "60", None))
    share = Indicator.objects.get(code="farmland-mulei")
    with pytest.raises(ValidationError, match="itself a share"):
        _split(world, share, (world.qitai_county, "40", "60", None))
    with pytest.raises(ValidationError, match="cannot carry a share"):
        _split(world, farmland, (world.prefecture, "100", "150", None))


def test_split_page_is_prefilled_and_saving_warns_when_shares_do_not_add_up(world, farmland, login) -> None:
    _split(world, farmland, (world.mulei_county, "40", "60", None))
    client = login("planner")
    url = reverse("indicators:split", args=[farmland.pk])
    page = client.get(url).content.decode()
    assert f'name="target-{world.mulei_county.pk}" value="60"' in page
    assert "木垒哈萨克自治县" in page and "奇台县" in page and "州工业和信息化局" in page
    form = {f"baseline-{world.mulei_county.pk}": "40", f"target-{world.mulei_county.pk}": "60"}
    form |= {f"baseline-{world.qitai_county.pk}": "60", f"target-{world.qitai_county.pk}": "80"}
    response = client.post(url, form, follow=True)
    text = response.content.decode()
    assert "Split saved: 2 shares" in text
    assert "10 万亩 less than the parent&#x27;s target of 150 万亩" in text
    assert farmland.shares.count() == 2


def test_split_page_marks_a_bad_row_and_saves_nothing(world, farmland, login) -> None:
    client = login("planner")
    form = {f"baseline-{world.mulei_county.pk}": "40", f"target-{world.mulei_county.pk}": "六十"}
    response = client.post(reverse("indicators:split", args=[farmland.pk]), form)
    assert response.status_code == 200
    assert "Nothing was saved" in response.content.decode() and "is not a number" in response.content.decode()
    assert not farmland.shares.exists()


def test_reporters_and_leaders_cannot_open_the_split_editor(world, farmland, login) -> None:
    url = reverse("indicators:split", args=[farmland.pk])
    assert login("mulei").get(url).status_code == 403
    assert login("leader").get(url).status_code == 403


def _lagging_split(world, farmland):
    _split(world, farmland, (world.mulei_county, "40", "60", None), (world.qitai_county, "60", "90", None))
    mulei = Indicator.objects.get(code="farmland-mulei")
    qitai = Indicator.objects.get(code="farmland-qitai")
    _approve(mulei, "2026", "42")  # expected 44: 50 % of the way, off track
    _approve(qitai, "2026", "66.5")  # expected 66: on track
    return mulei, qitai


def test_parent_rolls_up_from_its_shares_and_names_the_one_dragging_it_down(world, farmland) -> None:
    mulei, qitai = _lagging_split(world, farmland)
    panel = split_panel(_actor(world, "leader"), farmland, now=NOW)
    assert panel.rollup.status == Status.OFF_TRACK
    assert panel.rollup.actual == pytest.approx(108.5) and panel.period == "2026"
    assert panel.rollup.achievement == pytest.approx(0.85)
    assert [row.indicator for row in panel.dragging] == [mulei]
    assert {row.indicator: row.assessment.status for row in panel.rows} == {
        mulei: Status.OFF_TRACK,
        qitai: Status.ON_TRACK,
    }
    assert not panel.can_split  # a leader reads


def test_indicator_page_shows_shares_roll_up_and_the_parent_link(world, farmland, login) -> None:
    mulei, _ = _lagging_split(world, farmland)
    client = login("planner")
    page = client.get(reverse("indicators:detail", args=[farmland.pk])).content.decode()
    assert 'id="splits"' in page and "Dragging the target down" in page
    assert 'data-share="farmland-mulei"' in page and "Edit split" in page
    assert "2 of 2 shares reported" in page
    share_page = client.get(reverse("indicators:detail", args=[mulei.pk])).content.decode()
    assert "Split from" in share_page and reverse("indicators:detail", args=[farmland.pk]) in share_page


def test_a_share_appears_in_its_county_reporters_entry_grid(world, farmland, login) -> None:
    _split(world, farmland, (world.mulei_county, "40", "60", None), (world.qitai_county, "60", "90", None))
    page = login("mulei").get(reverse("indicators:entry"), {"period": "2026"}).content.decode()
    assert "高标准农田面积（木垒县）" in page
    assert "高标准农田面积（奇台县）" not in page


def test_a_lagging_share_counts_in_its_countys_warnings(world, farmland) -> None:
    from lantu.indicators.selectors import indicator_rows

    _lagging_split(world, farmland)
    rows = indicator_rows(_actor(world, "leader"), now=NOW, unit="mulei", status="off_track")
    assert [row.indicator.code for row in rows] == ["farmland-mulei"]


def test_api_returns_the_shares_the_sum_checks_and_the_roll_up(world, farmland, login) -> None:
    mulei, _ = _lagging_split(world, farmland)
    data = login("leader").get(f"/api/v1/indicators/{farmland.pk}/shares").json()
    assert [s["code"] for s in data["shares"]] == ["farmland-mulei", "farmland-qitai"]
    assert [s["dragging"] for s in data["shares"]] == [True, False]
    assert [(c["measure"], c["ok"]) for c in data["checks"]] == [("target", True), ("baseline", True)]
    assert data["rollup"]["status"] == "off_track" and data["rollup"]["actual"] == pytest.approx(108.5)
    share = login("leader").get(f"/api/v1/indicators/{mulei.pk}/shares").json()
    assert share["parent_id"] == farmland.pk and share["shares"] == [] and share["rollup"] is None


def test_rate_split_page_takes_weights_and_checks_the_weighted_rate(world, login) -> None:
    client = login("planner")
    url = reverse("indicators:split", args=[world.gdp.pk])
    assert "Weight (optional)" in client.get(url).content.decode()
    mulei, qitai = world.mulei_county.pk, world.qitai_county.pk
    form = {f"baseline-{mulei}": "100", f"target-{mulei}": "7", f"weight-{mulei}": "1"}
    form |= {f"baseline-{qitai}": "300", f"target-{qitai}": "6", f"weight-{qitai}": "1"}
    text = client.post(url, form, follow=True).content.decode()
    assert "Split saved: 2 shares" in text and "percentage points" not in text
    assert Indicator.objects.get(code="gdp-qitai").split_weight == D("1")
    assert "Target split" in text and "Weight" in text


def test_a_rate_share_without_a_weight_needs_a_baseline_that_can_weigh(world) -> None:
    with pytest.raises(ValidationError, match="give a weight above zero"):
        _split(world, world.gdp, (world.mulei_county, "0", "7", None), (world.qitai_county, "0", "6", None))
    assert not world.gdp.shares.exists()


def test_resplitting_refuses_to_overwrite_a_share_target_that_was_adjusted(world, farmland) -> None:
    from lantu.indicators.services import target_revise

    _split(world, farmland, (world.mulei_county, "40", "60", None), (world.qitai_county, "60", "90", None))
    share = Indicator.objects.get(code="farmland-mulei")
    target_revise(
        actor=_actor(world, "planner"),
        indicator=share,
        kind="level",
        year=share.target_year,
        value="70",
        rate=None,
        label="中期调整",
        reason="州政府批复",
        adopted_on=NOW.date(),
        now=NOW,
    )
    with pytest.raises(ValidationError, match="its target was adjusted"):
        _split(
            world, farmland, (world.mulei_county, "40", "90", None), (world.qitai_county, "60", "90", None)
        )
    share.refresh_from_db()
    assert share.target_value == D("70")


def test_a_split_parent_keeps_its_target_kind_and_year_until_its_shares_go(world, farmland) -> None:
    from lantu.indicators.services import target_revise

    _split(world, farmland, (world.mulei_county, "40", "60", None), (world.qitai_county, "60", "90", None))
    revise = {"actor": _actor(world, "planner"), "indicator": farmland, "label": "中期调整", "reason": "决定"}
    with pytest.raises(ValidationError, match="split among units"):
        target_revise(
            **revise,
            kind="annual_growth",
            year=farmland.target_year,
            value=None,
            rate="5",
            adopted_on=NOW.date(),
            now=NOW,
        )
    version = target_revise(
        **revise,
        kind="level",
        year=farmland.target_year,
        value="160",
        rate=None,
        adopted_on=NOW.date(),
        now=NOW,
    )
    assert version.number == 2
