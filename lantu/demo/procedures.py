"""Demo pre-construction approvals (前期手续): the usual catalogue and sample procedures per project.

The catalogue follows the usual order of approvals for an investment project (立项, then land, energy,
environment, soil and water, stability in parallel, then the planning permits, then the construction
permit). The procedures of each project, their dates and 文号, and the projects' national codes are
sample data, flagged and shown as 示例数据; every other project in preparation is late.
"""

import zlib
from datetime import date, datetime, timedelta

from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from lantu.core.procedures import planned_from
from lantu.orgs.models import OrgUnit
from lantu.projects.models import ProcedureKind, Project, ProjectProcedure

# code, name, granting department (demo unit code), group, default days, 文号 prefix
CATALOGUE = (
    ("approval", "项目立项（审批、核准、备案）", "drc", 1, 20, "昌州发改投资"),
    ("land-preliminary", "用地预审与选址意见书", "natural-resources", 2, 20, "昌州自然资预"),
    ("energy", "节能审查", "drc", 2, 30, "昌州发改能审"),
    ("eia", "环境影响评价批复", "ecology", 2, 30, "昌州环审"),
    ("soil-water", "水土保持方案批复", "water", 2, 20, "昌州水保"),
    ("stability", "社会稳定风险评估", "politics-law", 2, 30, "昌州稳评"),
    ("land-planning", "建设用地规划许可证", "natural-resources", 3, 20, "地字第6523"),
    ("works-planning", "建设工程规划许可证", "natural-resources", 4, 20, "建字第6523"),
    ("construction", "建筑工程施工许可证", "housing", 5, 15, "6523"),
)
# GB/T 2260 divisions of the demo's counties and cities, for their projects' sample national codes.
REGIONS = {
    "changji-city": "652301",
    "fukang": "652302",
    "hutubi": "652323",
    "manas": "652324",
    "qitai": "652325",
    "jimsar": "652327",
    "mulei": "652328",
}
PREFECTURE_REGION = "652300"
DONE_STAGES = ("new", "continuing", "completed", "operating")


def catalogue_load(*, units: dict[str, OrgUnit], now: datetime) -> list[ProcedureKind]:
    """Create the catalogue of procedure kinds once; return it in its order."""
    kinds = []
    for order, (code, name, unit, group, days, _prefix) in enumerate(CATALOGUE):
        department = units.get(unit)
        if department is None:
            continue
        kind, _created = ProcedureKind.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "department": department,
                "group": group,
                "default_days": days,
                "order": order,
            },
        )
        kinds.append(kind)
    return kinds


def _number(prefix: str, day: date, serial: int) -> str:
    return f"{prefix}〔{day.year}〕{serial}号"


def _sample_procedures(project: Project, kinds: list[ProcedureKind], today: date) -> list[ProjectProcedure]:
    """Return a project's sample procedures: granted before it started, or under way in preparation."""
    prefixes = {code: prefix for code, *_rest, prefix in CATALOGUE}
    groups = sorted({kind.group for kind in kinds})
    if project.stage in DONE_STAGES:
        current = len(groups) + 1  # every group granted
        start = date((project.start_year or today.year) - 1, 3, 1)
    else:
        # In preparation: the waiting group depends on the project; reserve projects wait for 立项.
        current = 1 if project.stage == "reserve" else groups[1 + project.pk % (len(groups) - 1)]
        before = sum(max(k.default_days for k in kinds if k.group == g) for g in groups if g < current)
        # The waiting group was lodged 8 days ago, on every other project 60 days ago (past any duration).
        start = today - timedelta(days=before + (60 if project.pk % 2 == 0 else 8))
    rows, day = [], start
    for group in groups:
        members = [kind for kind in kinds if kind.group == group]
        longest = max(kind.default_days for kind in members)
        for kind in members:
            planned = planned_from(day, kind.default_days)
            row = ProjectProcedure(
                project=project, kind=kind, department=kind.department, planned_date=planned, is_sample=True
            )
            if group < current:
                row.started_date = day
                row.done_date = min(planned - timedelta(days=(project.pk + kind.pk) % 7), today)
                row.approval_number = _number(
                    prefixes[kind.code], row.done_date, 10 + (project.pk * 7 + kind.pk) % 90
                )
            elif group == current:
                row.started_date = day + timedelta(days=(project.pk + kind.pk) % 5)
                if row.started_date > today:
                    row.started_date = None
            rows.append(row)
        day = planned_from(day, longest) if group < current else planned_from(max(day, today), longest)
    return rows


def sample_national_code(code: str, county: str, start_year: int | None) -> str:
    """Return a demo project's sample national code: its county's division, a serial from its own code."""
    serial = zlib.crc32(code.encode()) % 1_000_000
    time = f"{(start_year or 2026) % 100:02d}{1 + serial % 12:02d}"
    return f"{time}-{REGIONS.get(county, PREFECTURE_REGION)}-04-01-{serial:06d}"


def procedures_load(*, now: datetime, units: dict[str, OrgUnit]) -> None:
    """Give the demo the catalogue and each project without procedures its sample ones; idempotent."""
    kinds = catalogue_load(units=units, now=now)
    if not kinds:
        return
    today = timezone.localdate(now)
    has = set(ProjectProcedure.objects.values_list("project_id", flat=True).distinct())
    projects = list(Project.objects.exclude(pk__in=has).order_by("pk"))
    rows = [row for project in projects for row in _sample_procedures(project, kinds, today)]
    bulk_create_with_history(rows, ProjectProcedure, default_date=now)
