"""Excel round trip of a unit's monthly reports: a prefilled template and an all-or-nothing upload."""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from io import BytesIO

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from lantu.dispatch import services as reporting
from lantu.dispatch.models import ProgressReport
from lantu.dispatch.selectors import REPORTING_STAGES
from lantu.orgs.access import Actor
from lantu.orgs.models import OrgUnit
from lantu.projects.models import AnnualPlan, Project

FIRST_ROW = 3  # row 1: title, row 2: headers
MAX_BYTES = 5 * 1024 * 1024
COLUMNS = (
    ("code", "项目代码"),
    ("name", "项目名称"),
    ("planned", "年度计划投资（万元）"),
    ("completed_investment", "本月完成投资（万元）"),
    ("cumulative_investment", "本年累计完成投资（万元）"),
    ("physical_progress", "形象进度（%）"),
    ("milestones", "节点目标完成情况"),
    ("narrative", "进展情况"),
    ("correction_reason", "累计数更正原因"),
)
COLUMN = {key: index for index, (key, _label) in enumerate(COLUMNS, start=1)}


@dataclass(frozen=True)
class CellError:
    """What is wrong in one cell; row and column as Excel shows them."""

    row: int
    column: int
    message: str

    @property
    def column_letter(self) -> str:
        return get_column_letter(self.column)

    @property
    def column_label(self) -> str:
        return COLUMNS[self.column - 1][1] if 0 < self.column <= len(COLUMNS) else ""

    def __str__(self) -> str:
        return _("Row %(row)s, column %(column)s (%(label)s): %(message)s") % {
            "row": self.row,
            "column": self.column_letter,
            "label": self.column_label,
            "message": self.message,
        }


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


def template_bytes(*, unit: OrgUnit, period: str) -> bytes:
    """Return the unit's reporting template for a month, prefilled with its projects and current figures."""
    year = int(period[:4])
    projects = list(unit_projects(unit))
    plans = dict(
        AnnualPlan.objects.filter(project__in=projects, year=year).values_list(
            "project_id", "planned_investment"
        )
    )
    current = {}
    for report in ProgressReport.objects.filter(project__in=projects, period=period).order_by("revision"):
        current[report.project_id] = report
    book = Workbook()
    sheet = book.active
    sheet.title = "调度"
    sheet["A1"] = f"{unit.name} {period} 重大项目进展调度表"
    sheet["A1"].font = Font(bold=True, size=13)
    for index, (_key, label) in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=2, column=index, value=label)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DCE6F1")
        sheet.column_dimensions[get_column_letter(index)].width = 40 if index in (2, 8, 9) else 18
    for row, project in enumerate(projects, start=FIRST_ROW):
        report = current.get(project.pk)
        values = {
            "code": project.code,
            "name": project.name,
            "planned": plans.get(project.pk),
            "completed_investment": report.completed_investment if report else None,
            "cumulative_investment": report.cumulative_investment if report else None,
            "physical_progress": report.physical_progress if report else None,
            "milestones": report.milestones if report else "",
            "narrative": report.narrative if report else "",
            "correction_reason": report.correction_reason if report else "",
        }
        for key, value in values.items():
            sheet.cell(
                row=row, column=COLUMN[key], value=float(value) if isinstance(value, Decimal) else value
            )
    meta = book.create_sheet("meta")
    meta.append(["unit", unit.code])
    meta.append(["period", period])
    meta.sheet_state = "hidden"
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _number(value, row: int, key: str, errors: list[CellError], required: bool) -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            errors.append(CellError(row, COLUMN[key], _("this cell must not be empty")))
        return None
    if isinstance(value, bool):
        value = "x"
    if isinstance(value, str):
        text = value.strip().replace(",", "").replace("，", "")
        if "亿" in text:
            errors.append(
                CellError(row, COLUMN[key], _("enter the amount in 万元 as a plain number, not in 亿元"))
            )
            return None
        value = text.removesuffix("万元").removesuffix("%").strip()
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        errors.append(CellError(row, COLUMN[key], _("“%(value)s” is not a number") % {"value": value}))
        return None
    if not number.is_finite():
        errors.append(CellError(row, COLUMN[key], _("“%(value)s” is not a number") % {"value": value}))
        return None
    if number < 0:
        errors.append(CellError(row, COLUMN[key], _("must not be negative")))
        return None
    return number.quantize(Decimal("0.01") if key != "physical_progress" else Decimal("0.1"))


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def parse_upload(*, unit: OrgUnit, period: str, content: bytes) -> list[tuple[int, Project, dict]]:
    """Return the validated rows of an uploaded template, or raise SheetRejected listing every bad cell."""
    if len(content) > MAX_BYTES:
        raise SheetRejected([CellError(0, 0, _("The file is larger than 5 MB."))])
    try:
        book = load_workbook(BytesIO(content), data_only=True, read_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not xlsx
        raise SheetRejected([CellError(0, 0, _("The file is not an Excel workbook (.xlsx)."))]) from None
    if "meta" in book.sheetnames:
        meta = {row[0]: row[1] for row in book["meta"].iter_rows(values_only=True) if row and row[0]}
        if meta.get("period") and meta.get("period") != period:
            raise SheetRejected(
                [
                    CellError(
                        1,
                        1,
                        _("This template is for %(other)s, not %(period)s.")
                        % {"other": meta["period"], "period": period},
                    )
                ]
            )
        if meta.get("unit") and meta.get("unit") != unit.code:
            raise SheetRejected([CellError(1, 1, _("This template belongs to another unit."))])
    sheet = book["调度"] if "调度" in book.sheetnames else book.worksheets[0]
    known = {project.code: project for project in unit_projects(unit)}
    others = set(
        Project.objects.exclude(pk__in=[p.pk for p in known.values()])
        .filter(
            code__in=[
                _text(r[0])
                for r in sheet.iter_rows(min_row=FIRST_ROW, max_col=1, values_only=True)
                if r and r[0]
            ]
        )
        .values_list("code", flat=True)
    )
    errors: list[CellError] = []
    rows: list[tuple[int, Project, dict]] = []
    seen: dict[str, int] = {}
    for row_number, cells in enumerate(
        sheet.iter_rows(min_row=FIRST_ROW, max_col=len(COLUMNS), values_only=True), start=FIRST_ROW
    ):
        cells = list(cells) + [None] * (len(COLUMNS) - len(cells))
        value = {key: cells[COLUMN[key] - 1] for key, _label in COLUMNS}
        code = _text(value["code"])
        if not code and all(_text(v) == "" for v in cells):
            continue
        if not code:
            errors.append(CellError(row_number, COLUMN["code"], _("the project code is missing")))
            continue
        if code in seen:
            errors.append(
                CellError(
                    row_number,
                    COLUMN["code"],
                    _("project %(code)s appears twice (also row %(row)s)")
                    % {"code": code, "row": seen[code]},
                )
            )
            continue
        seen[code] = row_number
        project = known.get(code)
        if project is None:
            message = (
                _("project %(code)s is not reported by this unit")
                if code in others
                else _("unknown project code %(code)s")
            )
            errors.append(CellError(row_number, COLUMN["code"], message % {"code": code}))
            continue
        if all(_text(value[key]) == "" for key in ("completed_investment", "cumulative_investment")):
            continue  # a project the unit has not filled in yet is left as it is
        before = len(errors)
        values = {
            "completed_investment": _number(
                value["completed_investment"], row_number, "completed_investment", errors, True
            ),
            # Left empty, 本年累计 is computed from last month's cumulative in force.
            "cumulative_investment": _number(
                value["cumulative_investment"], row_number, "cumulative_investment", errors, False
            ),
            "physical_progress": _number(
                value["physical_progress"], row_number, "physical_progress", errors, False
            ),
            "milestones": _text(value["milestones"]),
            "narrative": _text(value["narrative"]),
            "correction_reason": _text(value["correction_reason"]),
        }
        if len(errors) > before:
            continue
        values, problems = reporting.report_check(project, period, values)
        for field, message in problems.items():
            errors.append(CellError(row_number, COLUMN.get(field, 1), message))
        if len(errors) == before:
            rows.append((row_number, project, values))
    if errors:
        raise SheetRejected(errors)
    return rows


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
                CellError(
                    row_number,
                    COLUMN["code"],
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
            errors.extend(CellError(row_number, COLUMN["code"], message) for message in error.messages)
        else:
            saved += 1
    if errors:
        transaction.set_rollback(True)
        raise SheetRejected(errors)
    return UploadResult(saved, unchanged)
