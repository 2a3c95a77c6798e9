"""Plan-system alignment (规划体系衔接): links up, who may make them, the refusals, the view and the pages."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from lantu.orgs.access import actor_for
from lantu.plans.alignment import alignment_add, alignment_remove, alignment_update
from lantu.plans.alignment_selectors import alignment_view, item_alignment
from lantu.plans.models import Alignment, Plan, PlanItem


@pytest.fixture(autouse=True)
def english(settings):
    """Render pages and messages in English unless a test asks for Chinese."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def actor(world, name):
    return actor_for(world.users[name])


def link(world, item, target, kind="supports", user="planner"):
    return alignment_add(actor=actor(world, user), item=item, target=target, kind=kind)


# --- services and permissions -------------------------------------------------------------------


def test_planner_links_a_special_plan_item_to_a_master_task_with_history(world, system):
    made = link(world, system.eco_air, world.task, kind="implements")
    assert (made.item, made.target, made.kind) == (system.eco_air, world.task, "implements")
    assert made.history.get().history_type == "+"


def test_planner_links_a_county_item_to_a_special_plan_item(world, system):
    link(world, system.county_task, system.eco_air)
    assert system.county_task.alignments.get().target == system.eco_air


@pytest.mark.parametrize("user", ["mulei", "industry", "leader"])
def test_reporters_and_leaders_may_not_link(world, system, user):
    with pytest.raises(PermissionDenied):
        link(world, system.county_task, world.task, user=user)
    assert not Alignment.objects.exists()


def test_admin_may_link(world, system):
    assert link(world, system.county_task, world.task, user="admin").pk


def _message(error: ValidationError) -> str:
    return "；".join(error.messages)


@pytest.mark.parametrize(
    ("case", "chinese"),
    [
        ("itself", "不能与自身衔接"),
        ("same plan", "都属于"),
        ("from the master", "是总体规划"),
        ("down to a county plan", "并非"),
        ("county to county", "并非"),
        ("twice", "已衔接到"),
    ],
)
def test_bad_links_are_refused_with_a_chinese_message(world, system, case, chinese):
    other_county = Plan.objects.create(
        code="qitai-plan",
        name="奇台县规划",
        kind="local",
        start_year=2026,
        end_year=2030,
        baseline_year=2025,
        owner=world.qitai_county,
    )
    other_item = PlanItem.objects.create(plan=other_county, code="1", level="goal", title="奇台目标")
    pairs = {
        "itself": (system.eco_air, system.eco_air),
        "same plan": (system.eco_air, system.eco_goal),
        "from the master": (world.task, system.eco_air),
        "down to a county plan": (system.eco_air, system.county_task),
        "county to county": (system.county_task, other_item),
        "twice": (system.eco_air, world.task),
    }
    if case == "twice":
        link(world, system.eco_air, world.task)
    item, target = pairs[case]
    before = Alignment.objects.count()
    with translation.override("zh-hans"), pytest.raises(ValidationError) as error:
        link(world, item, target, user="admin")
    assert chinese in _message(error.value)
    assert Alignment.objects.count() == before


def test_an_unknown_kind_is_refused(world, system):
    with pytest.raises(ValidationError):
        link(world, system.eco_air, world.task, kind="owns")


def test_database_refuses_a_link_to_itself_and_a_second_identical_link(world, system):
    from django.db import IntegrityError, transaction

    with transaction.atomic(), pytest.raises(IntegrityError):
        Alignment.objects.create(item=system.eco_air, target=system.eco_air)
    Alignment.objects.create(item=system.eco_air, target=world.task)
    with transaction.atomic(), pytest.raises(IntegrityError):
        Alignment.objects.create(item=system.eco_air, target=world.task)


def test_removing_a_link_keeps_it_in_the_history(world, system):
    made = link(world, system.eco_air, world.task)
    with pytest.raises(PermissionDenied):
        alignment_remove(actor=actor(world, "mulei"), alignment=made)
    alignment_remove(actor=actor(world, "planner"), alignment=made)
    assert not Alignment.objects.exists()
    assert list(Alignment.history.order_by("history_date").values_list("history_type", flat=True)) == [
        "+",
        "-",
    ]


def test_model_validation_applies_the_same_rules_in_the_admin(world, system):
    with pytest.raises(ValidationError):
        Alignment(item=system.eco_air, target=system.eco_goal).full_clean()


# --- the view -------------------------------------------------------------------------------------


def test_view_lists_carriers_gaps_unaligned_items_and_figures(world, system):
    link(world, system.eco_air, world.task, kind="implements")  # carries 1.1.1, so 1.1 and 1 through it
    link(world, system.eco_goal, world.measure)  # the eco goal aligns its measures through it
    link(world, system.county_task, world.task)
    view = alignment_view(actor=actor(world, "leader"), code="fyp15")
    rows = {row.item.code: row for row in view.rows}
    assert [row.item.code for row in view.rows] == ["1", "1.1", "1.1.1", "1.2", "1.2.1"]
    assert [row.depth for row in view.rows] == [0, 1, 2, 1, 2]
    assert (rows["1"].state, rows["1.1"].state, rows["1.1.1"].state, rows["1.2"].state) == (
        "below",
        "direct",
        "direct",
        "none",
    )
    carriers = {group.plan.code: [a.item.code for a in group.links] for group in rows["1.1.1"].groups}
    assert carriers == {"eco": ["1.1"], "mulei-plan": ["1.1"]}
    # 1.2 and its task are open: only the top of the branch is listed
    assert [(gap.item.code, gap.below) for gap in view.gaps] == [("1.2", 1)]
    assert view.gap_count == 2
    overall = dict(view.overall)
    assert (overall["major measure"].done, overall["major measure"].total) == (1, 2)
    assert (overall["key task"].done, overall["key task"].total) == (1, 2)
    coverage = {row.plan.code: row for row in view.coverage}
    assert list(coverage) == ["eco", "mulei-plan"]
    eco = coverage["eco"]
    assert eco.links == 2
    assert (eco.aligned.done, eco.aligned.total) == (3, 4)  # the radiation goal aligns to nothing
    assert [gap.item.code for gap in eco.unaligned] == ["2"]
    assert (coverage["mulei-plan"].aligned.done, coverage["mulei-plan"].aligned.total) == (2, 2)
    assert view.link_count == 3


def test_view_shows_a_lower_plan_that_aligns_to_nothing_yet(world, system):
    view = alignment_view(actor=actor(world, "leader"), code=None)
    assert view.plan == world.plan
    assert view.link_count == 0
    coverage = {row.plan.code: row for row in view.coverage}
    assert [gap.item.code for gap in coverage["eco"].unaligned] == ["1", "2"]
    assert [gap.item.code for gap in view.gaps] == ["1.1", "1.2"]


def test_view_of_a_plan_nothing_links_to_offers_that_plan_in_its_picker(world, system):
    view = alignment_view(actor=actor(world, "leader"), code="mulei-plan")
    assert view.plan == system.county and system.county in view.choices
    assert view.link_count == 0 and view.coverage == []


def test_view_can_keep_only_carried_items(world, system):
    link(world, system.eco_air, world.task)
    view = alignment_view(actor=actor(world, "leader"), code="fyp15", only_carried=True)
    assert [row.item.code for row in view.rows] == ["1", "1.1", "1.1.1"]


def test_item_alignment_groups_carriers_by_plan(world, system):
    link(world, system.eco_air, world.task)
    link(world, system.eco_waste, world.task, kind="implements")
    link(world, system.county_task, world.task)
    links = item_alignment(actor=actor(world, "leader"), item=world.task)
    assert [(g.plan.code, [a.item.code for a in g.links]) for g in links.down] == [
        ("eco", ["1.1", "1.2"]),
        ("mulei-plan", ["1.1"]),
    ]
    assert [a.target for a in item_alignment(actor=actor(world, "leader"), item=system.eco_air).up] == [
        world.task
    ]


# --- pages ----------------------------------------------------------------------------------------


def test_alignment_page_renders_for_a_leader(login, world, system):
    link(world, system.eco_air, world.task, kind="implements")
    response = login("leader").get(reverse("plans:alignment") + "?plan=fyp15")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Plan-system alignment" in html
    assert 'data-code="1.1.1" data-state="direct"' in html
    assert 'id="alignment-gaps"' in html and 'data-item="1.2"' in html
    assert 'data-share="1/2"' in html  # eco carries one of the two measures
    assert reverse("plans:item", args=["eco", system.eco_radiation.pk]) in html  # aligned to nothing


def test_alignment_page_is_reachable_from_the_plan_list_and_a_plan(login, world, system):
    link(world, system.eco_air, world.task)
    client = login("leader")
    listing = client.get(reverse("plans:list")).content.decode()
    assert reverse("plans:alignment") in listing
    assert 'class="small plan-alignment"' in listing and "(1 link)" in listing
    detail = client.get(reverse("plans:detail", args=["eco"])).content.decode()
    assert reverse("plans:alignment") + "?plan=fyp15" in detail


def test_unknown_plan_in_the_alignment_page_is_404(login, world):
    assert login("leader").get(reverse("plans:alignment") + "?plan=nope").status_code == 404


def test_item_pages_show_links_up_and_down(login, world, system):
    link(world, system.eco_air, world.task, kind="implements")
    client = login("leader")
    lower = client.get(reverse("plans:item", args=["eco", system.eco_air.pk])).content.decode()
    assert 'id="item-links-up"' in lower and reverse("plans:item", args=["fyp15", world.task.pk]) in lower
    assert 'id="alignment-form"' not in lower  # a leader reads only
    higher = client.get(reverse("plans:item", args=["fyp15", world.task.pk])).content.decode()
    assert (
        'id="item-links-down"' in higher and reverse("plans:item", args=["eco", system.eco_air.pk]) in higher
    )


def test_planner_adds_and_removes_a_link_from_the_item_page(login, world, system):
    client = login("planner")
    page = client.get(reverse("plans:item", args=["eco", system.eco_air.pk])).content.decode()
    assert 'id="alignment-form"' in page and f'value="{world.task.pk}"' in page
    assert f'value="{system.eco_waste.pk}"' not in page  # not an item of its own plan
    url = reverse("plans:alignment-add", args=["eco", system.eco_air.pk])
    response = client.post(url, {"target": world.task.pk, "kind": "implements", "note": "落实"})
    assert response.status_code == 302
    made = Alignment.objects.get()
    assert (made.target, made.kind, made.note) == (world.task, "implements", "落实")
    assert made.history.get().history_user == world.users["planner"]
    remove = reverse("plans:alignment-remove", args=["eco", system.eco_air.pk, made.pk])
    response = client.post(remove, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="item-links-up-empty"' in html
    assert 'id="item-link-history"' in html and "link removed" in html and "link added" in html
    assert not Alignment.objects.exists()


def test_htmx_add_answers_with_the_section_and_shows_a_refusal_inline(login, world, system):
    client = login("planner")
    url = reverse("plans:alignment-add", args=["eco", system.eco_air.pk])
    response = client.post(url, {"target": world.task.pk, "kind": "supports"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200 and html.startswith('<section class="card" id="item-alignment">')
    assert 'id="item-links-up"' in html
    again = client.post(url, {"target": world.task.pk, "kind": "supports"}, HTTP_HX_REQUEST="true")
    assert "is already aligned" in again.content.decode()
    assert Alignment.objects.count() == 1


def test_an_item_outside_the_choices_is_not_linked(login, world, system):
    client = login("planner")
    url = reverse("plans:alignment-add", args=["eco", system.eco_air.pk])
    response = client.post(url, {"target": system.eco_waste.pk, "kind": "supports"}, follow=True)
    assert "Nothing was linked" in response.content.decode()
    assert not Alignment.objects.exists()


def test_reporter_may_not_post_a_link(login, world, system):
    url = reverse("plans:alignment-add", args=["mulei-plan", system.county_task.pk])
    response = login("mulei").post(url, {"target": world.task.pk, "kind": "supports"})
    assert response.status_code == 403
    assert not Alignment.objects.exists()


def test_removing_another_items_link_is_404(login, world, system):
    made = link(world, system.eco_air, world.task)
    url = reverse("plans:alignment-remove", args=["eco", system.eco_waste.pk, made.pk])
    assert login("planner").post(url).status_code == 404
    assert Alignment.objects.filter(pk=made.pk).exists()


def test_a_section_under_a_linked_chapter_shows_the_chapters_link(login, world, system):
    link(world, system.eco_goal, world.measure)
    html = login("leader").get(reverse("plans:item", args=["eco", system.eco_air.pk])).content.decode()
    assert 'id="item-links-inherited"' in html
    assert reverse("plans:item", args=["fyp15", world.measure.pk]) in html


def test_api_lists_a_plans_links_in_and_out(login, world, system):
    link(world, system.eco_air, world.task, kind="implements")
    link(world, system.county_task, system.eco_air)
    client = login("leader")
    eco = client.get("/api/v1/plans/eco/alignments").json()
    pairs = {
        (a["item"]["plan"], a["item"]["code"], a["target"]["plan"], a["target"]["code"], a["kind"])
        for a in eco
    }
    assert pairs == {
        ("eco", "1.1", "fyp15", "1.1.1", "implements"),
        ("mulei-plan", "1.1", "eco", "1.1", "supports"),
    }
    plans = {p["code"]: p for p in client.get("/api/v1/plans").json()}
    assert plans["eco"]["parent_code"] == "fyp15"
    assert client.get("/api/v1/plans/nope/alignments").status_code == 404


def test_planner_changes_a_links_kind_and_note_in_place_and_a_reporter_cannot(login, world, system):
    made = link(world, system.eco_air, world.task)
    url = reverse("plans:alignment-edit", args=["eco", system.eco_air.pk, made.pk])
    response = login("planner").post(url, {"kind": "implements", "note": "细化落实"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "was changed" in response.content.decode()
    made.refresh_from_db()
    assert (made.kind, made.note) == ("implements", "细化落实")
    assert made.history.first().history_user == world.users["planner"]
    refused = login("planner").post(url, {"kind": "nonsense"}, HTTP_HX_REQUEST="true")
    assert "was not changed" in refused.content.decode()
    with pytest.raises(PermissionDenied):
        alignment_update(actor=actor(world, "mulei"), alignment=made, kind="supports")
    made.refresh_from_db()
    assert made.kind == "implements"
