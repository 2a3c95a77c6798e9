"""Real .pdf and .docx files are read, and items get the lead unit their text names, changeable in review."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lantu.imports.models import ImportDocument
from lantu.plans.models import PlanItem

FIXTURES = Path(__file__).parent / "fixtures"
OUTLINE = (
    "工业和乡村工作要点\n"
    "（一）推进工业转型。由州工信局牵头，州发改委配合。\n"
    "1.壮大煤电化工产业。推进煤炭清洁高效利用。\n"
    "2.发展新能源产业。奇台县建设风光储一体化基地。\n"
    "（二）全面推进乡村振兴。巩固拓展脱贫攻坚成果。\n"
)


def _upload(client, name: str, data: bytes) -> ImportDocument:
    response = client.post(reverse("imports:index"), {"file": SimpleUploadedFile(name, data)})
    assert response.status_code == 302, response.content.decode()[:2000]
    return ImportDocument.objects.get()


@pytest.mark.parametrize("name", ["work_plan.pdf", "work_plan.docx"])
def test_real_office_file_yields_its_items_and_quantities(world, login, name):
    doc = _upload(login("planner"), name, (FIXTURES / name).read_bytes())
    assert "15万亩" in doc.text and "2025年" in doc.text
    titles = list(doc.findings.filter(kind="item").values_list("title", flat=True))
    assert titles == ["壮大特色产业", "建设高标准农田", "改善城乡环境"]
    values = {
        (f.title, f.payload["value"], f.payload["unit"], f.payload["year"])
        for f in doc.findings.filter(kind="quantity")
    }
    assert ("新建高标准农田", 15, "万亩", 2026) in values
    assert ("粮食产量", 120, "万吨", 2026) in values
    assert ("全县地区生产总值", 360.5, "亿元", 2025) in values


def test_items_propose_the_unit_their_text_names_and_inherit_their_parents(world, login):
    client = login("planner")
    doc = _upload(client, "要点.txt", OUTLINE.encode())
    lead = {f.title: f.payload.get("lead_unit") for f in doc.findings.filter(kind="item")}
    assert lead == {
        "推进工业转型": "industry",
        "壮大煤电化工产业": "industry",
        "发展新能源产业": "qitai",
        "全面推进乡村振兴": None,
    }
    page = client.get(reverse("imports:review", args=[doc.pk])).content.decode()
    assert "lead unit: 州工信局" in page and "lead unit: plan owner" in page


def test_planner_changes_a_lead_unit_and_accept_sets_lead_units(world, login):
    client = login("planner")
    doc = _upload(client, "要点.txt", OUTLINE.encode())
    parent = doc.findings.get(title="推进工业转型")
    form = client.get(reverse("imports:finding", args=[doc.pk, parent.pk]), HTTP_HX_REQUEST="true")
    assert 'name="lead_unit"' in form.content.decode()
    response = client.post(
        reverse("imports:finding", args=[doc.pk, parent.pk]),
        {"title": "推进工业转型", "lead_unit": "drc"},
        HTTP_HX_REQUEST="true",
    )
    assert "lead unit: 州发改委" in response.content.decode()
    client.post(reverse("imports:accept", args=[doc.pk]), {"plan": world.plan.code})
    created = {i.title: i.lead_unit.code for i in PlanItem.objects.filter(source__title=doc.title)}
    assert created == {
        "推进工业转型": "drc",
        "壮大煤电化工产业": "drc",
        "发展新能源产业": "qitai",
        "全面推进乡村振兴": world.plan.owner.code,
    }


def test_unknown_lead_unit_is_refused(world, login):
    client = login("planner")
    doc = _upload(client, "要点.txt", OUTLINE.encode())
    item = doc.findings.get(title="推进工业转型")
    response = client.post(
        reverse("imports:finding", args=[doc.pk, item.pk]),
        {"title": "推进工业转型", "lead_unit": "nosuch"},
        HTTP_HX_REQUEST="true",
    )
    item.refresh_from_db()
    assert response.status_code == 200 and item.payload["lead_unit"] == "industry"
