"""Kept figures: each project's months as its reports make them, refreshed where the reports are written.

The dispatch overview, the unit page, the dashboard's dispatch card, the API's figures, the documents
and the reminders read a month's completion year to date, the report in force, what is still owed and
when the first revision was submitted from `ProjectMonth` rows instead of every report of the year.

One function derives them from the reports (`_derive`, on the condition `figures.IN_FORCE` of
`figures.reports_in_force`): the refresh after every save or delete of a progress report (connected in
`DispatchConfig.ready`, so it runs in the transaction of the service that writes the report: save,
submit, approve, return, revise, a correction's approval, the Excel import, the API) and `rebuild`
(`lantu rebuild_figures`, and after writes that bypass `save()`: `bulk_create`, `QuerySet.update`, the
demo load, `lantu generate`) both call it.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from itertools import groupby

from django.db import connection, transaction
from django.db.models import BooleanField, ExpressionWrapper, QuerySet

from lantu.core import periods
from lantu.dispatch.figures import IN_FORCE
from lantu.dispatch.models import ProgressReport, ProjectMonth

State = ProgressReport.State
DONE_STATES = (State.SUBMITTED, State.APPROVED)  # the month's report is no longer owed
BATCH = 5000
_ROW = ("project", "period", "completed", "rests_on", "state", "done", "first_submitted_at")
_COLUMNS = ("project_id", "period", "revision", "state", "cumulative_investment", "submitted_at", "in_force")


@dataclass
class _Month:
    state: str = ""
    done: bool = False
    first_submitted_at: datetime | None = None
    in_force: bool = False
    cumulative: Decimal | None = None


def _derive(project_id: int, year: int, reports: Iterable[tuple]) -> Iterator[tuple]:
    """Yield the kept months of one project's year from its reports, given in (period, revision) order.

    Per month: the latest revision's state, whether a revision was submitted or approved, when the first
    revision was submitted; and the 本年累计 of the latest report in force of the year up to the month
    (the month itself or the last earlier one), with the month it rests on. Rows are tuples of
    `_ROW` (model instances cost more than the insert itself).
    """
    months: dict[str, _Month] = {}
    for _project, period, revision, state, cumulative, submitted_at, in_force in reports:
        month = months.setdefault(period, _Month())
        month.state = state  # revisions come in order: the latest wins
        month.done = month.done or state in DONE_STATES
        if revision == 1:
            month.first_submitted_at = submitted_at
        if in_force:
            month.in_force, month.cumulative = True, cumulative
    rests_on, completed = "", None
    for number in range(1, 13):
        period = periods.month_label(year, number)
        month = months.get(period) or _Month()
        if month.in_force:
            rests_on, completed = period, month.cumulative
        if period in months or rests_on:
            yield (project_id, period, completed, rests_on, month.state, month.done, month.first_submitted_at)


def _insert(rows: list[tuple]) -> None:
    """Insert kept rows (tuples of `_ROW`) in one statement, each value prepared by its field."""
    if not rows:
        return
    meta, quote = ProjectMonth._meta, connection.ops.quote_name
    fields = {field.name: field for field in meta.concrete_fields}
    columns = ", ".join(quote(fields[name].get_attname_column()[1] or name) for name in _ROW)
    sql = f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES ({', '.join(['%s'] * len(_ROW))})"
    money, moment = fields["completed"], fields["first_submitted_at"]
    with connection.cursor() as cursor:
        cursor.executemany(
            sql,
            [
                (
                    *row[:2],
                    money.get_db_prep_save(row[2], connection),
                    *row[3:6],
                    moment.get_db_prep_save(row[6], connection),
                )
                for row in rows
            ],
        )


def _scoped(rows: QuerySet, project_ids: list[int] | None, year: int | None) -> QuerySet:
    if project_ids is not None:
        rows = rows.filter(project_id__in=project_ids)
    if year is not None:
        rows = rows.filter(period__gte=f"{year:04d}-01", period__lte=f"{year:04d}-12")
    return rows


@transaction.atomic
def rebuild(*, project_ids: Iterable[int] | None = None, year: int | None = None) -> int:
    """Rebuild the kept figures from the reports: all, or those of some projects and/or one year.

    Streams the reports once in (project, period, revision) order and writes the rows in batches:
    one read and one insert per 5,000 rows, whatever the number of reports. Returns the rows written.
    """
    ids = None if project_ids is None else list(project_ids)
    _scoped(ProjectMonth.objects.all(), ids, year).delete()
    reports = (
        _scoped(ProgressReport.objects.all(), ids, year)
        .order_by("project_id", "period", "revision")
        .annotate(in_force=ExpressionWrapper(IN_FORCE, output_field=BooleanField()))
        .values_list(*_COLUMNS)
    )
    written, batch = 0, list[tuple]()
    for (project_id, year_label), group in groupby(
        reports.iterator(chunk_size=BATCH), key=lambda row: (row[0], row[1][:4])
    ):
        batch.extend(_derive(project_id, int(year_label), group))
        if len(batch) >= BATCH:
            _insert(batch)
            written, batch = written + len(batch), []
    _insert(batch)
    return written + len(batch)


def refresh(*, project_id: int, period: str) -> None:
    """Refresh the kept figures of a project's year after one of its reports changed."""
    rebuild(project_ids=[project_id], year=int(period[:4]))


def report_changed(sender, instance: ProgressReport, raw: bool = False, **kwargs) -> None:
    """Refresh the year of a saved or deleted report (a receiver of post_save and post_delete)."""
    if not raw:  # loaddata brings the kept rows with it
        refresh(project_id=instance.project_id, period=instance.period)


def fill_when_missing(sender, using: str = "default", **kwargs) -> None:
    """Rebuild the kept figures when there are reports but none are kept (after upgrading; post_migrate)."""
    if not ProjectMonth.objects.using(using).exists() and ProgressReport.objects.using(using).exists():
        rebuild()


def months_of(period: str) -> QuerySet[ProjectMonth]:
    """Return the kept rows of a month."""
    return ProjectMonth.objects.filter(period=period).order_by()
