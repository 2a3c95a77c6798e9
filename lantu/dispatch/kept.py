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

import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from itertools import groupby

from django.db import connection, transaction
from django.db.models import BooleanField, Count, ExpressionWrapper, Q, QuerySet
from django.utils import timezone

from lantu.core import periods, progress
from lantu.dispatch import figures
from lantu.dispatch.figures import GROUP_KEY, IN_FORCE, TALLY_KEY
from lantu.dispatch.models import (
    GroupMonth,
    InvestmentMonth,
    ProgressReport,
    ProjectMonth,
    ProjectTally,
    ReportingPeriod,
)
from lantu.lib.bulk import Table

State = ProgressReport.State
DONE_STATES = (State.SUBMITTED, State.APPROVED)  # the month's report is no longer owed
BATCH = 5000
_ROW = (
    "project",
    "period",
    "completed",
    "rests_on",
    "planned",
    "rate",
    "state",
    "done",
    "first_submitted_at",
)
_COLUMNS = ("project_id", "period", "revision", "state", "cumulative_investment", "submitted_at", "in_force")
# The columns of a report that its kept months derive from: `_COLUMNS`, with `figures.IN_FORCE`'s (state,
# superseded) for "in_force". A save that moves none of them (a draft's figures saved again) keeps them.
_DERIVED_FROM = (
    "project_id",
    "period",
    "revision",
    "state",
    "submitted_at",
    "superseded",
    "cumulative_investment",
)


@dataclass
class _Month:
    state: str = ""
    done: bool = False
    first_submitted_at: datetime | None = None
    in_force: bool = False
    cumulative: Decimal | None = None


def _derive(project_id: int, year: int, reports: Iterable[tuple], planned: Decimal | None) -> Iterator[tuple]:
    """Yield the kept months of one project's year from its reports, given in (period, revision) order.

    Per month: the latest revision's state, whether a revision was submitted or approved, when the first
    revision was submitted; and the 本年累计 of the latest report in force of the year up to the month
    (the month itself or the last earlier one), with the month it rests on, the year's plan (`planned`)
    and the fraction of it completed (`progress.completed_fraction`). Rows are tuples of `_ROW` (model
    instances cost more than the insert itself).
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
            rate = progress.completed_fraction(planned, completed)
            yield (project_id, period, completed, rests_on, planned, rate, *_tail(month))


def _tail(month: _Month) -> tuple:
    return (month.state, month.done, month.first_submitted_at)


def _insert(rows: list[tuple]) -> None:
    """Insert kept rows (tuples of `_ROW`), each value prepared by its field."""
    if not rows:
        return
    fields = {field.name: field for field in ProjectMonth._meta.concrete_fields}
    prepared = [fields[name] for name in ("completed", "planned", "rate", "first_submitted_at")]
    where = [_ROW.index(field.name) for field in prepared]

    def prepare(row: tuple) -> tuple:
        values = list(row)
        for index, field in zip(where, prepared, strict=True):
            values[index] = field.get_db_prep_save(values[index], connection)
        return tuple(values)

    _table().insert(prepare(row) for row in rows)


def _table() -> Table:
    fields = {field.name: field for field in ProjectMonth._meta.concrete_fields}
    return Table(ProjectMonth, [fields[name].attname for name in _ROW])


def _scoped(rows: QuerySet, project_ids: list[int] | None, year: int | None) -> QuerySet:
    if project_ids is not None:
        rows = rows.filter(project_id__in=project_ids)
    if year is not None:
        rows = rows.filter(period__gte=f"{year:04d}-01", period__lte=f"{year:04d}-12")
    return rows


@transaction.atomic
def rebuild(
    *, project_ids: Iterable[int] | None = None, year: int | None = None, regroup_too: bool = True
) -> int:
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
    planned = _annual_plans(ids, year)
    written, batch = 0, list[tuple]()
    for (project_id, year_label), group in groupby(
        reports.iterator(chunk_size=BATCH), key=lambda row: (row[0], row[1][:4])
    ):
        batch.extend(_derive(project_id, int(year_label), group, planned.get((project_id, int(year_label)))))
        if len(batch) >= BATCH:
            _insert(batch)
            written, batch = written + len(batch), []
    _insert(batch)
    if regroup_too and ids is None:
        regroup_all()
        recount_all_sums()
        recount_all_tallies()
    elif regroup_too and ids is not None:
        regroup(groups_of(ids), periods_=None if year is None else _year_months(year))
        recount_sums(sum_keys_of(ids), planned_months(ids) if year is None else _year_months(year))
        recount_tallies(tally_keys_of(ids))
    return written + len(batch)


def _annual_plans(project_ids: list[int] | None, year: int | None) -> dict[tuple[int, int], Decimal]:
    """Return the planned investment per (project, year) of some projects and/or one year."""
    from lantu.projects.models import AnnualPlan

    plans = AnnualPlan.objects.order_by()
    if project_ids is not None:
        plans = plans.filter(project_id__in=project_ids)
    if year is not None:
        plans = plans.filter(year=year)
    return {
        (pk, number): amount
        for pk, number, amount in plans.values_list("project_id", "year", "planned_investment")
    }


def _year_months(year: int) -> list[str]:
    return [periods.month_label(year, number) for number in range(1, 13)]


def refresh(*, project_id: int, period: str) -> None:
    """Refresh the kept figures of a project's year after one of its reports changed.

    Its group is recounted only on the months whose first submission or whose "done" moved (a draft
    saved again moves neither), and its investment sums only on the months whose year to date moved.
    """
    year = int(period[:4])

    def counted() -> dict[str, tuple]:
        rows = _scoped(ProjectMonth.objects.filter(project_id=project_id), None, year)
        return {
            label: (first, done, completed, rests_on)
            for label, first, done, completed, rests_on in rows.values_list(
                "period", "first_submitted_at", "done", "completed", "rests_on"
            )
        }

    before = counted()
    rebuild(project_ids=[project_id], year=year, regroup_too=False)
    after = counted()
    changed = set(before) | set(after)
    moved = [label for label in changed if before.get(label, ())[:2] != after.get(label, ())[:2]]
    summed = [label for label in changed if before.get(label, ())[2:] != after.get(label, ())[2:]]
    if moved and _recounting():
        regroup(groups_of([project_id]), periods_=moved)
    if summed and _recounting():
        recount_sums(sum_keys_of([project_id]), summed)


# Timeliness, kept per group of projects (`GroupMonth`): plan, lead unit and county.

_bulk = threading.local()


@contextmanager
def groups_recounted_after() -> Iterator[None]:
    """Skip the group recount on each save inside (a bulk load); the caller calls `rebuild` at its end."""
    previous = getattr(_bulk, "on", False)
    _bulk.on = True
    try:
        yield
    finally:
        _bulk.on = previous


def _recounting() -> bool:
    return not getattr(_bulk, "on", False)


REPORTING_STAGES = ("preparation", "new", "continuing", "completed")  # the projects that report monthly
Key = tuple[int, int, int]  # plan, lead unit, county


def _day_after(day: date) -> datetime:
    """Return the local midnight ending a day, so the comparison can use the column's index."""
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time()))


def submitted_on_time_q(deadline: date, column: str = "submitted_at") -> Q:
    """Return the condition of a report submitted by the end of its deadline day (local time).

    The queryset form of core.overdue.timeliness(...) == ON_TIME for a submitted report (a test keeps
    them equal); the comparison with the next local midnight can use the column's index. `column` is
    the moment compared: a report's `submitted_at`, a kept month's `first_submitted_at`.
    """
    return Q(**{f"{column}__lt": _day_after(deadline)})


def _group_of(prefix: str = "") -> tuple[str, str, str]:
    return (f"{prefix}plan_id", f"{prefix}lead_unit_id", f"{prefix}county_id")


def regroup(keys: Iterable[Key], *, periods_: Iterable[str] | None = None) -> None:
    """Recount the kept timeliness of some groups, on some months (None: every reporting period).

    Per group and month with a reporting period: the projects that report, how many of them submitted
    the month's first revision by the period's deadline, and how many submitted or had approved a
    revision of the month (`ProjectMonth.done`).
    """
    from lantu.projects.models import Project

    wanted = None if periods_ is None else sorted(set(periods_))
    for plan_id, lead_id, county_id in set(keys):
        deadlines = ReportingPeriod.objects.filter(plan_id=plan_id)
        if wanted is not None:
            deadlines = deadlines.filter(period__in=wanted)
        due = dict(deadlines.values_list("period", "deadline"))
        stale = GroupMonth.objects.filter(plan_id=plan_id, lead_unit_id=lead_id, county_id=county_id)
        (stale if wanted is None else stale.filter(period__in=wanted)).delete()
        members = Project.objects.filter(
            plan_id=plan_id, lead_unit_id=lead_id, county_id=county_id, stage__in=REPORTING_STAGES
        )
        count = members.count()
        if not due or not count:
            continue
        timely = Q()
        for label, deadline in due.items():
            timely |= Q(period=label) & submitted_on_time_q(deadline, "first_submitted_at")
        counted = {
            label: (on_time, done)
            for label, on_time, done in ProjectMonth.objects.filter(
                period__in=list(due), project__in=members.values("pk")
            )
            .order_by()
            .values_list("period")
            .annotate(on_time=Count("pk", filter=timely), done=Count("pk", filter=Q(done=True)))
        }
        _write_groups(
            (plan_id, label, lead_id, county_id, count, *counted.get(label, (0, 0))) for label in due
        )


def _write_groups(rows: Iterable[tuple[int, str, int, int, int, int, int]]) -> None:
    """Insert kept group rows: (plan, period, lead unit, county, projects, on time, done)."""
    fields = ("plan_id", "period", "lead_unit_id", "county_id", "projects", "on_time", "done")
    GroupMonth.objects.bulk_create(
        (GroupMonth(**dict(zip(fields, row, strict=True))) for row in rows), batch_size=BATCH
    )


def regroup_period(*, plan_id: int, period: str) -> None:
    """Recount every group of a plan on one month (its reporting period opened, moved or closed)."""
    from lantu.projects.models import Project

    GroupMonth.objects.filter(plan_id=plan_id, period=period).delete()
    found = ReportingPeriod.objects.filter(plan_id=plan_id, period=period).first()
    if found is None:
        return
    members = Project.objects.filter(plan_id=plan_id, stage__in=REPORTING_STAGES).order_by()
    counts = members.values_list("lead_unit_id", "county_id").annotate(n=Count("pk"))
    counted = {
        (lead, county): (on_time, done)
        for lead, county, on_time, done in ProjectMonth.objects.filter(
            period=period, project__plan_id=plan_id, project__stage__in=REPORTING_STAGES
        )
        .order_by()
        .values_list("project__lead_unit_id", "project__county_id")
        .annotate(
            on_time=Count("pk", filter=submitted_on_time_q(found.deadline, "first_submitted_at")),
            done=Count("pk", filter=Q(done=True)),
        )
    }
    _write_groups(
        (plan_id, period, lead, county, n, *counted.get((lead, county), (0, 0))) for lead, county, n in counts
    )


def regroup_all() -> None:
    """Recount every group on every reporting period: one query per month."""
    from lantu.projects.models import Project

    GroupMonth.objects.all().delete()
    members: dict[int, list[tuple[int, int, int]]] = {}
    for plan_id, lead, county, n in (
        Project.objects.filter(plan__isnull=False, stage__in=REPORTING_STAGES)
        .order_by()
        .values_list(*_group_of())
        .annotate(n=Count("pk"))
    ):
        members.setdefault(plan_id, []).append((lead, county, n))
    deadlines: dict[str, dict[int, date]] = {}
    for plan_id, label, deadline in ReportingPeriod.objects.values_list("plan_id", "period", "deadline"):
        deadlines.setdefault(label, {})[plan_id] = deadline
    for label, plans in sorted(deadlines.items()):
        timely = Q()
        for plan_id, deadline in plans.items():
            timely |= Q(project__plan_id=plan_id) & submitted_on_time_q(deadline, "first_submitted_at")
        counted = {
            row[:3]: row[3:]
            for row in ProjectMonth.objects.filter(
                period=label, project__plan_id__in=list(plans), project__stage__in=REPORTING_STAGES
            )
            .order_by()
            .values_list(*_group_of("project__"))
            .annotate(on_time=Count("pk", filter=timely), done=Count("pk", filter=Q(done=True)))
        }
        _write_groups(
            (plan_id, label, lead, county, n, *counted.get((plan_id, lead, county), (0, 0)))
            for plan_id in plans
            for lead, county, n in members.get(plan_id, [])
        )


# Investment sums, kept per group of projects (`InvestmentMonth`): `figures.GROUP_KEY`.

SumKey = tuple[int | None, int, int, int | None, int | None]  # plan, county, lead unit, cluster, park


def _one_of(columns: tuple[str, ...], keys: Iterable[tuple]) -> Q:
    """Return the condition "these columns hold one of the keys", on projects and on kept rows alike."""
    found = Q(pk__in=[])
    for key in keys:
        found |= Q(**dict(zip(columns, key, strict=True)))
    return found


def _write_sums(period: str, groups: dict[tuple, "figures.YtdGroup"], judged_by: str) -> None:
    InvestmentMonth.objects.bulk_create(
        (
            InvestmentMonth(
                period=period,
                **dict(zip(GROUP_KEY, key, strict=True)),
                planned=group.planned,
                completed=group.completed,
                projects=group.projects,
                reported=group.reported,
                unreported=group.unreported,
                behind=group.behind,
                judged_by=judged_by,
            )
            for key, group in groups.items()
        ),
        batch_size=BATCH,
    )


@transaction.atomic
def recount_sums(keys: Iterable[SumKey], periods_: Iterable[str]) -> None:
    """Recount the kept investment sums of some groups on some months (`figures.live_groups`).

    The groups' projects are locked first, so that two writers recounting one group take turns.
    """
    from lantu.projects.models import Project

    wanted, groups = sorted(set(periods_)), set(keys)
    if not wanted or not groups:
        return
    members = Project.objects.filter(_one_of(GROUP_KEY, groups)).order_by("pk")
    list(members.select_for_update().values_list("pk", flat=True))
    InvestmentMonth.objects.filter(_one_of(GROUP_KEY, groups), period__in=wanted).delete()
    for label in wanted:
        _write_sums(label, figures.live_groups(label, members.order_by()), figures.judging_floor(label).stamp)


def recount_all_sums() -> None:
    """Recount every group's investment sums on every month of a year with annual plans: one query a month."""
    from lantu.projects.models import Project

    InvestmentMonth.objects.all().delete()
    for label in planned_months(None):
        _write_sums(
            label, figures.live_groups(label, Project.objects.all()), figures.judging_floor(label).stamp
        )


def planned_months(project_ids: Iterable[int] | None) -> list[str]:
    """Return the months of every year with an annual plan (of some projects, or of any)."""
    from lantu.projects.models import AnnualPlan

    plans = AnnualPlan.objects.order_by()
    if project_ids is not None:
        plans = plans.filter(project_id__in=list(project_ids))
    return [
        label for year in sorted(set(plans.values_list("year", flat=True))) for label in _year_months(year)
    ]


def sum_keys_of(project_ids: Iterable[int]) -> set[SumKey]:
    """Return the groups (`figures.GROUP_KEY`) of some projects."""
    return _keys_of(GROUP_KEY, project_ids)


def _keys_of(columns: tuple[str, ...], project_ids: Iterable[int]) -> set[tuple]:
    """Return the values of these columns (a kept table's key) of some projects."""
    from lantu.projects.models import Project

    return set(Project.objects.filter(pk__in=list(project_ids)).values_list(*columns))


# Projects counted per county, lead unit, park and stage (`ProjectTally`): `figures.TALLY_KEY`.

TallyKey = tuple[int, int, int | None, str]  # county, lead unit, park, stage


def _write_tallies(tallies: dict[tuple, figures.Tally]) -> None:
    ProjectTally.objects.bulk_create(
        (
            ProjectTally(
                **dict(zip(TALLY_KEY, key, strict=True)),
                projects=tally.projects,
                investment=tally.investment,
                without_investment=tally.without_investment,
                sample_investment=tally.sample_investment,
            )
            for key, tally in tallies.items()
        ),
        batch_size=BATCH,
    )


@transaction.atomic
def recount_tallies(keys: Iterable[TallyKey]) -> None:
    """Recount the kept counts of some combinations (`figures.live_tallies`), their projects locked first
    so that two writers recounting one combination take turns."""
    from lantu.projects.models import Project

    wanted = set(keys)
    if not wanted:
        return
    members = Project.objects.filter(_one_of(TALLY_KEY, wanted)).order_by("pk")
    list(members.select_for_update().values_list("pk", flat=True))
    ProjectTally.objects.filter(_one_of(TALLY_KEY, wanted)).delete()
    _write_tallies(figures.live_tallies(members))


def recount_all_tallies() -> None:
    """Recount every kept count of projects: one grouped query."""
    from lantu.projects.models import Project

    ProjectTally.objects.all().delete()
    _write_tallies(figures.live_tallies(Project.objects.all()))


def tally_keys_of(project_ids: Iterable[int]) -> set[TallyKey]:
    """Return the combinations (`figures.TALLY_KEY`) of some projects."""
    return _keys_of(TALLY_KEY, project_ids)


def annual_plan_saving(sender, instance, raw: bool = False, **kwargs) -> None:
    """Remember the year an annual plan had before a save (a receiver of pre_save)."""
    instance._kept_year = None
    if not raw and instance.pk is not None:
        instance._kept_year = (
            type(instance).objects.filter(pk=instance.pk).values_list("year", flat=True).first()
        )


def annual_plan_changed(sender, instance, raw: bool = False, **kwargs) -> None:
    """Recount the investment sums of a project's group on the years of a saved or deleted annual plan."""
    if raw or not _recounting():
        return
    years = {instance.year, getattr(instance, "_kept_year", None)} - {None}
    for year in years:  # the project's kept months carry the year's plan
        rebuild(project_ids=[instance.project_id], year=year, regroup_too=False)
    recount_sums(
        sum_keys_of([instance.project_id]), [m for year in sorted(years) for m in _year_months(year)]
    )


def groups_of(project_ids: Iterable[int]) -> set[Key]:
    """Return the groups (plan, lead unit, county) of some projects, those without a plan left out."""
    from lantu.projects.models import Project

    return set(Project.objects.filter(pk__in=list(project_ids), plan__isnull=False).values_list(*_group_of()))


def project_saving(sender, instance, raw: bool = False, **kwargs) -> None:
    """Remember the group and stage a project had before a save (a receiver of pre_save)."""
    if raw or instance.pk is None or not _recounting():
        instance._kept_before = None
        return
    instance._kept_before = type(instance).objects.filter(pk=instance.pk).values_list(*_PROJECT_ROW).first()


def project_changed(sender, instance, raw: bool = False, created: bool = False, **kwargs) -> None:
    """Recount the groups a project left and joined, or whose reporting it started or stopped."""
    if raw or not _recounting():
        return
    before = getattr(instance, "_kept_before", None)
    after = _project_row(instance)
    if before == after:
        return
    if before is None or before[:4] != after[:4]:
        regroup([row[:3] for row in (before, after) if row is not None and row[0] is not None])
    if before is not None and _sum_key(before) != _sum_key(after):
        recount_sums({_sum_key(before), _sum_key(after)}, planned_months([instance.pk]))
    recount_tallies({_tally_key(row) for row in (before, after) if row is not None})


# What the kept figures read of a project: its group, stage, cluster, park, total investment and whether
# that is sample data.
_PROJECT_ROW = (
    "plan_id",
    "lead_unit_id",
    "county_id",
    "stage",
    "cluster_id",
    "park_id",
    "total_investment",
    "is_sample",
    "sample_fields",
)


def _project_row(project) -> tuple:
    return tuple(getattr(project, name) for name in _PROJECT_ROW)


def _sum_key(row: tuple) -> SumKey:
    """Return the sums' group of a project from its (plan, lead unit, county, stage, cluster, park, …)."""
    plan_id, lead_id, county_id, _stage, cluster_id, park_id = row[:6]
    return (plan_id, county_id, lead_id, cluster_id, park_id)


def _tally_key(row: tuple) -> TallyKey:
    """Return the kept count a project is in from its (plan, lead unit, county, stage, cluster, park, …)."""
    _plan_id, lead_id, county_id, stage, _cluster_id, park_id = row[:6]
    return (county_id, lead_id, park_id, stage)


def project_deleted(sender, instance, **kwargs) -> None:
    """Recount the group and the count a deleted project was in (its annual plans went first, recounting
    its sums)."""
    if not _recounting():
        return
    row = _project_row(instance)
    if instance.plan_id is not None:
        regroup([row[:3]])
    recount_tallies([_tally_key(row)])


def period_changed(sender, instance: ReportingPeriod, raw: bool = False, **kwargs) -> None:
    """Recount a plan's groups on a month whose reporting period was saved or deleted."""
    if not raw and _recounting():
        regroup_period(plan_id=instance.plan_id, period=instance.period)


def report_saving(sender, instance, raw: bool = False, **kwargs) -> None:
    """Remember the columns a report's kept months derive from before a save (a receiver of pre_save)."""
    instance._kept_before = None
    if not raw and instance.pk is not None:
        row = ProgressReport.objects.filter(pk=instance.pk).values(*_DERIVED_FROM).first()
        instance._kept_before = None if row is None else _derived_key(ProgressReport(**row))


def report_changed(sender, instance, raw: bool = False, **kwargs) -> None:
    """Refresh the year of a saved or deleted report (a receiver of post_save and post_delete).

    A save that moved none of the columns the kept months derive from refreshes nothing: a draft saved
    again with other figures (its state, revision and submission unchanged, and a draft is never in force).
    """
    if raw:  # loaddata brings the kept rows with it
        return
    before = getattr(instance, "_kept_before", None)
    instance._kept_before = None
    if before is not None and "created" in kwargs and before == _derived_key(instance):
        return
    refresh(project_id=instance.project_id, period=instance.period)
    if before is not None and before[:2] != (instance.project_id, instance.period):
        refresh(project_id=before[0], period=before[1])  # the report moved: its old month loses it


def _derived_key(report: ProgressReport) -> tuple:
    """Return what a report's kept months derive from (`_DERIVED_FROM`).

    Its 本年累计 counts only while the report is in force (approved, not superseded).
    """
    field = ProgressReport._meta.get_field("cumulative_investment")
    cumulative = field.to_python(report.cumulative_investment) if report.in_force else None
    key = (report.project_id, report.period, report.revision, report.state, report.submitted_at)
    return (*key, report.in_force, cumulative)


def fill_when_missing(sender, using: str = "default", **kwargs) -> None:
    """Rebuild the kept figures when there are reports but none are kept (after upgrading; post_migrate)."""
    from lantu.projects.models import AnnualPlan, Project

    if not ProjectMonth.objects.using(using).exists() and ProgressReport.objects.using(using).exists():
        rebuild()
        return
    if not GroupMonth.objects.using(using).exists() and ReportingPeriod.objects.using(using).exists():
        regroup_all()
    if not InvestmentMonth.objects.using(using).exists() and AnnualPlan.objects.using(using).exists():
        recount_all_sums()
    if not ProjectTally.objects.using(using).exists() and Project.objects.using(using).exists():
        recount_all_tallies()


def months_of(period: str) -> QuerySet[ProjectMonth]:
    """Return the kept rows of a month."""
    return ProjectMonth.objects.filter(period=period).order_by()
