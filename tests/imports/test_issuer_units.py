"""A document's issuer decides which units its short department names mean (a county plan's 县发改委)."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lantu.imports.models import ImportDocument
from lantu.orgs.models import OrgUnit

COUNTY_PLAN = (
    "奇台县重点工作安排\n"
    "（一）推进重大项目建设。由县发展和改革委员会牵头。\n"
    "（二）壮大工业园区。由州工信局指导。\n"
)


def _upload(client, issuer: str = "") -> ImportDocument:
    data = {"file": SimpleUploadedFile("奇台县要点.txt", COUNTY_PLAN.encode()), "issuer": issuer}
    response = client.post(reverse("imports:index"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return ImportDocument.objects.latest("id")


def _leads(doc: ImportDocument) -> dict:
    return {f.title: f.payload.get("lead_unit") for f in doc.findings.filter(kind="item")}


def test_a_county_plans_department_is_never_the_prefectures(world, login):
    doc = _upload(login("planner"), issuer="qitai")
    assert doc.issuer == world.qitai_county
    leads = _leads(doc)
    assert leads["推进重大项目建设"] is None  # the county has no such unit yet: it is proposed
    assert doc.findings.get(title="推进重大项目建设").payload["new_unit"] == "奇台县发展和改革委员会"
    assert leads["壮大工业园区"] == "industry"  # a unit named in full is still found
    page = login("planner").get(reverse("imports:review", args=[doc.pk])).content.decode()
    assert "奇台县发展和改革委员会 (new unit, created on accept)" in page


def test_a_county_plans_department_resolves_to_the_countys_own_unit(world, login):
    OrgUnit.objects.create(
        code="qitai-drc", name="奇台县发展和改革委员会", kind="department", parent=world.qitai_county
    )
    doc = _upload(login("planner"), issuer="qitai")
    assert _leads(doc)["推进重大项目建设"] == "qitai-drc"


def test_without_an_issuer_short_names_match_any_unit_as_before(world, login):
    doc = _upload(login("planner"))
    assert doc.issuer is None
    assert _leads(doc)["推进重大项目建设"] == "drc"


def test_accepting_creates_the_proposed_county_unit_once_under_the_county(world, login):
    client = login("planner")
    doc = _upload(client, issuer="qitai")
    response = client.post(reverse("imports:accept", args=[doc.pk]), {"plan": world.plan.code})
    assert response.status_code == 302
    unit = OrgUnit.objects.get(name="奇台县发展和改革委员会")
    assert (unit.parent, unit.kind) == (world.qitai_county, "department")
    item = world.plan.items.get(title="推进重大项目建设")
    assert item.lead_unit == unit
    assert unit.history.count() == 1
