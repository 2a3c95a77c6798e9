"""Import a project-library sheet (国家重大建设项目库, provincial platforms): map, propose, review, apply.

An export's columns are mapped once per layout (its header row) and the mapping is remembered. Each row
matches an existing project by its national project code (项目代码), else by its name; the import proposes
new projects and changed facts, and a planner applies them all or none. Any cell that does not fit stops
the whole sheet with its row and column.
"""

import hashlib
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from openpyxl.utils import get_column_letter

from lantu.core import geo
from lantu.lib.history import attribute
from lantu.lib.spreadsheets import CellError, Column, check_cell, read_table
from lantu.orgs.access import Actor
from lantu.orgs.models import OrgUnit
from lantu.projects.models import LibraryImport, LibraryLayout, Project, Stage
from lantu.projects.national_code import code_problem_message, normalize_code
from lantu.projects.services import project_create, project_update

State = LibraryImport.State


def fields() -> tuple[Column, ...]:
    """Return the project fields a library column can fill, labelled in the reader's language."""
    return (
        Column("national_code", _("National project code")),
        Column("name", _("Project name"), required=True),
        Column("county", _("County or city")),
        Column("total_investment", _("Total investment (10k yuan)"), kind="decimal"),
        Column("start_year", _("Start year"), kind="integer"),
        Column("end_year", _("End year"), kind="integer"),
        Column("description", _("Construction content")),
        Column("latitude", _("Latitude"), kind="decimal", max_digits=8, places=5),
        Column("longitude", _("Longitude"), kind="decimal", max_digits=8, places=5),
    )


FIELD_KEYS = (
    "national_code",
    "name",
    "county",
    "total_investment",
    "start_year",
    "end_year",
    "description",
    "latitude",
    "longitude",
)
# Headers the national and provincial libraries use, tried when a layout is seen for the first time.
GUESSES = {
    "national_code": ("项目代码", "统一项目代码", "全国投资项目代码", "项目统一代码", "投资项目代码"),
    "name": ("项目名称", "项目名"),
    "county": ("所在县市", "县市", "所属县市", "建设地点", "项目所在地", "所在地区"),
    "total_investment": (
        "总投资（万元）",
        "总投资(万元)",
        "总投资",
        "计划总投资（万元）",
        "项目总投资（万元）",
    ),
    "start_year": ("开工年份", "计划开工年份", "开工年度", "开工时间"),
    "end_year": ("竣工年份", "计划竣工年份", "完工年份", "竣工时间"),
    "description": ("建设规模及主要建设内容", "主要建设内容及规模", "建设内容", "建设规模及内容"),
    "latitude": ("纬度", "中心点纬度", "项目纬度", "北纬"),
    "longitude": ("经度", "中心点经度", "项目经度", "东经"),
}
COMPARED = (
    "name",
    "national_code",
    "total_investment",
    "start_year",
    "end_year",
    "description",
    "latitude",
    "longitude",
)
COORDINATE_ERRORS = {
    "latitude": _lazy("A latitude lies between -90 and 90 degrees."),
    "longitude": _lazy("A longitude lies between -180 and 180 degrees."),
}


def import_denial(actor: Actor) -> str | None:
    """Return why the actor may not import a project library, or None when it may."""
    if actor.is_admin or actor.is_planner:
        return None
    return _("Only the planning office imports the project library.")


def _deny(actor: Actor) -> None:
    denial = import_denial(actor)
    if denial is not None:
        raise PermissionDenied(denial)


def signature(headers: list[str]) -> str:
    """Return the fingerprint of a header row: one remembered mapping per layout."""
    return hashlib.sha256("\x1f".join(headers).encode()).hexdigest()


def guess_mapping(headers: list[str]) -> dict[str, str]:
    """Return the columns recognised by the headers the libraries use."""
    found = {}
    for key, names in GUESSES.items():
        header = next((name for name in names if name in headers), None)
        if header is not None:
            found[key] = header
    return found


def mapping_errors(headers: list[str], mapping: dict[str, str]) -> list[str]:
    """Return what is wrong with a mapping of fields to headers (empty when it can be used)."""
    errors = []
    if not mapping.get("name"):
        errors.append(_("Choose the column with the project names."))
    used = [header for header in mapping.values() if header]
    if any(header not in headers for header in used):
        errors.append(_("A chosen column is not in the sheet."))
    if len(used) != len(set(used)):
        errors.append(_("A column is chosen for two fields."))
    if set(mapping) - set(FIELD_KEYS):
        errors.append(_("Unknown field."))
    return errors


@transaction.atomic
def library_upload(*, actor: Actor, data: bytes, file_name: str, now: datetime) -> LibraryImport:
    """Read a sheet; with a remembered layout, propose at once; else keep it for mapping its columns.

    A sheet with any cell that does not fit (under a remembered mapping) is refused whole: nothing is kept.
    """
    _deny(actor)
    table, refusal = read_table(data)
    if refusal is not None or table is None:
        raise ValidationError(str(refusal))
    if not table.rows:
        raise ValidationError(_("The sheet has no project rows under its header row."))
    layout = LibraryLayout.objects.filter(signature=signature(table.headers)).first()
    batch = LibraryImport(
        file_name=file_name[:200],
        headers=table.headers,
        rows=[[number, cells] for number, cells in table.rows],
        layout=layout,
        mapping=layout.mapping if layout else guess_mapping(table.headers),
        uploaded_by_id=actor.user_id,
        uploaded_at=now,
    )
    if layout is not None and not mapping_errors(batch.headers, batch.mapping):
        batch.proposal = _proposal_or_refusal(batch)
        batch.state = State.REVIEW
    return _saved(batch, actor)


@transaction.atomic
def library_map(
    *, actor: Actor, batch: LibraryImport, mapping: dict[str, str], now: datetime
) -> LibraryImport:
    """Map the sheet's columns, remember the mapping for its layout and propose the changes.

    Refused whole, with every row and column that does not fit, when a cell is wrong.
    """
    _deny(actor)
    if batch.state not in (State.MAPPING, State.REVIEW):
        raise ValidationError(_("This import has been decided already."))
    mapping = {key: header for key, header in mapping.items() if header}
    errors = mapping_errors(batch.headers, mapping)
    if errors:
        raise ValidationError(errors)
    batch.mapping = mapping
    batch.proposal = _proposal_or_refusal(batch)
    layout, _created = LibraryLayout.objects.get_or_create(
        signature=signature(batch.headers), defaults={"headers": batch.headers}
    )
    if layout.mapping != mapping:
        layout.mapping = mapping
        attribute(layout, actor.user_id)
        layout.save()
    batch.layout, batch.state = layout, State.REVIEW
    return _saved(batch, actor)


@transaction.atomic
def library_apply(*, actor: Actor, batch: LibraryImport, now: datetime) -> LibraryImport:
    """Apply every proposed change of a reviewed import, or none when the projects changed meanwhile."""
    _deny(actor)
    LibraryImport.objects.select_for_update().filter(pk=batch.pk).first()
    batch.refresh_from_db()
    if batch.state != State.REVIEW:
        raise ValidationError(_("Only an import waiting for review can be applied."))
    if _proposal_or_refusal(batch) != batch.proposal:
        raise ValidationError(
            _("The projects have changed since this sheet was read; map it again to see the new proposal.")
        )
    reason = _("Imported from the project library (%(file)s)") % {"file": batch.file_name}
    units = _counties()
    taken = set(Project.objects.values_list("code", flat=True))
    for entry in batch.proposal:
        fields = {key: _stored(key, new) for key, (_old, new) in entry["fields"].items()}
        if entry["action"] == "new":
            county = units[fields.pop("county")]
            code = fields.get("national_code") or _free_code(taken)
            taken.add(code)
            project_create(
                actor=actor,
                code=code,
                name=fields.pop("name"),
                county=county,
                stage=Stage.RESERVE,
                reason=reason,
                **fields,
            )
        elif entry["action"] == "change":
            project = Project.objects.select_related("county", "lead_unit").get(pk=entry["project_id"])
            attribute(project, actor.user_id, reason)
            project_update(actor=actor, project=project, **fields)
    batch.state, batch.decided_at = State.APPLIED, now
    return _saved(batch, actor)


@transaction.atomic
def library_discard(*, actor: Actor, batch: LibraryImport, now: datetime) -> LibraryImport:
    """Drop an import without applying it."""
    _deny(actor)
    if batch.state in (State.APPLIED, State.DISCARDED):
        raise ValidationError(_("This import has been decided already."))
    batch.state, batch.decided_at = State.DISCARDED, now
    return _saved(batch, actor)


def _saved(batch: LibraryImport, actor: Actor) -> LibraryImport:
    attribute(batch, actor.user_id)
    batch.save()
    return batch


def _free_code(taken: set[str]) -> str:
    number = 1
    while f"XMK-{number:04d}" in taken:
        number += 1
    return f"XMK-{number:04d}"


def _stored(key: str, value: Any) -> Any:
    """Return a proposed value as the model stores it (amounts travel as text in the proposal)."""
    if key in ("total_investment", "latitude", "longitude") and value is not None:
        return Decimal(value)
    return value


def _shown(value: Any) -> Any:
    """Return a value as the proposal keeps it in JSON."""
    return str(value) if isinstance(value, Decimal) else value


def _counties() -> dict[str, OrgUnit]:
    units: dict[str, OrgUnit] = {}
    for unit in OrgUnit.objects.filter(kind__in=[OrgUnit.Kind.COUNTY, OrgUnit.Kind.PREFECTURE]):
        for name in (unit.name, unit.short_name, unit.code):
            if name:
                units.setdefault(name, unit)
    return units


def _letter(batch: LibraryImport, key: str) -> str:
    return get_column_letter(batch.headers.index(batch.mapping[key]) + 1)


def _checked_rows(batch: LibraryImport) -> tuple[list[tuple[int, dict[str, Any]]], list[CellError]]:
    """Return each row's values by field, checked cell by cell, and every cell error."""
    positions = {key: batch.headers.index(header) for key, header in batch.mapping.items()}
    units = _counties()
    rows, errors, columns = [], [], fields()
    for number, cells in batch.rows:
        values: dict[str, Any] = {}
        for column in columns:
            if column.key not in positions:
                continue
            value, message = check_cell(column, cells[positions[column.key]])
            if not message and column.key == "national_code" and value:
                value = normalize_code(value)
                message = code_problem_message(value) or ""
            if not message and column.key in COORDINATE_ERRORS and value is not None:
                if geo.out_of_range(column.key, value):
                    message = str(COORDINATE_ERRORS[column.key])
            if not message and column.key == "county" and value:
                if value not in units:
                    message = _("“%(value)s” is not a county or city of Lantu.") % {"value": value}
                else:
                    value = units[value].code
            if message:
                errors.append(CellError(number, _letter(batch, column.key), message))
            values[column.key] = value
        if geo.coordinate_problem(values.get("latitude"), values.get("longitude")) == "pair":
            missing = "latitude" if values.get("latitude") is None else "longitude"
            letter = _letter(batch, missing) if missing in positions else _letter(batch, "name")
            errors.append(
                CellError(number, letter, _("Give both the latitude and the longitude, or neither."))
            )
        rows.append((number, values))
    return rows, errors


def _proposal_or_refusal(batch: LibraryImport) -> list[dict]:
    """Return the proposed changes of a mapped sheet, or raise ValidationError listing every bad cell."""
    rows, errors = _checked_rows(batch)
    seen: dict[tuple[str, str], int] = {}
    for number, values in rows:
        for key in ("national_code", "name"):
            if values.get(key):
                first = seen.setdefault((key, values[key]), number)
                if first != number:
                    errors.append(
                        CellError(number, _letter(batch, key), _("Repeats row %(row)s.") % {"row": first})
                    )
    keys = [(values.get("national_code"), values.get("name")) for _number, values in rows]
    codes = [code for code, _name in keys if code]
    names = [name for _code, name in keys if name]
    projects = Project.objects.filter(Q(national_code__in=codes) | Q(name__in=names)).select_related("county")
    by_code = {p.national_code: p for p in projects if p.national_code}
    by_name = {p.name: p for p in projects}
    proposal = []
    for number, values in rows:
        code, name = values.get("national_code"), values.get("name")
        coded, named = by_code.get(code) if code else None, by_name.get(name) if name else None
        if coded and named and coded != named:
            errors.append(
                CellError(
                    number,
                    _letter(batch, "name"),
                    _("The code is project %(a)s's and the name is project %(b)s's.")
                    % {"a": coded.code, "b": named.code},
                )
            )
            continue
        project = coded or named
        if project is not None and code and project.national_code and project.national_code != code:
            errors.append(
                CellError(
                    number,
                    _letter(batch, "national_code"),
                    _("Project %(p)s of this name has the code %(code)s.")
                    % {"p": project.code, "code": project.national_code},
                )
            )
            continue
        if project is None:
            if not values.get("county"):
                column = _letter(batch, "county") if "county" in batch.mapping else _letter(batch, "name")
                errors.append(CellError(number, column, _("A new project needs its county or city.")))
                continue
            fields = {key: [None, _shown(value)] for key, value in values.items() if value not in (None, "")}
            proposal.append({"row": number, "action": "new", "name": name, "fields": fields})
            continue
        changed = {}
        for key in COMPARED:
            new = values.get(key)
            old = getattr(project, key)
            if new not in (None, "") and new != old:
                changed[key] = [_shown(old), _shown(new)]
        proposal.append(
            {
                "row": number,
                "action": "change" if changed else "same",
                "project_id": project.pk,
                "project_code": project.code,
                "name": project.name,
                "fields": changed,
            }
        )
    if errors:
        raise ValidationError([str(error) for error in sorted(errors, key=lambda e: (e.row, e.column))])
    return proposal
