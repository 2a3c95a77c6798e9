"""Demo dispatch: reporting periods of 2026, submission times of the sample reports, sample problems
and sample dated milestones."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from lantu.core import periods, progress
from lantu.demo.sample import DEMO_YEAR, LAST_MONTH
from lantu.dispatch.models import ProgressReport, ReportingPeriod, TaskReport
from lantu.plans.models import PlanItem
from lantu.problems.models import Problem
from lantu.projects import calc
from lantu.projects.models import Project, ProjectMilestone

OPEN_MONTHS = (LAST_MONTH, LAST_MONTH + 1)
_PROBLEMS = (
    # project code, factor, urgency, unit asked to solve, title, state, days the problem is old
    ("ZD-002", "land", "high", "natural-resources", "项目二期用地指标尚未落实", "in_progress", 40),
    ("ZD-002", "energy", "high", "drc", "能耗指标缺口约20万吨标准煤", "escalated", 75),
    ("ML-102", "approval", "medium", "drc", "升压站接入系统批复待办理", "open", 12),
    ("CJ-102", "capital", "medium", "drc", "专项债资金到位滞后", "open", 25),
    ("CJ-101", "water", "low", "water", "施工用水指标待调整", "solved", 60),
)


def _deadline_moment(period: str, days_before: int) -> datetime:
    day = calc.default_deadline(period) - timedelta(days=days_before)
    return timezone.make_aware(datetime.combine(day, time(17, 0)))


def dispatch_load(*, now: datetime, units: dict) -> None:
    """Open the demo year's periods, date the sample submissions and record sample problems; idempotent."""
    plan_ids = set(Project.objects.filter(plan__isnull=False).values_list("plan_id", flat=True))
    existing = set(ReportingPeriod.objects.filter(plan_id__in=plan_ids).values_list("plan_id", "period"))
    labels = [periods.month_label(DEMO_YEAR, month) for month in range(1, LAST_MONTH + 2)]
    bulk_create_with_history(
        [
            ReportingPeriod(
                plan_id=plan_id,
                period=label,
                deadline=calc.default_deadline(label),
                is_open=int(label[5:]) in OPEN_MONTHS,
            )
            for plan_id in sorted(plan_ids)
            for label in labels
            if (plan_id, label) not in existing
        ],
        ReportingPeriod,
        default_date=now,
    )
    reports = list(
        ProgressReport.objects.filter(is_sample=True, submitted_at__isnull=True).exclude(state="draft")
    )
    for report in reports:
        # Mostly two days early; every seventh project reports late (for the 按时报送率 figures).
        late = report.project_id % 7 == 0
        report.submitted_at = _deadline_moment(report.period, -3 if late else 2)
    if reports:
        bulk_update_with_history(reports, ProgressReport, ["submitted_at"], default_date=now)
    for code, factor, urgency, unit, title, state, age in _PROBLEMS:
        project = Project.objects.filter(code=code).first()
        solver = units.get(unit) or (project.lead_unit if project else None)
        if project is None or solver is None or Problem.objects.filter(project=project, title=title).exists():
            continue
        Problem.objects.create(
            project=project,
            title=title,
            factor=factor,
            urgency=urgency,
            unit=solver,
            due_date=(now + timedelta(days=30 - age)).date(),
            state=state,
            raised_at=now - timedelta(days=age),
            closed_at=now - timedelta(days=5) if state == "solved" else None,
            resolution="已协调水利部门调整取水许可。" if state == "solved" else "",
            is_sample=True,
        )
    milestones_load(now=now)


def _sample_milestones(project: Project, today: date) -> list[ProjectMilestone]:
    """Return a project's sample milestones: start, main works, completion, reached as its stage says."""
    start, end = project.start_year, project.end_year or project.start_year
    if start is None:
        return []
    end = max(end, start)
    planned = [
        ("开工建设", date(start, 4, 15)),
        ("主体工程完工", date((start + end) // 2, 9, 30) if end > start else date(start, 8, 31)),
        ("竣工投产", date(end, 11, 30)),
    ]
    # How many milestones the stage says are behind the project; every fourth project is running late.
    done = {"reserve": 0, "preparation": 0, "new": 1, "continuing": 1, "completed": 3, "operating": 3}
    reached_count = done.get(project.stage, 0)
    if project.stage == "continuing" and project.pk % 4:
        reached_count = 2
    found = []
    for index, (name, day) in enumerate(planned):
        reached = None
        if index < reached_count and day <= today:
            reached = min(day + timedelta(days=project.pk % 20), today)
        found.append(
            ProjectMilestone(
                project=project, name=name, planned_date=day, reached_date=reached, is_sample=True
            )
        )
    return found


def milestones_load(*, now: datetime) -> None:
    """Give every demo project without dated milestones three sample ones; idempotent."""
    has = set(ProjectMilestone.objects.values_list("project_id", flat=True).distinct())
    today = timezone.localdate(now)
    rows = [
        milestone
        for project in Project.objects.exclude(pk__in=has).order_by("pk")
        for milestone in _sample_milestones(project, today)
    ]
    bulk_create_with_history(rows, ProjectMilestone, default_date=now)


_TASK_WORDS = (
    # progress as a share of the time elapsed, what the lead unit says
    (1.15, "已完成年度目标任务，正在开展下一阶段工作"),
    (1.1, "按计划推进，各项工作有序开展"),
    (0.95, "整体推进，个别环节进度稍慢，下一步加快推进"),
    (0.6, "受前期手续和资金影响进度滞后，下一步将协调解决要素保障问题"),
)


def task_reports_load(*, now: datetime) -> None:
    """Give each key task of the master plan an approved report on the demo's last month (示例数据)."""
    period = periods.month_label(DEMO_YEAR, LAST_MONTH)
    tasks = PlanItem.objects.filter(plan__code="fyp15", level="task").exclude(task_reports__period=period)
    reports = []
    for index, task in enumerate(tasks.order_by("order", "pk")):
        start = date(task.plan.start_year, 1, 1)
        deadline = task.deadline or date(task.plan.end_year, 12, 31)
        share = progress.span_share(start, deadline, periods.month_end(period))
        pace, words = _TASK_WORDS[index % len(_TASK_WORDS)]
        done = min(100, round(share * 100 * pace, 1))
        reports.append(
            TaskReport(
                item=task,
                period=period,
                progress=done,
                narrative=f"{words}（示例数据）",
                state="approved",
                submitted_at=_deadline_moment(period, 2),
                reviewed_at=_deadline_moment(period, 1),
            )
        )
    bulk_create_with_history(reports, TaskReport, default_date=now)
