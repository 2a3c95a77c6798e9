"""A document can found a new plan (a county's outline): the plan is created with it, owned by its issuer."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lantu.imports.models import ImportDocument
from lantu.plans.models import Plan

COUNTY_OUTLINE = (
    "奇台县国民经济和社会发展第十五个五年规划纲要\n"
    "（一）推进重大项目建设。由县发展和改革委员会牵头。到2030年，地区生产总值达到500亿元。\n"
    "（二）壮大工业园区。新建标准化厂房20万平方米。\n"
)
NEW = {
    "plan": "__new__",
    "new_name": "奇台县国民经济和社会发展第十五个五年规划纲要",
    "new_kind": "local",
    "new_start_year": "2026",
    "new_end_year": "2030",
    "new_owner": "qitai",
}


def _upload(client) -> ImportDocument:
    data = {"file": SimpleUploadedFile("奇台县纲要.txt", COUNTY_OUTLINE.encode()), "issuer": "qitai"}
    assert client.post(reverse("imports:index"), data).status_code == 302
    return ImportDocument.objects.latest("id")


def test_accepting_into_a_new_plan_creates_the_county_plan_with_its_items(world, login):
    client = login("planner")
    doc = _upload(client)
    page = client.get(reverse("imports:review", args=[doc.pk])).content.decode()
    assert 'value="__new__"' in page and 'name="new_name"' in page
    response = client.post(reverse("imports:accept", args=[doc.pk]), NEW)
    plan = Plan.objects.get(name=NEW["new_name"])
    assert response.status_code == 302 and response.url == reverse("plans:detail", args=[plan.code])
    assert (plan.owner, plan.kind, plan.start_year, plan.end_year, plan.baseline_year) == (
        world.qitai_county,
        "local",
        2026,
        2030,
        2025,
    )
    assert plan.source is not None and plan.source.code == f"import-{doc.pk}"
    titles = set(plan.items.values_list("title", flat=True))
    assert {"推进重大项目建设", "壮大工业园区"} <= titles
    leads = {i.title: i.lead_unit.name for i in plan.items.all()}
    assert leads["推进重大项目建设"] == "奇台县发展和改革委员会"  # proposed on upload, created on accept
    assert leads["壮大工业园区"] == "奇台县"  # names no unit: the plan's owner
    doc.refresh_from_db()
    assert doc.plan == plan and doc.state == ImportDocument.State.ACCEPTED


def test_a_new_plan_without_a_name_or_with_years_reversed_creates_nothing(world, login):
    client = login("planner")
    doc = _upload(client)
    plans = Plan.objects.count()
    for bad in ({"new_name": ""}, {"new_start_year": "2030", "new_end_year": "2026"}):
        response = client.post(reverse("imports:accept", args=[doc.pk]), NEW | bad, follow=True)
        assert Plan.objects.count() == plans
        doc.refresh_from_db()
        assert doc.state == ImportDocument.State.REVIEW and not doc.findings.filter(state="accepted").exists()
        page = response.content.decode()
        assert "Give the new plan a name." in page or "must not be before its start year" in page


def test_projects_keep_investment_place_stage_and_start_year_and_sit_under_their_item(world, login):
    client = login("planner")
    text = (
        "奇台县重点项目安排\n"
        "（一）推进能源基础设施建设。2026年新开工建设奇台县北塔山500千伏输变电工程，总投资12亿元。\n"
        "（二）壮大工业园区。加快建设标准化厂房。\n"
    )
    data = {"file": SimpleUploadedFile("项目.txt", text.encode()), "issuer": "qitai"}
    assert client.post(reverse("imports:index"), data).status_code == 302
    doc = ImportDocument.objects.latest("id")
    client.post(reverse("imports:accept", args=[doc.pk]), NEW | {"new_name": "奇台县重点项目安排"})
    plan = Plan.objects.get(name="奇台县重点项目安排")
    project = plan.projects.get(name__contains="北塔山500千伏输变电工程")
    assert (project.total_investment, project.stage, project.start_year) == (120000, "new", 2026)
    assert project.county == world.qitai_county
    assert [i.title for i in project.items.all()] == ["推进能源基础设施建设"]
