"""A reviewer adds a finding the extractor missed by selecting its passage in the original text."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lantu.imports.models import Finding, ImportDocument

TEXT = (
    "全县“十五五”重点任务\n"
    "（一）以科技创新为引领，建设现代化产业体系。\n"
    "（二）以乡村振兴为抓手，建设宜居宜业和美乡村。\n"
    "全县新建高标准农田12万亩，规上工业企业达到126家。\n"
    "加快推进奇台县北塔山500千伏输变电工程，总投资12亿元。\n"
)


def _doc(client) -> ImportDocument:
    data = {"file": SimpleUploadedFile("任务.txt", TEXT.encode())}
    assert client.post(reverse("imports:index"), data).status_code == 302
    return ImportDocument.objects.latest("id")


def _span(passage: str) -> dict:
    start = TEXT.index(passage)
    return {"start": start, "end": start + len(passage), "selected": passage}


def test_the_form_is_prefilled_by_the_extractors_parsers_from_the_selection(world, login):
    client = login("planner")
    doc = _doc(client)
    url = reverse("imports:add", args=[doc.pk])
    page = client.get(url, {"kind": "quantity", "start": 0, "end": 0, "text": "全县新建高标准农田12万亩"})
    html = page.content.decode()
    assert 'value="全县新建高标准农田"' in html and 'value="12' in html and 'value="万亩"' in html
    page = client.get(url, {"kind": "project", "text": "加快推进奇台县北塔山500千伏输变电工程，总投资12亿元"})
    assert 'value="奇台县北塔山500千伏输变电工程"' in page.content.decode()
    page = client.get(url, {"kind": "list", "text": "（二）以乡村振兴为抓手，建设宜居宜业和美乡村。"})
    assert 'value="以乡村振兴为抓手，建设宜居宜业和美乡村"' in page.content.decode()


def test_an_added_value_joins_the_findings_with_its_source_span_and_who_added_it(world, login):
    client = login("planner")
    doc = _doc(client)
    passage = "规上工业企业达到126家"
    form = _span(passage) | {
        "kind": "quantity",
        "title": "规上工业企业",
        "value": "126",
        "unit": "家",
        "year": "",
    }
    response = client.post(reverse("imports:add", args=[doc.pk]), form)
    assert response.status_code == 302
    added = doc.findings.get(title="规上工业企业", payload__added_by="planner")
    assert (added.kind, added.payload["value"], added.payload["unit"]) == ("quantity", 126, "家")
    assert doc.text[added.start : added.end] == passage and passage in added.quote
    assert added.history.first().history_user.username == "planner"


def test_a_measure_goes_under_the_item_before_it_and_a_list_member_beside_it(world, login):
    client = login("planner")
    doc = _doc(client)
    url = reverse("imports:add", args=[doc.pk])
    member = doc.findings.get(kind="item", title__startswith="以乡村振兴")
    client.post(
        url, _span("加快推进奇台县北塔山500千伏输变电工程") | {"kind": "list", "title": "推进输变电工程"}
    )
    client.post(url, _span("全县新建高标准农田12万亩") | {"kind": "measure", "title": "新建高标准农田"})
    measure = doc.findings.get(title="新建高标准农田", payload__added_by="planner")
    sibling = doc.findings.get(title="推进输变电工程", payload__added_by="planner")
    assert measure.kind == "item" and measure.parent_ref == member.ref
    assert sibling.parent_ref == member.parent_ref and sibling.payload["cue"] == "selection"


def test_offsets_that_drifted_are_corrected_to_the_selected_passage(world, login):
    client = login("planner")
    doc = _doc(client)
    passage = "规上工业企业达到126家"
    form = {
        "start": 3,
        "end": 9,
        "selected": passage,
        "kind": "quantity",
        "title": "规上工业企业",
        "value": "126",
    }
    client.post(reverse("imports:add", args=[doc.pk]), form)
    added = doc.findings.get(title="规上工业企业", payload__added_by="planner")
    assert doc.text[added.start : added.end] == passage


def test_a_passage_not_in_the_text_or_a_value_without_a_number_adds_nothing(world, login):
    client = login("planner")
    doc = _doc(client)
    before = doc.findings.count()
    url = reverse("imports:add", args=[doc.pk])
    bad = {"start": 0, "end": 4, "selected": "不存在的句子", "kind": "quantity", "title": "x", "value": "1"}
    assert "not in the document" in client.post(url, bad).content.decode()
    no_value = _span("规上工业企业达到126家") | {"kind": "quantity", "title": "规上工业企业", "value": ""}
    assert client.post(url, no_value).status_code == 400
    assert doc.findings.count() == before


def test_findings_of_an_accepted_document_cannot_be_added(world, login):
    client = login("planner")
    doc = _doc(client)
    doc.state = ImportDocument.State.ACCEPTED
    doc.save()
    form = _span("规上工业企业达到126家") | {"kind": "quantity", "title": "规上工业企业", "value": "126"}
    client.post(reverse("imports:add", args=[doc.pk]), form)
    assert not Finding.objects.filter(title="规上工业企业", payload__added_by="planner").exists()
