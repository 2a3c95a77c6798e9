"""Synthetic data at scale: a region of prefectures, their plans, indicators, projects and monthly reports.

Rows have the shape the services give them: a report that was approved was entered by a reporter
of the project's county, submitted (on time or late, by habit), and approved by its prefecture's
planner; some months were corrected (revision 1 approved and superseded, revision 2 in force), the
open month holds drafts, submissions, returned reports (with the reason) and approvals, and a few
corrections of last month are still in progress. Every row is sample data (示例数据) with one
"created" history row. The large tables go through `lantu.demo.bulk` (plain tuples, ids given here).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from decimal import Decimal
from random import Random

from django.contrib.auth.models import User
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext
from simple_history.utils import bulk_create_with_history

from lantu.core import periods
from lantu.demo.bulk import Writer, db_datetime, indexes_deferred, next_id, reset_sequences
from lantu.dispatch import kept
from lantu.dispatch.models import ProgressReport, ReportingPeriod
from lantu.indicators.models import Indicator, Observation
from lantu.orgs.models import Membership, OrgUnit, Role
from lantu.plans.models import Cluster, Plan
from lantu.problems.models import Problem
from lantu.projects import calc
from lantu.projects.models import AnnualPlan, Project, ProjectMilestone

PREFIX = "gen"
COUNTIES = 8  # in a single prefecture; with several, about a hundred counties in the region
REGION_COUNTIES = 100
DEPARTMENTS = 10
CLUSTERS = ("煤电煤化工", "新能源", "先进装备", "农产品加工", "新材料", "文化旅游")
STAGES = ("new", "continuing", "continuing", "continuing", "preparation", "completed")
REASON = "示例数据 (lantu generate)"
# Indicators of each prefecture's plan: code, name, unit, baseline, annual growth (%) or None.
INDICATORS = (
    ("gdp", "地区生产总值", "亿元", Decimal(2000), Decimal("6.5")),
    ("industry", "规模以上工业增加值", "亿元", Decimal(800), Decimal("8.0")),
    ("investment", "固定资产投资", "亿元", Decimal(1200), Decimal("7.0")),
    ("retail", "社会消费品零售总额", "亿元", Decimal(400), Decimal("6.0")),
    ("income", "城镇居民人均可支配收入", "元", Decimal(42000), Decimal("6.0")),
    ("rural", "农村居民人均可支配收入", "元", Decimal(22000), Decimal("7.5")),
)


@dataclass(frozen=True)
class Generated:
    """How much the generator wrote."""

    projects: int
    reports: int
    periods: int
    problems: int
    prefectures: int = 1


@dataclass
class Prefecture:
    """One generated prefecture: its unit, counties, departments, plan and people."""

    unit: OrgUnit
    counties: list[OrgUnit]
    departments: list[OrgUnit]
    plan: Plan
    planner: User
    reporters: dict[int, User]  # county id -> its reporter


def _silent(step: str, done: int | None = None, total: int | None = None) -> None:
    return None


def _unit(code: str, name: str, kind: str, parent: OrgUnit | None, order: int) -> OrgUnit:
    return OrgUnit.objects.get_or_create(
        code=code,
        defaults={"name": name, "kind": kind, "parent": parent, "order": order, "is_sample": True},
    )[0]


def _user(username: str, unit: OrgUnit, role: str) -> User:
    """Return a generated account (no usable password: an administrator sets one to use it)."""
    user, created = User.objects.get_or_create(username=username)
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
        Membership.objects.create(user=user, unit=unit, role=role)
    return user


def _prefectures(count: int, first_year: int, last_year: int) -> tuple[OrgUnit | None, list[Prefecture]]:
    """Return the region (None for one prefecture) and its prefectures, creating what is missing."""
    region = None
    if count > 1:
        region = _unit(f"{PREFIX}-region", "合成自治区", OrgUnit.Kind.REGION, None, 0)
        office = _unit(f"{PREFIX}-region-drc", "合成自治区发展和改革委员会", "department", region, 1)
        _user(f"{PREFIX}-region-planner", office, Role.PLANNER)
    counties_each = COUNTIES if count == 1 else max(2, REGION_COUNTIES // count)
    departments_each = DEPARTMENTS if count == 1 else 5
    found = []
    for k in range(1, count + 1):
        # One prefecture keeps the codes it always had (gen-pref, gen-c01, gen-d01, gen-plan).
        code, stem, name = (
            (f"{PREFIX}-pref", PREFIX, "合成州")
            if count == 1
            else (f"{PREFIX}-p{k:02d}", f"{PREFIX}-p{k:02d}", f"合成州{k:02d}")
        )
        pref = _unit(code, name, OrgUnit.Kind.PREFECTURE, region, k)
        counties = [
            _unit(
                f"{stem}-c{n:02d}",
                f"{name}合成县{n:02d}" if count > 1 else f"合成县{n:02d}",
                "county",
                pref,
                n,
            )
            for n in range(1, counties_each + 1)
        ]
        departments = [
            _unit(f"{stem}-d{n:02d}", f"{name}局{n:02d}", "department", pref, 100 + n)
            for n in range(1, departments_each + 1)
        ]
        plan, _ = Plan.objects.get_or_create(
            code=f"{PREFIX}-plan" if count == 1 else f"{PREFIX}-plan-{k:02d}",
            defaults={
                "name": f"{name}合成规划",
                "kind": "master",
                "start_year": first_year,
                "end_year": last_year + 1,
                "baseline_year": first_year - 1,
                "owner": pref,
                "order": k,
                "is_sample": True,
            },
        )
        planner = _user(f"{stem}-planner", departments[0], Role.PLANNER)
        reporters = {
            county.pk: _user(f"{county.code}-reporter", county, Role.REPORTER) for county in counties
        }
        for department in departments:  # they enter the values of the indicators their department answers for
            _user(f"{department.code}-reporter", department, Role.REPORTER)
        found.append(Prefecture(pref, counties, departments, plan, planner, reporters))
    return region, found


def _indicators(prefecture: Prefecture, first_year: int, last_year: int, rng: Random) -> None:
    """Give a prefecture's plan its indicators, with approved yearly values up to the year before last."""
    if prefecture.plan.indicators.exists():
        return
    indicators = bulk_create_with_history(
        [
            Indicator(
                plan=prefecture.plan,
                code=code,
                name=name,
                unit=unit,
                attribute="expected",
                direction="higher",
                responsible_unit=prefecture.departments[n % len(prefecture.departments)],
                frequency="annual",
                baseline_year=first_year - 1,
                baseline_value=baseline,
                target_kind="annual_growth",
                target_year=last_year + 1,
                target_rate=rate,
                is_headline=n < 3,
                is_sample=True,
            )
            for n, (code, name, unit, baseline, rate) in enumerate(INDICATORS)
        ],
        Indicator,
        default_change_reason=REASON,
    )
    observations = []
    for indicator in indicators:
        pace = rng.uniform(0.4, 1.3)  # some grow faster than their target, some lag
        value = indicator.baseline_value
        for year in range(first_year, last_year):
            value = (value * (1 + indicator.target_rate * Decimal(str(round(pace, 3))) / 100)).quantize(
                Decimal("0.01")
            )
            observations.append(
                Observation(
                    indicator=indicator,
                    period=str(year),
                    period_end=f"{year}-12-31",
                    value=value,
                    state="approved",
                    is_sample=True,
                )
            )
    bulk_create_with_history(observations, Observation, default_change_reason=REASON)


def _months(last: str, count: int) -> list[str]:
    months = [last]
    while len(months) < count:
        months.append(periods.previous_month(months[-1]))
    return months[::-1]


@transaction.atomic
def generate(
    *,
    projects: int,
    months: int,
    last: str,
    seed: int = 1,
    prefectures: int = 1,
    step: Callable[..., None] = _silent,
) -> Generated:
    """Write `projects` synthetic projects with `months` monthly reports each, ending at month `last`.

    With `prefectures` > 1 the projects spread over that many prefectures under one region unit,
    each with its own plan, indicators, planner and county reporters. ``step(name, done, total)``
    hears the progress; everything is written in one transaction.
    """
    rng = Random(seed)
    now = timezone.now()
    step(gettext("projects"), 0, projects)
    labels = _months(last, months)
    first_year, last_year = int(labels[0][:4]), int(labels[-1][:4])
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size = -262144")  # 256 MB: the report indexes stay in memory
    _region, prefs = _prefectures(prefectures, first_year, last_year)
    for prefecture in prefs:
        _indicators(prefecture, first_year, last_year, rng)
    clusters = [
        Cluster.objects.get_or_create(
            code=f"{PREFIX}-k{n}", defaults={"name": name, "tier": "other", "is_sample": True}
        )[0]
        for n, name in enumerate(CLUSTERS)
    ]
    _periods(prefs, labels, last)
    bulk_models = (Project, AnnualPlan, ProgressReport, ProjectMilestone, Problem)
    with indexes_deferred(*bulk_models):
        written = _projects_and_reports(projects, prefs, clusters, labels, last, rng, now, step)
        step(gettext("indexes"), written.projects, written.projects)
    reset_sequences(*bulk_models)
    # The reports were written in bulk, past the save signal that keeps their figures: rebuild them once.
    step(gettext("kept figures"), 0, 1)
    kept.rebuild()
    step(gettext("kept figures"), 1, 1)
    return Generated(written.projects, written.reports, len(labels), written.problems, len(prefs))


def _periods(prefs: list[Prefecture], labels: list[str], last: str) -> None:
    for prefecture in prefs:
        existing = set(prefecture.plan.reporting_periods.values_list("period", flat=True))
        bulk_create_with_history(
            [
                ReportingPeriod(
                    plan=prefecture.plan,
                    period=label,
                    deadline=calc.default_deadline(label),
                    is_open=label == last,
                )
                for label in labels
                if label not in existing
            ],
            ReportingPeriod,
            default_change_reason=REASON,
        )


PROJECT_FIELDS = [
    "id", "plan_id", "code", "name", "county_id", "lead_unit_id", "cluster_id", "stage", "total_investment",
    "start_year", "is_sample",
]  # fmt: skip
REPORT_FIELDS = [
    "id", "project_id", "period", "revision", "superseded", "state", "version", "completed_investment",
    "cumulative_investment", "physical_progress", "entered_by_id", "submitted_at", "reviewed_by_id",
    "reviewed_at", "return_reason", "correction_reason", "narrative", "is_sample",
]  # fmt: skip

PROBLEM_FIELDS = [
    "id", "project_id", "title", "factor", "urgency", "unit_id", "due_date", "state", "raised_at",
    "is_sample",
]  # fmt: skip


@dataclass(frozen=True)
class _Written:
    projects: int
    reports: int
    problems: int


def _projects_and_reports(
    count: int,
    prefs: list[Prefecture],
    clusters: list[Cluster],
    labels: list[str],
    last: str,
    rng: Random,
    now: datetime,
    step: Callable[..., None],
) -> _Written:
    """Write the projects with their annual plans, monthly reports, milestones and problems."""
    projects = Writer(Project, PROJECT_FIELDS, now=now, reason=REASON)
    plans = Writer(
        AnnualPlan,
        ["id", "project_id", "year", "planned_investment", "is_sample"],
        now=now,
        reason=REASON,
        parents=(projects,),
    )
    reports = Writer(ProgressReport, REPORT_FIELDS, now=now, reason=REASON, parents=(projects,))
    milestones = Writer(
        ProjectMilestone,
        ["id", "project_id", "name", "planned_date", "reached_date", "is_sample"],
        now=now,
        reason=REASON,
        parents=(projects,),
    )
    problems = Writer(
        Problem,
        PROBLEM_FIELDS,
        now=now,
        reason=REASON,
        parents=(projects,),
    )
    ids = {writer: next_id(writer.model) for writer in (projects, plans, reports, milestones, problems)}
    start = Project.objects.filter(code__startswith=f"{PREFIX}-P").count()
    years = range(int(labels[0][:4]), int(labels[-1][:4]) + 1)
    months = _MonthTimes(labels, rng)
    halves = [periods.month_end(label) for label in labels if label[5:] in ("06", "12")]
    end = periods.month_end(last)
    factors, urgencies, states = Problem.Factor.values, Problem.Urgency.values, Problem.State.values
    for n in range(start, start + count):
        if n % 1000 == 0:
            step(gettext("monthly reports"), n - start, count)
        prefecture = prefs[n % len(prefs)]
        county = rng.choice(prefecture.counties)
        lead = county if rng.random() < 0.7 else rng.choice(prefecture.departments)
        project_id = ids[projects]
        ids[projects] += 1
        projects.add(
            (
                project_id,
                prefecture.plan.pk,
                f"{PREFIX}-P{n:06d}",
                f"合成项目{n:06d}",
                county.pk,
                lead.pk,
                rng.choice(clusters).pk,
                rng.choice(STAGES),
                Decimal(rng.randrange(5_000, 500_000)),
                years[0],
                True,
            )
        )
        planned = {}
        for year in years:
            planned[year] = Decimal(rng.randrange(1_000, 60_000))
            plans.add((ids[plans], project_id, year, planned[year], True))
            ids[plans] += 1
        reporter, planner = prefecture.reporters[county.pk].pk, prefecture.planner.pk
        pace = rng.uniform(0.6, 1.15)
        late = rng.random() < 0.15
        cumulative = Decimal(0)
        for label in labels:
            year, month = periods.parse_month(label)
            if month == 1:
                cumulative = Decimal(0)
            target = planned[year] * Decimal(str(round(min(1.0, pace * month / 12), 4)))
            reached = max(cumulative, target.quantize(Decimal(1)))
            completed, cumulative = reached - cumulative, reached
            for row in months.reports(label, label == last, late, reporter, planner):
                reports.add((ids[reports], project_id, label, *row[:4], completed, cumulative,
                             Decimal(min(100, month * 8)), *row[4:], True))  # fmt: skip
                ids[reports] += 1
        late_from = rng.randrange(len(halves)) if halves and rng.random() < 0.1 else None
        for index, planned_date in enumerate(halves):
            reached_date = None
            if planned_date <= end and (late_from is None or index < late_from):
                reached_date = min(planned_date + timedelta(days=rng.randint(-20, 20)), end)
            milestones.add(
                (ids[milestones], project_id, f"节点{index + 1}", planned_date, reached_date, True)
            )
            ids[milestones] += 1
        if rng.random() < 0.05:
            problems.add(
                (
                    ids[problems],
                    project_id,
                    f"{rng.choice(('用地', '资金', '能耗', '用水', '审批'))}问题待协调",
                    rng.choice(factors),
                    rng.choice(urgencies),
                    rng.choice(prefecture.departments).pk,
                    (now + timedelta(days=rng.randint(-30, 60))).date(),
                    rng.choice(states),
                    db_datetime(now - timedelta(days=rng.randint(1, 200))),
                    True,
                )
            )
            ids[problems] += 1
    step(gettext("monthly reports"), count, count)
    for writer in (projects, plans, reports, milestones, problems):
        writer.flush()
    return _Written(projects.count, reports.count, problems.count)


class _MonthTimes:
    """The report rows of a project's month: states, revisions and times as the review services set them."""

    def __init__(self, labels: list[str], rng: Random) -> None:
        self.rng = rng
        self.before_last = labels[-2] if len(labels) > 1 else ""
        self.times: dict[tuple[str, int], object] = {}
        for label in labels:
            deadline = calc.default_deadline(label)
            for offset in range(-4, 13):
                moment = timezone.make_aware(datetime.combine(deadline + timedelta(days=offset), time(10)))
                self.times[(label, offset)] = db_datetime(moment)

    def reports(self, label: str, is_last: bool, late: bool, reporter: int, planner: int) -> list[tuple]:
        """Return the rows of one month (revision, superseded, state, version, then the people and times).

        A row is (revision, superseded, state, version, entered_by, submitted_at, reviewed_by,
        reviewed_at, return_reason, correction_reason, narrative).
        """
        rng, times = self.rng, self.times
        submitted_day = rng.randint(1, 6) if late else -rng.randint(0, 4)
        submitted, reviewed = times[(label, submitted_day)], times[(label, submitted_day + 3)]
        if is_last:
            state = rng.choices(("draft", "submitted", "returned", "approved"), (15, 25, 10, 50))[0]
            if state == "draft":
                return [(1, False, state, 1, reporter, None, None, None, "", "", "")]
            if state == "submitted":
                return [(1, False, state, 2, reporter, submitted, None, None, "", "", "")]
            if state == "returned":
                reason = "请补充本月完成投资的依据"
                return [(1, False, state, 3, reporter, submitted, planner, reviewed, reason, "", "")]
        approved = (1, False, "approved", 3, reporter, submitted, planner, reviewed, "", "", "")
        roll = rng.random()
        if roll < 0.02 and not is_last:
            # A correction approved later: the first revision stays, superseded; the second is in force.
            corrected = times[(label, submitted_day + 5)], times[(label, submitted_day + 6)]
            reason = "更正实物进度"
            return [
                (1, True, *approved[2:]),
                (2, False, "approved", 3, reporter, corrected[0], planner, corrected[1], "", reason, reason),
            ]
        if roll < 0.03 and label == self.before_last:
            # A correction of last month still in progress: the approved revision stays in force.
            return [approved, (2, False, "draft", 1, reporter, None, None, None, "", "更正实物进度", "")]
        return [approved]


def generate_job(
    *, progress, projects: int, months: int, last: str, seed: int = 1, prefectures: int = 1
) -> dict:
    """Generate as a background job (`lantu generate --background`), reporting each step."""
    done = generate(
        projects=projects, months=months, last=last, seed=seed, prefectures=prefectures, step=progress.step
    )
    return {
        "projects": done.projects,
        "reports": done.reports,
        "periods": done.periods,
        "problems": done.problems,
        "prefectures": done.prefectures,
    }
