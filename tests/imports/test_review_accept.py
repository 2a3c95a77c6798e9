"""Reviewing and accepting: edits and drops shape what is created, and everything cites the document."""

from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lantu.imports.models import Finding, ImportDocument
from lantu.indicators.models import Indicator
from lantu.plans.models import PlanItem
from lantu.projects.models import Project


def _upload(client, data: bytes) -> ImportDocument:
    client.post(reverse("imports:index"), {"file": SimpleUploadedFile("plan.txt", data)})
    return ImportDocument.objects.get()


def test_edit_drop_and_accept_create_cited_items_indicators_and_projects(world, login, sample_bytes):
    client = login("planner")
    doc = _upload(client, sample_bytes)
    gdp = doc.findings.get(kind="quantity", payload__value=320.5)
    response = client.post(
        reverse("imports:finding", args=[doc.pk, gdp.pk]),
        {"title": "地区生产总值", "value": "321", "unit": "亿元", "year": "2024"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200 and "地区生产总值" in response.content.decode()
    farmland = doc.findings.get(kind="quantity", payload__value=12)
    client.post(reverse("imports:drop", args=[doc.pk, farmland.pk]), HTTP_HX_REQUEST="true")
    farmland.refresh_from_db()
    assert farmland.state == Finding.State.DROPPED

    response = client.post(
        reverse("imports:accept", args=[doc.pk]), {"plan": world.plan.code, "parent": str(world.goal.pk)}
    )
    assert response.status_code == 302 and response.url == reverse("plans:detail", args=[world.plan.code])

    member = PlanItem.objects.get(title="以科技创新为引领，建设现代化产业体系")
    assert member.parent.parent == world.goal
    assert member.source.title == doc.title and "以科技创新为引领" in member.source_quote
    indicator = Indicator.objects.get(name="地区生产总值", code__startswith="IMP")
    assert indicator.baseline_value == Decimal("321") and indicator.baseline_year == 2024
    assert indicator.source_quote.startswith("2024年")
    assert not Indicator.objects.filter(name__contains="高标准农田").exists()
    assert not Project.objects.filter(name="木垒县风电装备产业园").exists()  # the park is where, not what
    project = Project.objects.get(name="清洁能源项目")
    assert project.county == world.mulei_county and project.total_investment == Decimal("500000.00")
    doc.refresh_from_db()
    assert doc.state == ImportDocument.State.ACCEPTED
    assert client.post(reverse("imports:accept", args=[doc.pk]), {"plan": world.plan.code}).status_code == 302
    assert PlanItem.objects.filter(title="以科技创新为引领，建设现代化产业体系").count() == 1


def test_parent_item_from_another_plan_is_refused(world, login, sample_bytes):
    from lantu.plans.models import Plan

    client = login("planner")
    doc = _upload(client, sample_bytes)
    other = Plan.objects.create(
        code="other", name="另一规划", kind="special", start_year=2026, end_year=2030, baseline_year=2025,
        owner=world.plan.owner,
    )  # fmt: skip
    before = PlanItem.objects.count()
    client.post(reverse("imports:accept", args=[doc.pk]), {"plan": other.code, "parent": str(world.goal.pk)})
    assert PlanItem.objects.count() == before
    doc.refresh_from_db()
    assert doc.state == ImportDocument.State.REVIEW


def test_extract_command_prints_the_json_contract(tmp_path, capsys):
    import json

    from django.core.management import call_command

    path = tmp_path / "plan.txt"
    path.write_text("2024年，全县地区生产总值达到320.5亿元。", encoding="utf-8")
    call_command("extract", str(path), "--json")
    out = json.loads(capsys.readouterr().out)
    assert out["quantities"][0]["value"] == 320.5 and out["quantities"][0]["year"] == 2024
    assert set(out) >= {"quantities", "items", "projects"}


def test_review_marks_every_kind_of_finding_at_its_source(world, login, sample_bytes):
    client = login("planner")
    doc = _upload(client, sample_bytes)
    html = client.get(reverse("imports:review", args=[doc.pk])).content.decode()
    for kind in ("item", "quantity", "project"):
        finding = doc.findings.filter(kind=kind).first()
        assert f'id="src-{finding.pk}"' in html, kind
    assert 'class="hl hl-quantity hl-proposed" id="src-' in html
    assert "木垒县 × 1" in html


def test_api_extract_returns_the_contract_for_planners_only(world, login):
    import json

    body = json.dumps({"text": "2024年，全县地区生产总值达到320.5亿元。"})
    response = login("planner").post("/api/v1/imports/extract", body, content_type="application/json")
    assert response.status_code == 200
    assert response.json()["quantities"][0]["value"] == 320.5
    response = login("leader").post("/api/v1/imports/extract", body, content_type="application/json")
    assert response.status_code == 403


def test_value_of_an_existing_indicator_becomes_its_latest_value(world, login):
    from lantu.indicators.models import Observation

    gdp = Indicator.objects.get(plan=world.plan, code="gdp")
    year = gdp.baseline_year + 2
    text = f"{year}年，全州{gdp.name}达到2600{gdp.unit}。"
    client = login("planner")
    doc = _upload(client, text.encode("utf-8"))
    client.post(reverse("imports:accept", args=[doc.pk]), {"plan": world.plan.code})
    observation = Observation.objects.get(indicator=gdp, period=str(year))
    assert observation.value == Decimal("2600") and observation.state == Observation.State.DRAFT
    assert observation.source.title == doc.title and observation.source_quote.startswith(f"{year}年")
    assert not Indicator.objects.filter(code__startswith="IMP").exists()
