"""Excel round trip of indicator values: a template prefilled with the unit's indicators and periods."""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lantu.indicators.entry import enterable_indicators
from lantu.indicators.models import Observation
from lantu.indicators.periods import entry_periods
from lantu.indicators.services import Entry, check_new_vintage, check_period, observations_save, parse_value
from lantu.lib.spreadsheets import CellError, Column, cell_error, file_error, read_sheet, write_sheet
from lantu.orgs.access import Actor

HEADERS = {
    "plan": gettext_lazy("Plan code"),
    "code": gettext_lazy("Indicator code"),
    "name": gettext_lazy("Indicator"),
    "unit": gettext_lazy("Unit"),
    "period": gettext_lazy("Period"),
    "value": gettext_lazy("Value"),
    "note": gettext_lazy("Note"),
}


def _aliases(key: str) -> tuple[str, ...]:
    """Return a column's header in every UI language: a template works whichever language made it."""
    names = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            names.append(str(HEADERS[key]))
    return tuple(names)


def columns() -> list[Column]:
    """Return the template's columns (headers in the active language)."""
    spec = [
        ("plan", {"required": True, "locked": True, "width": 10}),
        ("code", {"required": True, "locked": True, "width": 18}),
        ("name", {"locked": True, "width": 30}),
        ("unit", {"locked": True, "width": 10}),
        ("period", {"required": True, "width": 10}),
        ("value", {"kind": "decimal", "width": 14}),
        ("note", {"width": 30}),
    ]
    return [Column(key, str(HEADERS[key]), aliases=_aliases(key), **options) for key, options in spec]


def template(actor: Actor, now: datetime) -> bytes:
    """Return the template: one row per indicator and period, with the preliminary values recorded."""
    indicators = list(enterable_indicators(actor))
    recorded = {
        (o.indicator_id, o.period): o
        # A correction waiting for review shows instead of the approved value it corrects.
        for o in Observation.objects.current()
        .filter(indicator__in=indicators, vintage=Observation.Vintage.PRELIMINARY)
        .only("indicator_id", "period", "value", "note", "revision")
    }
    rows = []
    for indicator in indicators:
        for period in entry_periods(indicator, now):
            observation = recorded.get((indicator.pk, period))
            rows.append(
                {
                    "plan": indicator.plan.code,
                    "code": indicator.code,
                    "name": indicator.name,
                    "unit": indicator.unit,
                    "period": period,
                    "value": observation.value if observation else None,
                    "note": observation.note if observation else "",
                }
            )
    notes = [
        _("Fill in the Value column; leave it empty for periods you do not report."),
        _("Do not change the plan code, indicator code or period of a row."),
        _("Periods: 2027 for a year, 2027Q2 for a quarter, 2027-06 for a month."),
        _("On upload every cell is checked first; nothing is saved unless every row passes."),
    ]
    return write_sheet(columns(), rows, title=_("Indicator values"), notes=notes)


@dataclass(frozen=True)
class UploadResult:
    """What an upload did: how many values changed, or every error found (then nothing changed)."""

    changed: int
    unchanged: int
    errors: list[CellError]


def upload(actor: Actor, data: bytes, *, submit: bool, now: datetime) -> UploadResult:
    """Check every row of an uploaded template, then save all rows or none."""
    cols = columns()
    rows, errors = read_sheet(data, cols)
    indicators = {(i.plan.code, i.code): i for i in enterable_indicators(actor)}
    entries: list[Entry] = []
    seen: dict[tuple, int] = {}
    for row in rows:
        if row["value"] is None:
            continue  # a period left empty is simply not reported
        indicator = indicators.get((row["plan"], row["code"]))
        if indicator is None:
            if row["plan"] and row["code"]:
                errors.append(
                    cell_error(
                        row.number,
                        cols,
                        "code",
                        _("No indicator %(plan)s/%(code)s that you report.")
                        % {"plan": row["plan"], "code": row["code"]},
                    )
                )
            continue
        try:
            period = check_period(indicator, row["period"], now) if row["period"] else None
        except ValidationError as error:
            errors.append(cell_error(row.number, cols, "period", error.messages[0]))
            continue
        if period is None:
            continue  # the missing period is reported by read_sheet already
        try:
            value = parse_value(row["value"])
        except ValidationError as error:
            errors.append(cell_error(row.number, cols, "value", error.messages[0]))
            continue
        key = (indicator.pk, period)
        if key in seen:
            errors.append(
                cell_error(
                    row.number,
                    cols,
                    "period",
                    _("%(period)s already appears in row %(row)s.") % {"period": period, "row": seen[key]},
                )
            )
            continue
        seen[key] = row.number
        entry = Entry(indicator, period, value, row["note"] or "")
        try:
            check_new_vintage(entry)
        except ValidationError as error:
            errors.append(cell_error(row.number, cols, "value", error.messages[0]))
            continue
        entries.append(entry)
    if errors:
        return UploadResult(0, 0, sorted(errors, key=lambda e: (e.row, e.column)))
    try:
        changed = observations_save(actor=actor, entries=entries, submit=submit, now=now)
    except PermissionDenied as error:
        return UploadResult(0, 0, [file_error(str(error))])
    return UploadResult(changed, len(entries) - changed, [])
