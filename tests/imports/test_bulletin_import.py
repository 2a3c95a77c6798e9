"""A statistical bulletin proposes values of a plan's indicators; accepted ones enter the review workflow."""

from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lantu.imports.models import Finding, ImportDocument
from lantu.indicators.models import Indicator, Observation

BULLETIN = (
    "昌吉州2026年国民经济和社会发展统计公报\n"
    "一、综合\n"
    "初步核算，全年全州实现地区生产总值2700.5亿元，按不变价格计算，比上年增长6.8%。"
    "年末常住人口城镇化率为76.2%，比上年末提高0.9个百分点。全年粮食产量300万吨。\n"
)


def _urbanisation(world) -> Indicator:
    return Indicator.objects.create(
        plan=world.plan, code="urb", name="常住人口城镇化率", unit="%", attribute="expected",
        responsible_unit=world.drc, baseline_year=2025, baseline_value=Decimal("75.3"),
        target_kind="level", target_year=2030, target_value=Decimal("78"),
    )  # fmt: skip


def _upload(client, text=BULLETIN, name="统计公报.txt") -> ImportDocument:
    data = {"file": SimpleUploadedFile(name, text.encode()), "bulletin_plan": "fyp15"}
    response = client.post(reverse("imports:index"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return ImportDocument.objects.latest("id")


def test_a_bulletin_proposes_values_of_the_plans_indicators_with_year_vintage_and_quote(world, login):
    _urbanisation(world)
    client = login("planner")
    doc = _upload(client)
    assert doc.kind == "bulletin" and doc.plan == world.plan and doc.doc_year == 2026
    got = {f.title: f.payload for f in doc.findings.filter(kind=Finding.Kind.OBSERVATION)}
    assert set(got) == {"地区生产总值", "常住人口城镇化率"}  # 粮食产量 is no indicator of the plan
    assert (got["地区生产总值"]["value"], got["地区生产总值"]["period"], got["地区生产总值"]["vintage"]) == (
        2700.5, "2026", "preliminary",
    )  # fmt: skip
    assert got["常住人口城镇化率"]["value"] == 76.2
    page = client.get(reverse("imports:review", args=[doc.pk])).content.decode()
    assert 'id="findings-observation"' in page and "2700.5" in page


def test_accepted_values_are_submitted_for_review_citing_the_bulletin(world, login):
    urb = _urbanisation(world)
    client = login("planner")
    doc = _upload(client)
    response = client.post(reverse("imports:accept", args=[doc.pk]))
    assert response.status_code == 302 and response.url == reverse("indicators:review")
    value = Observation.objects.get(indicator=urb, period="2026")
    assert (value.value, value.vintage, value.state) == (Decimal("76.2"), "preliminary", "submitted")
    assert value.source.code == f"import-{doc.pk}" and "76.2%" in value.source_quote
    assert value.entered_by.username == "planner"
    doc.refresh_from_db()
    assert doc.state == "accepted"
    assert {f.state for f in doc.findings.all()} == {"accepted"}


def test_an_approved_value_is_only_replaced_by_an_approved_correction(world, login):
    client = login("planner")
    doc = _upload(client)
    client.post(reverse("imports:accept", args=[doc.pk]))
    rows = Observation.objects.filter(indicator=world.gdp, period="2026").order_by("revision")
    approved, correction = rows
    assert (approved.value, approved.state, approved.superseded) == (Decimal("2680"), "approved", False)
    assert (correction.value, correction.state, correction.revision) == (Decimal("2700.5"), "submitted", 2)
    assert Observation.objects.in_force().get(indicator=world.gdp, period="2026").value == Decimal("2680")


def test_a_dropped_value_is_not_submitted_and_a_final_bulletin_gives_the_final_vintage(world, login):
    urb = _urbanisation(world)
    client = login("planner")
    text = BULLETIN.replace("初步核算", "经最终核实")
    doc = _upload(client, text)
    gdp = doc.findings.get(title="地区生产总值")
    client.post(reverse("imports:drop", args=[doc.pk, gdp.pk]))
    client.post(reverse("imports:accept", args=[doc.pk]))
    assert not Observation.objects.filter(indicator=world.gdp, period="2026", revision=2).exists()
    final = Observation.objects.get(indicator=urb, period="2026")
    assert (final.vintage, final.value, final.state) == ("final", Decimal("76.2"), "submitted")


def test_a_bulletin_for_a_year_the_indicator_takes_no_value_for_proposes_nothing(world, login):
    client = login("planner")
    doc = _upload(client, BULLETIN.replace("2026年", "2025年"))
    assert not doc.findings.exists()


def test_a_reporter_cannot_import_a_bulletin(world, login):
    client = login("industry")
    data = {"file": SimpleUploadedFile("公报.txt", BULLETIN.encode()), "bulletin_plan": "fyp15"}
    client.post(reverse("imports:index"), data)
    assert not ImportDocument.objects.exists()
