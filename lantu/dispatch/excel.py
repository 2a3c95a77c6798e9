"""Excel round trip of a unit's monthly reports: a prefilled template and an all-or-nothing upload.

The sheet itself (caption, header, hidden meta sheet, cell checks, formula-safe writing) is
`lantu.lib.spreadsheets`; this module knows the columns, whose template it is and the year-to-date rule.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from lantu.dispatch import services as reporting
from lantu.dispatch.figures import reports_in_force
from lantu.dispatch.models import ProgressReport
from lantu.dispatch.selectors import REPORTING_STAGES
from lantu.lib.spreadsheets import (
    CellError,
    Column,
    SheetRow,
    cell_error,
    file_error,
    read_meta,
    read_sheet,
    write_sheet,
)
from lantu.orgs.access import Actor
from lantu.orgs.models import OrgUnit
from lantu.projects.models import AnnualPlan, Project

SHEET = "调度"
HEADER_ROW = 2  # row 1 is the caption
FIRST_ROW = HEADER_ROW + 1
NUMBERS = ("completed_investment", "cumulative_investment", "physical_progress")
TEXTS = ("milestones", "narrative", "correction_reason")


def _number(key: str, header: str, *, suffix: str) -> Column:
    """Return a number column with the digit limits of the report's own model field."""
    field = ProgressReport._meta.get_field(key)
    assert isinstance(field, models.DecimalField)
    return Column(
        key,
        header,
        kind="decimal",
        minimum=Decimal(0),
        max_digits=field.max_digits,
        places=field.decimal_places,
        suffixes=(suffix,),
        hints=(("亿", _("enter the amount in 万元 as a plain number, not in 亿元")),)
        if suffix == "万元"
        else (),
        width=18,
    )


def columns() -> list[Column]:
    """Return the template's columns, A to I."""
    return [
        Column("code", "项目代码", locked=True, width=18),
        Column("name", "项目名称", locked=True, width=40),
        Column("planned", "年度计划投资（万元）", kind="decimal", locked=True, width=18),
        _number("completed_investment", "本月完成投资（万元）", suffix="万元"),
        # Left empty, 本年累计 is computed from last month's cumulative in force.
        _number("cumulative_investment", "本年累计完成投资（万元）", suffix="万元"),
        _number("physical_progress", "形象进度（%）", suffix="%"),
        Column("milestones", "节点目标完成情况", width=30),
        Column("narrative", "进展情况", width=40),
        Column("correction_reason", "累计数更正原因", width=40),
    ]


KEYS = ("code", "name", "planned", *NUMBERS, *TEXTS)
COLUMN = {key: index for index, key in enumerate(KEYS, start=1)}  # key -> column number, A = 1


class SheetRejected(Exception):
    """The upload has errors; nothing was saved."""

    def __init__(self, errors: list[CellError]):
        super().__init__(f"{len(errors)} errors")
        self.errors = errors


def unit_projects(unit: OrgUnit):
    """Return the projects a unit reports on: those it leads or its county holds."""
    return (
        Project.objects.filter(Q(lead_unit=unit) | Q(county=unit), stage__in=REPORTING_STAGES)
        .select_related("lead_unit", "county")
        .order_by("code")
    )


def template_bytes(*, unit: OrgUnit, period: str, drafts: bool) -> bytes:
    """Return the unit's reporting template for a month, prefilled with its projects.

    With `drafts` the unit's own current reports (drafts and corrections included) fill the figures, for
    the unit that edits them; without, only the reports in force do, as any reader may see them.
    """
    year = int(period[:4])
    projects = list(unit_projects(unit))
    plans = dict(
        AnnualPlan.objects.filter(project__in=projects, year=year).values_list(
            "project_id", "planned_investment"
        )
    )
    reports = (ProgressReport.objects if drafts else reports_in_force()).filter(
        project__in=projects, period=period
    )
    current = {report.project_id: report for report in reports.order_by("revision")}
    rows = []
    for project in projects:
        report = current.get(project.pk)
        row = {"code": project.code, "name": project.name, "planned": plans.get(project.pk)}
        for key in NUMBERS + TEXTS:
            row[key] = getattr(report, key) if report else None
        rows.append(row)
    return write_sheet(
        columns(),
        rows,
        title=SHEET,
        caption=f"{unit.name} {period} 重大项目进展调度表",
        meta={"unit": unit.code, "period": period},
    )


def _template_for(meta: dict[str, str], *, unit: OrgUnit, period: str) -> list[CellError]:
    """Return why a filled template was made for another unit or month, if it was."""
    if meta.get("period") and meta["period"] != period:
        return [
            file_error(
                _("This template is for %(other)s, not %(period)s.")
                % {"other": meta["period"], "period": period}
            )
        ]
    if meta.get("unit") and meta["unit"] != unit.code:
        return [file_error(_("This template belongs to another unit."))]
    return []


def parse_upload(*, unit: OrgUnit, period: str, content: bytes) -> list[tuple[int, Project, dict]]:
    """Return the validated rows of an uploaded template, or raise SheetRejected listing every bad cell."""
    spec = columns()
    sheet_rows, errors = read_sheet(content, spec, header_row=HEADER_ROW, sheet_name=SHEET)
    if errors and errors[0].row == 1:  # the file itself: too large, not xlsx, another template
        raise SheetRejected(errors)
    refused = _template_for(read_meta(content), unit=unit, period=period)
    if refused:
        raise SheetRejected(refused)
    known = {project.code: project for project in unit_projects(unit)}
    codes = [row["code"] for row in sheet_rows if row["code"]]
    others = set(
        Project.objects.filter(code__in=codes).exclude(code__in=known).values_list("code", flat=True)
    )
    bad_rows = {error.row for error in errors}
    rows: list[tuple[int, Project, dict]] = []
    seen: dict[str, int] = {}
    for row in sheet_rows:
        project = _row_project(row, spec, known, others, seen, errors)
        if project is None or row.number in bad_rows:
            continue
        if all(row[key] is None for key in ("completed_investment", "cumulative_investment")):
            continue  # a project the unit has not filled in yet is left as it is
        if row["completed_investment"] is None:
            errors.append(cell_error(row.number, spec, "completed_investment", _("This cell is required.")))
            continue
        values = {key: row[key] for key in NUMBERS} | {key: row[key] or "" for key in TEXTS}
        values, problems = reporting.report_check(project, period, values)
        errors.extend(
            cell_error(row.number, spec, field if field in COLUMN else "code", message)
            for field, message in problems.items()
        )
        if not problems:
            rows.append((row.number, project, values))
    if errors:
        raise SheetRejected(sorted(errors, key=lambda e: (e.row, len(e.column), e.column)))
    return rows


def _row_project(
    row: SheetRow,
    spec: list[Column],
    known: dict[str, Project],
    others: set[str],
    seen: dict[str, int],
    errors: list[CellError],
) -> Project | None:
    """Return the row's project, or None with an error: a code missing, repeated or not the unit's."""
    code = row["code"]
    if not code:
        errors.append(cell_error(row.number, spec, "code", _("the project code is missing")))
        return None
    if code in seen:
        errors.append(
            cell_error(
                row.number,
                spec,
                "code",
                _("project %(code)s appears twice (also row %(row)s)") % {"code": code, "row": seen[code]},
            )
        )
        return None
    seen[code] = row.number
    if code not in known:
        message = (
            _("project %(code)s is not reported by this unit")
            if code in others
            else _("unknown project code %(code)s")
        )
        errors.append(cell_error(row.number, spec, "code", message % {"code": code}))
        return None
    return known[code]


@dataclass(frozen=True)
class UploadResult:
    """What an accepted upload changed."""

    saved: int
    unchanged: int


@transaction.atomic
def upload_apply(*, actor: Actor, unit: OrgUnit, period: str, content: bytes) -> UploadResult:
    """Validate every cell, then save all rows as drafts or none; the same file again changes nothing."""
    if not (actor.is_admin or actor.covers(unit.pk)):
        raise PermissionDenied(_("You can only upload your own unit's reports."))
    spec = columns()
    rows = parse_upload(unit=unit, period=period, content=content)
    errors: list[CellError] = []
    saved = unchanged = 0
    for row_number, project, values in rows:
        report = reporting.current_report(project, period)
        if report is not None and all(getattr(report, k) == v for k, v in values.items()):
            unchanged += 1
            continue
        if report is not None and report.state not in reporting.EDITABLE_STATES:
            errors.append(
                cell_error(
                    row_number,
                    spec,
                    "code",
                    _("the %(period)s report on %(code)s is %(state)s and can no longer be changed")
                    % {"period": period, "code": project.code, "state": report.get_state_display()},
                )
            )
            continue
        try:
            reporting.report_save(
                actor=actor,
                project=project,
                period=period,
                version=report.version if report else None,
                **values,
            )
        except ValidationError as error:
            errors.extend(cell_error(row_number, spec, "code", message) for message in error.messages)
        else:
            saved += 1
    if errors:
        transaction.set_rollback(True)
        raise SheetRejected(errors)
    return UploadResult(saved, unchanged)
