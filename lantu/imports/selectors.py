"""Reads of the import flow, with access checks."""

from collections import Counter

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from lantu.core.extraction.selection import KINDS, Selected, propose
from lantu.core.extraction.units import match_units
from lantu.imports.models import Finding, ImportDocument
from lantu.imports.services import require_importer
from lantu.orgs.access import Actor, can_edit_plan_structure
from lantu.orgs.models import OrgUnit
from lantu.plans.models import Plan, PlanItem


def document_list(*, actor: Actor) -> QuerySet[ImportDocument]:
    """Return the uploaded documents, newest first."""
    require_importer(actor)
    return ImportDocument.objects.select_related("uploaded_by", "plan")


def document_get(*, actor: Actor, pk: int) -> ImportDocument:
    """Return one uploaded document, or raise Http404."""
    require_importer(actor)
    return get_object_or_404(ImportDocument.objects.select_related("uploaded_by", "plan", "source"), pk=pk)


def finding_get(*, actor: Actor, document: ImportDocument, pk: int) -> Finding:
    """Return one finding of a document, or raise Http404."""
    require_importer(actor)
    return get_object_or_404(Finding, document=document, pk=pk)


def findings_by_kind(document: ImportDocument) -> dict[str, list[Finding]]:
    """Return a document's findings grouped by kind; items carry their depth for indenting."""
    groups: dict[str, list[Finding]] = {k: [] for k in Finding.Kind.values}
    for f in with_lead_units(list(document.findings.all())):
        groups[f.kind].append(f)
    return groups


def with_lead_units(findings: list[Finding]) -> list[Finding]:
    """Attach to each item finding the OrgUnit proposed as its lead unit (lead_unit_obj, None: plan owner)."""
    codes = {f.payload.get("lead_unit") for f in findings if f.kind == Finding.Kind.ITEM}
    units = {u.code: u for u in OrgUnit.objects.filter(code__in=codes - {None})}
    for f in findings:
        f.lead_unit_obj = units.get(f.payload.get("lead_unit") or "")
    return findings


def units_mentioned(document: ImportDocument) -> list[tuple[OrgUnit, int]]:
    """Return the organisation units the document mentions, with how often, most mentioned first."""
    units = {u.code: u for u in OrgUnit.objects.all()}
    known = {}
    for u in units.values():
        known[u.name] = u.code
        if u.short_name:
            known[u.short_name] = u.code
    counts = Counter(m.key for m in match_units(document.text, known))
    return [(units[code], n) for code, n in counts.most_common()]


def editable_plans(*, actor: Actor) -> list[Plan]:
    """Return the plans whose structure the actor may change."""
    return [p for p in Plan.objects.select_related("owner") if can_edit_plan_structure(actor, p.owner_id)]


def parent_choices(*, plans: list[Plan]) -> list[PlanItem]:
    """Return the items that imported items may be placed under."""
    return list(
        PlanItem.objects.filter(plan__in=plans).select_related("plan").order_by("plan", "order", "id")
    )


def highlighted_text(document: ImportDocument) -> SafeString:
    """Return the original text as HTML with each finding marked at its source span (smallest span wins)."""
    text = document.text
    owner = [0] * len(text)
    size = [3 * len(text) + 1] * len(text)
    for f in document.findings.all():
        s, e = max(0, f.start), min(len(text), f.end)
        weight = (e - s) if f.kind != Finding.Kind.ITEM else (e - s) + len(text)
        for k in range(s, e):
            if weight < size[k]:
                owner[k], size[k] = f.pk, weight
    kinds = {f.pk: f for f in document.findings.all()}
    out, k, named = [], 0, set()
    while k < len(text):
        j = k
        while j < len(text) and owner[j] == owner[k]:
            j += 1
        chunk = escape(text[k:j])
        if owner[k]:
            f = kinds[owner[k]]
            anchor = "" if f.pk in named else f' id="src-{f.pk}"'
            named.add(f.pk)
            out.append(
                f'<mark class="hl hl-{f.kind} hl-{f.state}"{anchor} data-finding="{f.pk}">{chunk}</mark>'
            )
        else:
            out.append(chunk)
        k = j
    return mark_safe("".join(out))  # noqa: S308 - every chunk is escaped above


def selection_fields(document: ImportDocument, kind: str, passage: str) -> Selected:
    """Return the fields the extractor's parsers read from a selected passage for a finding of the kind."""
    return propose(passage, kind if kind in KINDS else "quantity", doc_year=document.doc_year)
