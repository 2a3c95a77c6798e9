"""Accepting a scenario writes each project's factor guarantee, moves the ledger and keeps versions;
later runs keep the accepted projects unless the planner unlocks them."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from django.urls import reverse

from lantu.factors import guarantees, services
from lantu.factors.models import FactorProfile, Guarantee
from lantu.orgs.access import actor_for

NOW = datetime(2026, 11, 15, 9, 0, tzinfo=UTC)


def _run(world, name, **kwargs):
    return services.scenario_run(actor=actor_for(world.users["planner"]), name=name, now=NOW, **kwargs)


def _accept(world, scenario, now=NOW):
    return services.scenario_accept(actor=actor_for(world.users["planner"]), scenario=scenario, now=now)


def test_accepting_writes_each_funded_projects_guarantee_by_factor_and_year(world, factors):
    _accept(world, _run(world, "方案一"))
    rows = {
        (g.project.code, g.factor.code, g.year): g.amount
        for g in Guarantee.objects.filter(superseded_at=None)
    }
    assert rows == {("P-QT-1", "land", 2026): Decimal("300"), ("P-QT-1", "bond", 2027): Decimal("2.5")}


def test_the_ledger_shows_allocated_and_remaining_per_region_factor_and_year(world, factors, login):
    _accept(world, _run(world, "方案一"))
    [row] = guarantees.ledger_rows(actor=actor_for(world.users["leader"]))
    assert (row.region, row.year, row.quota, row.allocated, row.remaining) == (
        "全州",
        2026,
        Decimal("600"),
        Decimal("300"),
        Decimal("300"),
    )
    page = login("leader").get(reverse("factors:ledger")).content.decode()
    assert 'class="num allocated">300<' in page and 'remaining">300<' in page


def test_a_new_run_keeps_the_accepted_project_and_an_unlocked_one_may_move_with_its_reason(world, factors):
    _accept(world, _run(world, "方案一"))
    FactorProfile.objects.filter(project=world.mulei_project).update(value=Decimal("80"))
    kept = _run(world, "保持")
    assert [s["id"] for s in kept.result["selected"]] == ["P-QT-1"]
    assert "moves" not in kept.result
    moved = _run(world, "放开", unlocked=("P-QT-1",))
    assert [s["id"] for s in moved.result["selected"]] == ["P-ML-1"]
    reasons = {m["id"]: m["reason"] for m in moved.result["moves"]}
    assert reasons["P-QT-1"].startswith("未锁定，重新比选") and reasons["P-ML-1"].startswith("新入选")


def test_accepting_again_supersedes_the_guarantee_and_keeps_the_earlier_version(world, factors, login):
    _accept(world, _run(world, "方案一"))
    FactorProfile.objects.filter(project=world.mulei_project).update(value=Decimal("80"))
    second = _run(world, "放开", unlocked=("P-QT-1",))
    _accept(world, second, now=NOW + timedelta(days=1))
    qitai = guarantees.project_guarantee(actor=actor_for(world.users["planner"]), project=world.qitai_project)
    assert qitai.rows == [] and {g.version for g in qitai.history} == {1}
    assert all(g.superseded_at == NOW + timedelta(days=1) for g in qitai.history)
    mulei = guarantees.project_guarantee(actor=actor_for(world.users["mulei"]), project=world.mulei_project)
    assert [(g.factor.code, g.year, g.amount, g.version) for g in mulei.rows] == [
        ("land", 2026, Decimal("400"), 2)
    ]
    assert Guarantee.history.filter(superseded_at__isnull=False).exists()
    page = login("mulei").get(reverse("factors:guarantee", args=[world.mulei_project.pk])).content.decode()
    assert "version 2" in page and "400" in page


def test_the_bulletin_reads_the_guarantees_in_force_for_a_year(world, factors):
    _accept(world, _run(world, "方案一"))
    leader = actor_for(world.users["leader"])
    assert [
        (g.project.code, g.factor.code) for g in guarantees.guarantees_in_force(actor=leader, year=2027)
    ] == [("P-QT-1", "bond")]


def test_a_county_reporter_sees_only_its_own_projects_moves(world, factors, login):
    _accept(world, _run(world, "方案一"))
    FactorProfile.objects.filter(project=world.mulei_project).update(value=Decimal("80"))
    moved = _run(world, "放开", unlocked=("P-QT-1",))
    page = login("mulei").get(reverse("factors:scenario", args=[moved.pk])).content.decode()
    assert 'data-code="P-ML-1"' in page and 'data-code="P-QT-1"' not in page
    api = login("mulei").get(f"/api/v1/factors/scenarios/{moved.pk}").json()
    assert [m["id"] for m in api["result"]["moves"]] == ["P-ML-1"]


def test_the_project_page_loads_its_guarantee_in_force(world, factors, login):
    _accept(world, _run(world, "方案一"))
    client = login("planner")
    page = client.get(f"/projects/{world.qitai_project.pk}/").content.decode()
    url = reverse("factors:guarantee", args=[world.qitai_project.pk])
    assert f'hx-get="{url}"' in page
    fragment = client.get(url).content.decode()
    assert "300" in fragment and "2026" in fragment


def test_the_monthly_bulletin_lists_the_guarantees_in_force_of_its_scope(world, factors):
    from lantu.reports.document import Table
    from lantu.reports.exporters.bulletin import _guarantees

    _accept(world, _run(world, "方案一"))
    planner = actor_for(world.users["planner"])
    blocks = list(_guarantees(planner, world.plan, 2026, None))
    [table] = [b for b in blocks if isinstance(b, Table)]
    assert [list(row) for row in table.rows] == [
        ["P-QT-1 " + world.qitai_project.name, "新增建设用地", "300 亩", "—"]
    ]
    assert "“方案一”" in blocks[1].text
    mulei_only = list(_guarantees(planner, world.plan, 2026, frozenset({world.mulei_county.pk})))
    assert not [b for b in mulei_only if isinstance(b, Table)]
