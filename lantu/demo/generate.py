"""Synthetic dispatch data at scale: units, a plan, projects, annual plans, monthly reports, problems."""

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from decimal import Decimal
from random import Random

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from lantu.core import periods
from lantu.dispatch.models import ProgressReport, ReportingPeriod
from lantu.orgs.models import OrgUnit
from lantu.plans.models import Cluster, Plan
from lantu.problems.models import Problem
from lantu.projects import calc
from lantu.projects.models import AnnualPlan, Project, ProjectMilestone

PREFIX = "gen"
COUNTIES = 8
DEPARTMENTS = 10
CLUSTERS = ("煤电煤化工", "新能源", "先进装备", "农产品加工", "新材料", "文化旅游")
STAGES = ("new", "continuing", "continuing", "continuing", "preparation", "completed")
BATCH = 5000


@dataclass(frozen=True)
class Generated:
    """How much the generator wrote."""

    projects: int
    reports: int
    periods: int
    problems: int


def _units() -> tuple[OrgUnit, list[OrgUnit], list[OrgUnit]]:
    pref, _ = OrgUnit.objects.get_or_create(
        code=f"{PREFIX}-pref", defaults={"name": "合成州", "kind": OrgUnit.Kind.PREFECTURE, "is_sample": True}
    )
    counties = [
        OrgUnit.objects.get_or_create(
            code=f"{PREFIX}-c{n:02d}",
            defaults={
                "name": f"合成县{n:02d}",
                "kind": "county",
                "parent": pref,
                "order": n,
                "is_sample": True,
            },
        )[0]
        for n in range(1, COUNTIES + 1)
    ]
    departments = [
        OrgUnit.objects.get_or_create(
            code=f"{PREFIX}-d{n:02d}",
            defaults={
                "name": f"合成州局{n:02d}",
                "kind": "department",
                "parent": pref,
                "order": 100 + n,
                "is_sample": True,
            },
        )[0]
        for n in range(1, DEPARTMENTS + 1)
    ]
    return pref, counties, departments


def _months(last: str, count: int) -> list[str]:
    months = [last]
    while len(months) < count:
        months.append(periods.previous_month(months[-1]))
    return months[::-1]


def _silent(step: str, done: int | None = None, total: int | None = None) -> None:
    return None


@transaction.atomic
def generate(*, projects: int, months: int, last: str, seed: int = 1, step=_silent) -> Generated:
    """Write `projects` synthetic projects with `months` monthly reports each, ending at month `last`.

    ``step(name, done, total)`` hears the progress; everything is written in one transaction.
    """
    rng = Random(seed)
    step(gettext("projects"), 0, projects)
    pref, counties, departments = _units()
    labels = _months(last, months)
    first_year, last_year = int(labels[0][:4]), int(labels[-1][:4])
    plan, _ = Plan.objects.get_or_create(
        code=f"{PREFIX}-plan",
        defaults={
            "name": "合成规划",
            "kind": "master",
            "start_year": first_year,
            "end_year": last_year + 1,
            "baseline_year": first_year - 1,
            "owner": pref,
            "is_sample": True,
        },
    )
    clusters = [
        Cluster.objects.get_or_create(
            code=f"{PREFIX}-k{n}", defaults={"name": name, "tier": "other", "is_sample": True}
        )[0]
        for n, name in enumerate(CLUSTERS)
    ]
    start = Project.objects.filter(code__startswith=f"{PREFIX}-P").count()
    new_projects = []
    for n in range(start, start + projects):
        county = rng.choice(counties)
        lead = county if rng.random() < 0.7 else rng.choice(departments)
        new_projects.append(
            Project(
                plan=plan,
                code=f"{PREFIX}-P{n:06d}",
                name=f"合成项目{n:06d}",
                county=county,
                lead_unit=lead,
                cluster=rng.choice(clusters),
                stage=rng.choice(STAGES),
                total_investment=Decimal(rng.randrange(5_000, 500_000)),
                is_sample=True,
            )
        )
    created = Project.objects.bulk_create(new_projects, batch_size=BATCH)
    years = range(first_year, last_year + 1)
    AnnualPlan.objects.bulk_create(
        [
            AnnualPlan(
                project=p, year=y, planned_investment=Decimal(rng.randrange(1_000, 60_000)), is_sample=True
            )
            for p in created
            for y in years
        ],
        batch_size=BATCH,
    )
    existing = set(ReportingPeriod.objects.filter(plan=plan).values_list("period", flat=True))
    ReportingPeriod.objects.bulk_create(
        [
            ReportingPeriod(
                plan=plan, period=label, deadline=calc.default_deadline(label), is_open=label == last
            )
            for label in labels
            if label not in existing
        ]
    )
    plans = {
        (a.project_id, a.year): a.planned_investment for a in AnnualPlan.objects.filter(project__in=created)
    }
    reports: list[ProgressReport] = []
    count = 0
    for done, project in enumerate(created):
        if done % 100 == 0:
            step(gettext("monthly reports"), done, len(created))
        pace = rng.uniform(0.6, 1.15)
        late_habit = rng.random() < 0.15
        cumulative = Decimal(0)
        for label in labels:
            year, month = periods.parse_month(label)
            if month == 1:
                cumulative = Decimal(0)
            target = plans[(project.pk, year)] * Decimal(str(round(min(1.0, pace * month / 12), 4)))
            reached = max(cumulative, target.quantize(Decimal(1)))
            completed, cumulative = reached - cumulative, reached
            state = "approved" if label != last else rng.choice(("draft", "submitted", "approved"))
            deadline = calc.default_deadline(label)
            day = deadline + timedelta(days=rng.randint(1, 6) if late_habit else -rng.randint(0, 4))
            submitted = None if state == "draft" else timezone.make_aware(datetime.combine(day, time(10)))
            reports.append(
                ProgressReport(
                    project=project,
                    period=label,
                    completed_investment=completed,
                    cumulative_investment=cumulative,
                    physical_progress=Decimal(min(100, month * 8)),
                    state=state,
                    submitted_at=submitted,
                    narrative="",
                    is_sample=True,
                )
            )
            if len(reports) >= BATCH:
                ProgressReport.objects.bulk_create(reports)
                count += len(reports)
                reports = []
    ProgressReport.objects.bulk_create(reports)
    count += len(reports)
    step(gettext("problems and milestones"), len(created), len(created))
    now = timezone.now()
    problems = [
        Problem(
            project=project,
            title=f"{rng.choice(('用地', '资金', '能耗', '用水', '审批'))}问题待协调",
            factor=rng.choice(Problem.Factor.values),
            urgency=rng.choice(Problem.Urgency.values),
            unit=rng.choice(departments),
            due_date=(now + timedelta(days=rng.randint(-30, 60))).date(),
            state=rng.choice(Problem.State.values),
            raised_at=now - timedelta(days=rng.randint(1, 200)),
            is_sample=True,
        )
        for project in created
        if rng.random() < 0.05
    ]
    Problem.objects.bulk_create(problems, batch_size=BATCH)
    _milestones(created, labels, Random(seed + 1))
    return Generated(len(created), count, len(labels), len(problems))


def _milestones(projects: list[Project], labels: list[str], rng: Random) -> None:
    """Give each project a milestone every half year of the span; about one in ten runs late."""
    halves = [periods.month_end(label) for label in labels if label[5:] in ("06", "12")]
    end = periods.month_end(labels[-1])
    rows: list[ProjectMilestone] = []
    for project in projects:
        late_from = rng.randrange(len(halves)) if halves and rng.random() < 0.1 else None
        for index, planned in enumerate(halves):
            reached = None
            if planned <= end and (late_from is None or index < late_from):
                reached = min(planned + timedelta(days=rng.randint(-20, 20)), end)
            rows.append(
                ProjectMilestone(
                    project=project,
                    name=f"节点{index + 1}",
                    planned_date=planned,
                    reached_date=reached,
                    is_sample=True,
                )
            )
        if len(rows) >= BATCH:
            ProjectMilestone.objects.bulk_create(rows)
            rows = []
    ProjectMilestone.objects.bulk_create(rows)


def generate_job(*, progress, projects: int, months: int, last: str, seed: int = 1) -> dict:
    """Generate as a background job (`lantu generate --background`), reporting each step."""
    done = generate(projects=projects, months=months, last=last, seed=seed, step=progress.step)
    return {
        "projects": done.projects,
        "reports": done.reports,
        "periods": done.periods,
        "problems": done.problems,
    }
