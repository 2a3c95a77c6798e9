"""Writes of the import flow: upload and read a document, edit or drop findings, accept them into a plan."""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import PurePath

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lantu import jobs
from lantu.core.extraction import extract, to_contract
from lantu.core.extraction.units import match_units, own_departments
from lantu.imports.models import Finding, ImportDocument
from lantu.imports.reading import ReadError, read_document
from lantu.indicators.models import Indicator, Observation
from lantu.jobs.models import Job
from lantu.lib.files import files_atomic, store_file
from lantu.lib.people import display_name
from lantu.orgs.access import Actor, actor_for, can_edit_plan_structure, jurisdiction, subtree
from lantu.orgs.models import OrgUnit
from lantu.plans.models import Plan, PlanItem
from lantu.projects.models import Project, Stage
from lantu.sources.models import SourceDocument

LEVELS = [PlanItem.Level.GOAL, PlanItem.Level.MEASURE, PlanItem.Level.ACTION, PlanItem.Level.TASK]
TO_WAN = {"元": Decimal("0.0001"), "万元": Decimal(1), "亿元": Decimal(10000), "万亿元": Decimal(100000000)}


def require_importer(actor: Actor) -> None:
    """Refuse anyone but planners and administrators."""
    if not (actor.is_planner or actor.is_admin):
        raise PermissionDenied(_("Only planners and administrators can import documents."))


def _known_units() -> dict[str, str]:
    known = {}
    for unit in OrgUnit.objects.all():
        known[unit.name] = unit.code
        if unit.short_name:
            known[unit.short_name] = unit.code
    return known


def _own_units(issuer: OrgUnit | None) -> set[str] | None:
    """Return the codes of the issuer and the units under it (None: no issuer, every unit is local)."""
    if issuer is None:
        return None
    return set(OrgUnit.objects.filter(pk__in=subtree(issuer.pk)).values_list("code", flat=True))


@files_atomic()
def document_upload(
    *,
    actor: Actor,
    user,
    filename: str,
    data: bytes,
    title: str,
    now: datetime,
    issuer: OrgUnit | None = None,
    bulletin_plan: Plan | None = None,
) -> ImportDocument:
    """Read an uploaded document and store it with the findings proposed from it.

    issuer: the county or department that issued it; the units its text names resolve among the issuer's own.
    bulletin_plan: the document is a statistical bulletin; propose values of this plan's indicators.
    """
    require_importer(actor)
    try:
        text = read_document(filename, data)
    except ReadError as exc:
        raise ValidationError(str(exc)) from exc
    if bulletin_plan is not None:
        return _bulletin_upload(user, filename, data, text, title, now, issuer, bulletin_plan)
    known = _known_units()
    result = to_contract(extract(text, known_units=known))
    doc = ImportDocument(
        title=(title or filename.rsplit(".", 1)[0])[:300],
        filename=filename[:255],
        text=text,
        doc_year=result["year"],
        uploaded_by=user,
        uploaded_at=now,
        issuer=issuer,
    )
    store_file(doc.file, filename, ContentFile(data))
    doc.save()
    leads = _lead_units(text, result["items"], known, _own_units(issuer))
    findings = _findings(doc, result, leads)
    for f, name in _new_unit_findings(findings, _new_units(text, result["items"], leads, issuer)):
        f.payload["new_unit"] = name
    Finding.objects.bulk_create(findings)
    return doc


def _bulletin_upload(user, filename, data, text, title, now, issuer, plan: Plan) -> ImportDocument:
    from lantu.core.extraction.bulletin import bulletin_year
    from lantu.imports.bulletins import bulletin_findings

    doc = ImportDocument(
        kind=ImportDocument.Kind.BULLETIN,
        title=(title or filename.rsplit(".", 1)[0])[:300],
        filename=filename[:255],
        text=text,
        doc_year=bulletin_year(text),
        uploaded_by=user,
        uploaded_at=now,
        issuer=issuer,
        plan=plan,
    )
    store_file(doc.file, filename, ContentFile(data))
    doc.save()
    Finding.objects.bulk_create(bulletin_findings(doc, plan, now))
    return doc


def document_upload_request(
    *,
    actor: Actor,
    user,
    filename: str,
    data: bytes,
    title: str,
    now: datetime,
    issuer: OrgUnit | None = None,
    bulletin_plan: Plan | None = None,
) -> ImportDocument | Job:
    """Read a document now, or queue the reading as a job when it is larger than LANTU_IMPORT_JOB_BYTES.

    A queued upload waits in the default storage under jobs/ until the job has read it.
    """
    require_importer(actor)
    if len(data) <= settings.LANTU_IMPORT_JOB_BYTES:
        return document_upload(
            actor=actor,
            user=user,
            filename=filename,
            data=data,
            title=title,
            now=now,
            issuer=issuer,
            bulletin_plan=bulletin_plan,
        )
    staged = default_storage.save(f"jobs/imports/{PurePath(filename).name}", ContentFile(data))
    try:
        return jobs.enqueue(
            "lantu.imports.services.document_upload_job",
            title=_("Read %(file)s") % {"file": filename},
            kwargs={
                "user_id": user.pk,
                "filename": filename,
                "staged": staged,
                "title": title,
                "issuer_id": issuer.pk if issuer else None,
                "bulletin_plan_id": bulletin_plan.pk if bulletin_plan else None,
            },
            user_id=user.pk,
            now=now,
        )
    except Exception:
        default_storage.delete(staged)  # no orphan upload when the job cannot be recorded
        raise


def document_upload_job(
    *,
    progress,
    user_id: int,
    filename: str,
    staged: str,
    title: str,
    issuer_id: int | None = None,
    bulletin_plan_id: int | None = None,
) -> dict:
    """Read a large uploaded document in the worker; the staged upload is removed once it is read."""
    user = get_user_model().objects.get(pk=user_id)
    progress.step(_("reading the document"), 0, 2)
    with default_storage.open(staged, "rb") as handle:
        data = handle.read()
    doc = document_upload(
        actor=actor_for(user),
        user=user,
        filename=filename,
        data=data,
        title=title,
        now=timezone.now(),
        issuer=OrgUnit.objects.get(pk=issuer_id) if issuer_id else None,
        bulletin_plan=Plan.objects.get(pk=bulletin_plan_id) if bulletin_plan_id else None,
    )
    default_storage.delete(staged)
    progress.step(_("findings proposed"), 2, 2)
    return {"url": reverse("imports:review", args=[doc.pk]), "document": doc.pk}


def _lead_units(
    text: str, items: list[dict], known: dict[str, str], local: set[str] | None = None
) -> dict[str, tuple[str, bool]]:
    """Propose each item's lead unit: the first known unit its own text names, else its parent's."""
    starts = sorted(i["span"][0] for i in items)
    out: dict[str, tuple[str, bool]] = {}
    for item in items:
        s, e = item["span"]
        line_end = text.find("\n", e)
        stop = min([x for x in starts if x > s] + [line_end if line_end >= 0 else len(text)])
        mentions = match_units(text[s : max(stop, e)], known, local) or match_units(
            _sentence_of(text, s, e), known, local
        )
        if mentions and mentions[0].key:
            out[item["id"]] = (mentions[0].key, False)
        elif item["parent"] in out:
            out[item["id"]] = (out[item["parent"]][0], True)
    return out


def _new_units(text: str, items: list[dict], leads: dict, issuer: OrgUnit | None) -> dict[str, str]:
    """Propose, for items no known unit leads, the issuer's department their text names.

    县发展和改革委员会 in 奇台县's plan, absent from the units, is proposed as 奇台县发展和改革委员会.
    """
    if issuer is None:
        return {}
    government = jurisdiction(issuer)
    out: dict[str, str] = {}
    for item in items:
        if item["id"] in leads:
            continue
        s, e = item["span"]
        named = own_departments(_sentence_of(text, s, e)) or own_departments(text[s:e])
        if named:
            out[item["id"]] = government.name + named[0]
        elif item["parent"] in out:
            out[item["id"]] = out[item["parent"]]
    return out


def _new_unit_findings(findings: list[Finding], names: dict[str, str]):
    return [(f, names[f.ref]) for f in findings if f.kind == Finding.Kind.ITEM and f.ref in names]


def _findings(doc: ImportDocument, result: dict, leads: dict | None = None) -> list[Finding]:
    rows, order = [], 0
    leads = leads or {}
    plain = {i["id"] for i in result["items"] if i.get("cue") == "plain"}
    for item in result["items"]:
        if not item["title"]:
            continue
        order += 1
        s, e = item["span"]
        # Enumerations without a cue (count, category, suffix ...) are often prose: proposed as dropped.
        state = (
            Finding.State.DROPPED
            if item["id"] in plain or item["parent"] in plain
            else Finding.State.PROPOSED
        )
        rows.append(
            Finding(
                document=doc,
                kind=Finding.Kind.ITEM,
                ref=item["id"],
                parent_ref=item["parent"] or "",
                title=item["title"][:300],
                payload={
                    "level": item["level"],
                    "kind": item["kind"],
                    "cue": item.get("cue", ""),
                    "lead_unit": leads.get(item["id"], (None, False))[0],
                    "lead_inherited": leads.get(item["id"], (None, False))[1],
                },
                start=s,
                end=e,
                quote=doc.text[s:e][:2000],
                order=order,
                state=state,
            )
        )
    for row in result["indicators"]:  # a 主要指标 row is one indicator with baseline, target and attribute
        order += 1
        rows.append(
            Finding(
                document=doc,
                kind=Finding.Kind.QUANTITY,
                title=row["name"][:300],
                payload=_row_payload(row),
                start=row["start"],
                end=row["end"],
                quote=row["text"][:2000],
                order=order,
            )
        )
    for q in result["quantities"]:
        if q.get("source") == "table":
            continue  # given once above, as its row
        order += 1
        s, e = q["span"]
        payload = {k: q[k] for k in ("value", "unit", "year", "approx", "value_max")}
        rows.append(
            Finding(
                document=doc,
                kind=Finding.Kind.QUANTITY,
                title=q["subject"][:300],
                payload=payload,
                start=s,
                end=e,
                quote=q["text"][:2000],
                order=order,
            )
        )
    for p in result["projects"]:
        order += 1
        s, e = p["span"]
        keys = ("investment", "investment_unit", "location", "stage", "capacity", "start_year")
        payload = {k: p.get(k) for k in keys}
        rows.append(
            Finding(
                document=doc,
                kind=Finding.Kind.PROJECT,
                title=p["name"][:300],
                payload=payload,
                start=s,
                end=e,
                quote=_sentence_of(doc.text, s, e),
                order=order,
            )
        )
    return rows


ROW_KEYS = ("baseline_year", "baseline_value", "target_year", "target_value", "growth", "cumulative",
            "attribute", "category")  # fmt: skip


def _row_payload(row: dict) -> dict:
    """Return the payload of a table row's finding: its first figure as the value, and the whole row."""
    if row["baseline_value"] is not None:
        value, year = row["baseline_value"], row["baseline_year"]
    elif row["target_value"] is not None:
        value, year = row["target_value"], row["target_year"]
    else:
        value, year = row["growth"], None
    return {
        "value": value,
        "unit": row["unit"],
        "year": year,
        "approx": row.get("approx") or "",
        "value_max": None,
        "row": {k: row.get(k) for k in ROW_KEYS},
    }


def _sentence_of(text: str, s: int, e: int) -> str:
    lo = max(text.rfind(c, 0, s) for c in "。！？\n") + 1
    hi = min((i for i in (text.find(c, e) for c in "。！？\n") if i >= 0), default=len(text))
    return text[lo : hi + 1].strip()[:2000]


def _editable(actor: Actor, finding: Finding) -> None:
    require_importer(actor)
    if finding.document.state != ImportDocument.State.REVIEW:
        raise ValidationError(
            _("This document has already been accepted; its findings can no longer change.")
        )


@transaction.atomic
def finding_update(
    *,
    actor: Actor,
    finding: Finding,
    title: str,
    value=None,
    unit=None,
    year=None,
    investment=None,
    lead_unit: OrgUnit | None = None,
) -> Finding:
    """Correct a finding's title, an item's lead unit (none: the plan owner) and a value's numbers."""
    _editable(actor, finding)
    title = (title or "").strip()
    if not title:
        raise ValidationError(_("The title cannot be empty."))
    finding.title = title[:300]
    payload = dict(finding.payload)
    if finding.kind == Finding.Kind.ITEM:
        payload.update(lead_unit=lead_unit.code if lead_unit else None, lead_inherited=False)
    elif finding.kind == Finding.Kind.QUANTITY:
        if value is None:
            raise ValidationError(_("Enter the value."))
        payload.update(value=float(value), unit=(unit or "").strip(), year=year)
        if payload.get("row"):  # a table row: the corrected figure is its baseline
            payload["row"] = dict(payload["row"], baseline_value=float(value), baseline_year=year)
    elif finding.kind == Finding.Kind.PROJECT:
        payload["investment"] = float(investment) if investment is not None else None
        payload["investment_unit"] = payload.get("investment_unit") or "亿元"
    finding.payload = payload
    finding.save()
    return finding


def _selection_span(text: str, start: int, end: int, selected: str) -> tuple[int, int]:
    """Return the selected passage's span: at the offsets sent, else its occurrence nearest to them."""
    selected = selected.strip()
    if not selected:
        raise ValidationError(_("Select a passage of the original text first."))
    if 0 <= start < end <= len(text) and text[start:end].strip() == selected:
        s = start + (len(text[start:end]) - len(text[start:end].lstrip()))
        return s, s + len(selected)
    hits = [m for m in range(len(text)) if text.startswith(selected, m)][:50]
    if not hits:
        raise ValidationError(_("The selected passage is not in the document's text."))
    s = min(hits, key=lambda m: abs(m - start))
    return s, s + len(selected)


@transaction.atomic
def finding_add(
    *,
    actor: Actor,
    user,
    document: ImportDocument,
    kind: str,
    start: int,
    end: int,
    selected: str,
    title: str,
    value=None,
    unit=None,
    year=None,
    investment=None,
    lead_unit: OrgUnit | None = None,
    now: datetime,
) -> Finding:
    """Add a finding the extractor missed, from a passage the reviewer selected (its span is the source).

    kind: quantity, list (a member beside the list item before it), measure (under the item before it) or
    project. The finding records who added it and when; its history keeps every later change.
    """
    require_importer(actor)
    if document.state != ImportDocument.State.REVIEW:
        raise ValidationError(
            _("This document has already been accepted; its findings can no longer change.")
        )
    s, e = _selection_span(document.text, start, end, selected)
    title = (title or "").strip()
    if not title:
        raise ValidationError(_("The title cannot be empty."))
    before = document.findings.filter(start__lte=s).order_by("-start", "-order").first()
    added = {"added_by": user.get_username(), "added_at": now.isoformat()}
    finding = Finding(
        document=document, title=title[:300], start=s, end=e, quote=_sentence_of(document.text, s, e)
    )
    finding.order = before.order if before else 0
    if kind == "quantity":
        if value is None:
            raise ValidationError(_("Enter the value."))
        finding.kind = Finding.Kind.QUANTITY
        unit = (unit or "").strip()
        finding.payload = added | {
            "value": float(value), "unit": unit, "year": year, "approx": "", "value_max": None,
        }  # fmt: skip
    elif kind == "project":
        finding.kind = Finding.Kind.PROJECT
        finding.payload = added | {
            "investment": float(investment) if investment is not None else None, "investment_unit": "亿元",
            "location": None, "stage": None, "capacity": None, "start_year": year,
        }  # fmt: skip
    elif kind in ("list", "measure"):
        near = (
            document.findings.filter(kind=Finding.Kind.ITEM, start__lte=s)
            .exclude(state=Finding.State.DROPPED)
            .order_by("-start")
            .first()
        )
        parent = (near.ref if kind == "measure" else near.parent_ref) if near else ""
        level = (near.payload.get("level", 1) + (1 if kind == "measure" else 0)) if near else 1
        n = document.findings.filter(ref__startswith="sel").count() + 1
        finding.kind, finding.ref, finding.parent_ref = Finding.Kind.ITEM, f"sel{n}", parent or ""
        finding.payload = added | {
            "level": level, "kind": kind, "cue": "selection",
            "lead_unit": lead_unit.code if lead_unit else None, "lead_inherited": False,
        }  # fmt: skip
    else:
        raise ValidationError(_("Choose what the selected passage is."))
    finding.save()
    return finding


@transaction.atomic
def finding_set_dropped(*, actor: Actor, finding: Finding, dropped: bool) -> Finding:
    """Drop a finding from the proposal, or take it back."""
    _editable(actor, finding)
    finding.state = Finding.State.DROPPED if dropped else Finding.State.PROPOSED
    finding.save(update_fields=["state"])
    return finding


@dataclass
class NewPlan:
    """A plan created by accepting a document into it (a county's outline, a special plan)."""

    name: str
    kind: str
    start_year: int
    end_year: int
    owner: OrgUnit


@dataclass
class AcceptResult:
    """How many objects an accepted document created."""

    items: int
    indicators: int
    projects: int
    observations: int = 0
    plan_code: str = ""  # the plan they went into (a new one when the document founded it)


def _next_code(plan: Plan, parent: PlanItem | None, used: set[str], prefix: str) -> str:
    base = f"{parent.code}." if parent else prefix
    n = 1
    while f"{base}{n}" in used:
        n += 1
    code = f"{base}{n}"
    used.add(code)
    return code


def _to_wan(value, unit: str) -> Decimal | None:
    if value is None or unit not in TO_WAN:
        return None
    try:
        return (Decimal(str(value)) * TO_WAN[unit]).quantize(Decimal("0.01"))
    except InvalidOperation:
        return None


def _county(location: str | None, default: OrgUnit) -> OrgUnit:
    if location:
        for unit in OrgUnit.objects.filter(kind=OrgUnit.Kind.COUNTY):
            names = [n for n in (unit.name, unit.short_name) if n]
            if any(n in location or location in n for n in names):
                return unit
    return default


def _observe(existing: list[Indicator], f: Finding, source: SourceDocument, document: ImportDocument):
    """Record a later value of an indicator the plan already has as a draft observation (its latest value)."""
    p = f.payload
    year, unit = p.get("year"), p.get("unit") or ""
    matches = [
        i
        for i in existing
        if i.unit == unit and len(i.name) >= 2 and (i.name in f.title or f.title in i.name)
    ]
    if not matches or year is None:
        return None
    indicator = max(matches, key=lambda i: len(i.name))
    if (
        year <= indicator.baseline_year
        or Observation.objects.filter(indicator=indicator, period=str(year)).exists()
    ):
        return None
    return Observation.objects.create(
        indicator=indicator,
        period=str(year),
        period_end=date(year, 12, 31),
        value=Decimal(str(p["value"])),
        state=Observation.State.DRAFT,
        entered_by=document.uploaded_by,
        data_source=document.title[:200],
        source=source,
        source_quote=f.quote,
    )


def _row_indicator(p: dict, plan: Plan, document: ImportDocument) -> dict:
    """Return an indicator's fields from a 主要指标 row: baseline, target (level, rate) and attribute."""
    row = p["row"]
    baseline_year = row.get("baseline_year") or plan.baseline_year
    fields: dict = {
        "attribute": Indicator.Attribute.BINDING
        if row.get("attribute") == "约束性"
        else Indicator.Attribute.EXPECTED,
        "baseline_year": baseline_year,
        "baseline_value": Decimal(str(row["baseline_value"] if row.get("baseline_value") is not None else 0)),
        "target_year": max(row.get("target_year") or plan.end_year, baseline_year + 1),
        "note": _("Imported from %(doc)s.") % {"doc": document.title},
    }
    if row.get("target_value") is not None:
        fields |= {
            "target_kind": Indicator.TargetKind.LEVEL,
            "target_value": Decimal(str(row["target_value"])),
        }
    elif row.get("growth") is not None:
        kind = (
            Indicator.TargetKind.CUMULATIVE_CHANGE
            if row.get("cumulative")
            else Indicator.TargetKind.ANNUAL_GROWTH
        )
        fields |= {"target_kind": kind, "target_rate": Decimal(str(row["growth"]))}
    else:
        fields |= {"target_kind": Indicator.TargetKind.LEVEL}
        fields["note"] = _("Imported from %(doc)s; set the target.") % {"doc": document.title}
    if row.get("baseline_value") is None:
        fields["note"] += " " + _("The table gives no baseline value; enter it.")
    return fields


def _proposed_unit(name: str, government: OrgUnit, units: dict[str, OrgUnit]) -> OrgUnit:
    """Return the department of that name under the government, created when it is not there yet."""
    for unit in units.values():
        if unit.name == name:
            return unit
    n = 1
    while f"{government.code}-dept{n}" in units:
        n += 1
    unit = OrgUnit.objects.create(
        code=f"{government.code}-dept{n}", name=name[:120], kind=OrgUnit.Kind.DEPARTMENT, parent=government
    )
    units[unit.code] = unit
    return unit


def _plan_from(document: ImportDocument, new: NewPlan, source: SourceDocument) -> Plan:
    if not new.name.strip():
        raise ValidationError(_("Give the new plan a name."))
    if not 1949 <= new.start_year <= new.end_year <= 2100:
        raise ValidationError(_("The new plan's end year must not be before its start year."))
    if new.kind not in Plan.Kind.values:
        raise ValidationError(_("Choose the kind of the new plan."))
    code, n = f"import-{document.pk}", 1
    while Plan.objects.filter(code=code).exists():
        n += 1
        code = f"import-{document.pk}-{n}"
    return Plan.objects.create(
        code=code,
        name=new.name.strip()[:200],
        kind=new.kind,
        start_year=new.start_year,
        end_year=new.end_year,
        baseline_year=new.start_year - 1,
        owner=new.owner,
        source=source,
        source_quote=document.title[:2000],
        order=Plan.objects.count() + 1,
    )


@transaction.atomic
def document_accept(
    *,
    actor: Actor,
    document: ImportDocument,
    plan: Plan | None,
    parent_item: PlanItem | None,
    now: datetime,
    new_plan: NewPlan | None = None,
) -> AcceptResult:
    """Create the plan items, indicators and projects of the kept findings, each citing the document.

    With new_plan (and no plan) the plan itself is created first, owned by new_plan.owner and citing the
    document; nothing is created when anything is refused.
    """
    require_importer(actor)
    owner_id = new_plan.owner.pk if new_plan else plan.owner_id if plan else None
    if owner_id is None or not can_edit_plan_structure(actor, owner_id):
        raise PermissionDenied(_("You cannot change the structure of this plan."))
    if document.state != ImportDocument.State.REVIEW:
        raise ValidationError(_("This document has already been accepted."))
    source = SourceDocument.objects.create(
        code=f"import-{document.pk}",
        title=document.title[:300],
        filename=document.filename[:200],
        publisher=_("uploaded by %(user)s") % {"user": display_name(document.uploaded_by)},
    )
    if new_plan is not None:
        plan = _plan_from(document, new_plan, source)
    if plan is None:
        raise ValidationError(_("Choose a plan you may change."))
    if parent_item is not None and parent_item.plan_id != plan.id:
        raise ValidationError(_("The parent item must belong to the chosen plan."))
    findings = list(document.findings.exclude(state=Finding.State.DROPPED))
    by_ref = {f.ref: f for f in document.findings.all() if f.ref}
    used = set(plan.items.values_list("code", flat=True))
    created: dict[str, PlanItem] = {}
    units = {u.code: u for u in OrgUnit.objects.all()}
    base_level = LEVELS.index(parent_item.level) + 1 if parent_item else 0
    order = plan.items.count()
    counts = AcceptResult(0, 0, 0, plan_code=plan.code)
    for f in findings:
        if f.kind != Finding.Kind.ITEM:
            continue
        parent, ref, depth = parent_item, f.parent_ref, 0
        while ref:
            if ref in created:
                parent = created[ref]
                break
            ref = by_ref[ref].parent_ref if ref in by_ref else ""
        depth = (LEVELS.index(parent.level) + 1) if parent and parent != parent_item else base_level
        order += 1
        lead = units.get(f.payload.get("lead_unit") or "")
        if f.payload.get("lead_inherited") and parent is not None and parent != parent_item:
            lead = parent.lead_unit
        if lead is None and f.payload.get("new_unit") and document.issuer is not None:
            lead = _proposed_unit(f.payload["new_unit"], jurisdiction(document.issuer), units)
        item = PlanItem.objects.create(
            plan=plan,
            parent=parent,
            level=LEVELS[min(depth, 3)],
            code=_next_code(plan, parent, used, "D"),
            title=f.title,
            lead_unit=lead or plan.owner,
            source=source,
            source_quote=f.quote,
            order=order,
        )
        created[f.ref] = item
        f.state, f.created_pk = Finding.State.ACCEPTED, item.pk
        f.save(update_fields=["state", "created_pk"])
        counts.items += 1
    existing = list(Indicator.objects.filter(plan=plan))
    used_ind = {i.code for i in existing}
    for f in findings:
        if f.kind != Finding.Kind.QUANTITY:
            continue
        p = f.payload
        observation = None if p.get("row") else _observe(existing, f, source, document)
        if observation is not None:
            f.state, f.created_pk = Finding.State.ACCEPTED, observation.pk
            f.save(update_fields=["state", "created_pk"])
            counts.observations += 1
            continue
        code = _next_code(plan, None, used_ind, f"IMP{document.pk}-")
        if p.get("row"):
            fields = _row_indicator(p, plan, document)
        else:
            fields = {
                "attribute": Indicator.Attribute.EXPECTED,
                "baseline_year": p.get("year") or document.doc_year or plan.baseline_year,
                "baseline_value": Decimal(str(p["value"])),
                "target_kind": Indicator.TargetKind.LEVEL,
                "target_year": plan.end_year,
                "note": _("Imported from %(doc)s; set the target.") % {"doc": document.title},
            }
        indicator = Indicator.objects.create(
            plan=plan,
            code=code,
            name=f.title[:200],
            unit=(p.get("unit") or "")[:30],
            responsible_unit=plan.owner,
            source=source,
            source_quote=f.quote,
            **fields,
        )
        if parent_item is not None:
            indicator.items.add(parent_item)
        f.state, f.created_pk = Finding.State.ACCEPTED, indicator.pk
        f.save(update_fields=["state", "created_pk"])
        counts.indicators += 1
    n = 0
    # a project belongs to the item it appears under: the last created item that starts before it
    under = sorted(
        (f.start, created[f.ref]) for f in findings if f.kind == Finding.Kind.ITEM and f.ref in created
    )
    for f in findings:
        if f.kind != Finding.Kind.PROJECT:
            continue
        p = f.payload
        n += 1
        code = f"IMP{document.pk}-P{n}"
        stage = p.get("stage") if p.get("stage") in Stage.values else Stage.RESERVE
        project = Project.objects.create(
            plan=plan,
            code=code,
            name=f.title[:200],
            county=_county(p.get("location"), plan.owner),
            lead_unit=plan.owner,
            stage=stage,
            total_investment=_to_wan(p.get("investment"), p.get("investment_unit") or ""),
            start_year=p.get("start_year"),
            source=source,
            source_quote=f.quote,
            description=p.get("capacity") or "",
        )
        home = next((i for start, i in reversed(under) if start <= f.start), parent_item)
        if home is not None:
            project.items.add(home)
        f.state, f.created_pk = Finding.State.ACCEPTED, project.pk
        f.save(update_fields=["state", "created_pk"])
        counts.projects += 1
    document.state, document.accepted_at = ImportDocument.State.ACCEPTED, now
    document.plan, document.parent_item, document.source = plan, parent_item, source
    document.save()
    return counts
