"""One truth: every headline dispatch figure reads the same on every page, API answer and document.

On the Changji demo, for three months and for the prefecture and two counties, the dashboard card, the
dispatch overview (page and selector), the API, the stocktake's data and the bulletin's data must give
the same planned and completed investment, completion rate, time progress, reports expected and
approved, review queue and open problems, to the digit. The Word documents and the Excel ledgers state
the figures the pages and the API show.
"""

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.db.models import Q
from django.utils import timezone, translation
from lxml import html

from lantu.orgs.access import actor_for
from lantu.orgs.models import Membership, OrgUnit, Role
from lantu.plans.models import Plan

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 15, 9, 0, tzinfo=UTC)  # the latest month whose deadline has passed: 2026-10
MONTHS = ("2026-08", "2026-09", "2026-10")
LATEST = MONTHS[-1]
SCOPES = {"prefecture": "planner", "mulei": "mulei", "qitai": "qitai-reporter"}
TENTH = Decimal("0.1")


@pytest.fixture(scope="module")
def demo_rows(demo_for_the_module):
    """The demo with its users, loaded once for the module (each test's writes roll back)."""
    with demo_for_the_module(now=NOW, users=True) as summary:
        yield summary


@pytest.fixture
def demo(demo_rows, db, settings, monkeypatch):
    """The demo with its users; add a reporter for 奇台县 and freeze the clock."""
    settings.DEMO = True
    settings.LANGUAGE_CODE = "en"
    qitai = User.objects.create_user("qitai-reporter", password="x")
    Membership.objects.create(user=qitai, unit=OrgUnit.objects.get(code="qitai"), role=Role.REPORTER)
    monkeypatch.setattr("django.utils.timezone.now", lambda: NOW)
    with translation.override("en"):
        yield


def _percent(share) -> Decimal:
    return (Decimal(share) * 100).quantize(TENTH)


def _money(value) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.01"))


def _investment(planned, completed, rate, share, expected=None, reported=None) -> dict:
    found = {
        "planned": _money(planned),
        "completed": _money(completed),
        "rate": None if rate is None else Decimal(str(rate)),
        "time progress": _percent(share),
    }
    if expected is not None:
        found |= {"expected": expected, "reported": reported}
    return found


def _text(doc, element_id: str) -> str:
    return " ".join(doc.get_element_by_id(element_id).text_content().split())


def _page(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, url
    return html.fromstring(response.content.decode())


def _sources(client, user: User, month: str) -> dict[str, dict]:
    """Return the headline figures of a month as each source gives them, for a user's scope."""
    from lantu.dashboard.selectors import dispatch_summary
    from lantu.dispatch import overview as dispatch_overview
    from lantu.projects.figures import actor_units
    from lantu.reports.exporters import bulletin, data

    actor = actor_for(user)
    unit = OrgUnit.objects.get(pk=Membership.objects.get(user=user).unit_id)
    unit = unit if unit.kind != OrgUnit.Kind.DEPARTMENT else unit.parent
    plan = Plan.objects.get(code="fyp15")
    client.force_login(user)
    found: dict[str, dict] = {}

    card = dispatch_summary(actor, now=NOW, period=month)
    total = card.investment.total
    found["dashboard"] = _investment(
        total.planned,
        total.completed,
        total.rate,
        total.share_of_time,
        card.investment.expected,
        card.investment.reported,
    ) | {"queue": card.queue, "problems now": card.problems}

    if month == LATEST:  # the card shows the latest month whose deadline has passed
        doc = _page(client, "/")
        reported, expected = (int(n) for n in _text(doc, "dispatch-reported").split(" / "))
        found["dashboard page"] = {
            "rate": Decimal(_text(doc, "dispatch-completion").rstrip("%")),
            "expected": expected,
            "reported": reported,
            "queue": int(_text(doc, "dispatch-queue")),
            "problems now": int(_text(doc, "dispatch-problems")),
        }

    overview = dispatch_overview.overview(
        actor=actor, period=month, today=timezone.localdate(NOW), unit_ids=actor_units(actor)
    )
    found["dispatch overview"] = _investment(
        overview.total.planned,
        overview.total.completed,
        overview.total.completion.rate,
        overview.total.share,
        overview.expected,
        overview.reported,
    )
    doc = _page(client, f"/projects/dispatch/?period={month}")
    reported, expected = (int(n) for n in _text(doc, "kpi-reported").split(" / "))
    queue = int(doc.xpath("//a[contains(., 'waiting for review')]")[0].text_content().split()[0])
    found["dispatch overview page"] = {
        "rate": Decimal(_text(doc, "kpi-completion").rstrip("%")),
        "expected": expected,
        "reported": reported,
        "queue": queue,
    }

    if month == LATEST and unit.kind == OrgUnit.Kind.COUNTY:  # a county's own page shows the latest month
        doc = _page(client, "/projects/dispatch/unit/")
        [figure] = doc.xpath("//section[@id='unit-figures']//span[@class='figure']")
        found["unit page"] = {"rate": Decimal(figure.text_content().strip().rstrip("%"))}

    api = client.get(f"/api/v1/dispatch/figures?period={month}").json()
    found["API figures"] = _investment(
        api["planned_wan_yuan"],
        api["completed_wan_yuan"],
        api["completion_rate"],
        Decimal(str(api["time_progress"])) / 100,
        api["reports_expected"],
        api["reports_approved"],
    ) | {"queue": api["review_queue"], "problems now": api["open_problems"]}
    found["API reports"] = {"queue": client.get("/api/v1/reports?state=submitted&limit=1").json()["count"]}

    # The stocktake counts the months up to the one before its moment: the 1st of the next month.
    year, number = int(month[:4]), int(month[5:])
    moment = min(NOW, timezone.make_aware(datetime(year + number // 12, number % 12 + 1, 1, 12)))
    scope = data.scope_for(plan, unit, moment)
    ytd = data.investment(scope, year)
    projects = data.project_figures(scope, [year])
    found["stocktake"] = _investment(
        ytd.total.planned, ytd.total.completed, ytd.total.rate, ytd.time_progress, ytd.expected, ytd.reported
    )
    planned = sum((p.planned for p in projects), Decimal(0))
    completed = sum((p.completed for p in projects), Decimal(0))
    found["stocktake projects"] = {"planned": _money(planned), "completed": _money(completed)}
    if month == LATEST:
        found["stocktake"]["problems now"] = data.open_problems(data.scope_for(plan, unit, NOW))

    _scope, figures, _problems = bulletin.bulletin_figures(plan, year, number, unit, NOW, actor)
    found["bulletin"] = _investment(
        figures.total.planned,
        figures.total.completed,
        figures.total.completion.rate,
        figures.total.share,
        figures.expected,
        figures.reported,
    )
    if month == LATEST:  # the bulletin of the month under way lists the problems open now
        now_month = timezone.localdate(NOW)
        *_rest, current = bulletin.bulletin_figures(plan, now_month.year, now_month.month, unit, NOW, actor)
        found["bulletin"]["problems now"] = len(current.still_open)
    return found


def _disagreements(found: dict[str, dict]) -> list[str]:
    """Return, per figure, the sources that disagree with the first source giving it."""
    wrong = []
    names = {name for figures in found.values() for name in figures}
    for name in sorted(names):
        given = {source: figures[name] for source, figures in found.items() if name in figures}
        if len(set(given.values())) > 1:
            wrong.append(f"{name}: {given}")
    return wrong


def test_headline_figures_agree_across_pages_api_and_documents(demo, client):
    wrong = []
    for scope, username in SCOPES.items():
        user = User.objects.get(username=username)
        for month in MONTHS:
            found = _sources(client, user, month)
            assert len(found) >= 6
            wrong += [f"{scope} {month} {line}" for line in _disagreements(found)]
    assert not wrong, "\n".join(wrong)


def test_dashboard_card_agrees_with_the_overview_and_counts_the_actors_scope(demo, client):
    """The card once read 24.0 % (the month's reports only) and prefecture-wide counts for a county."""
    from lantu.dispatch.models import ProgressReport
    from lantu.problems.models import Problem
    from lantu.projects.models import Project

    client.force_login(User.objects.get(username="planner"))
    card = _page(client, "/")
    overview = _page(client, f"/projects/dispatch/?period={LATEST}")
    assert LATEST in _text(card, "dispatch-summary")
    assert _text(card, "dispatch-completion") == _text(overview, "kpi-completion") == "72.1%"
    assert _text(card, "dispatch-reported") == _text(overview, "kpi-reported")

    mulei = OrgUnit.objects.get(code="mulei")
    assert ProgressReport.objects.filter(state="submitted").exclude(project__county=mulei).exists()
    client.force_login(User.objects.get(username="mulei"))
    card = _page(client, "/")
    in_mulei = Problem.objects.filter(project__county=mulei).exclude(state="solved").count()
    assert Problem.objects.exclude(state="solved").count() > in_mulei
    assert _text(card, "dispatch-queue") == "0"
    assert _text(card, "dispatch-problems") == str(in_mulei)
    mulei_projects = Project.objects.filter(Q(county=mulei) | Q(lead_unit=mulei), annual_plans__year=2026)
    assert _text(card, "dispatch-reported").endswith(f"/ {mulei_projects.count()}")


def _document_text(report) -> str:
    import docx

    assert report.state == "done", report.message
    with report.file.open("rb") as handle:
        document = docx.Document(handle)
    return "\n".join(p.text for p in document.paragraphs)


def _yi(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def test_documents_state_the_figures_the_pages_show(demo, client, settings):
    """Each generated document of the demo states the investment figures the dispatch page and API give."""
    import re

    from lantu.indicators.models import Indicator
    from lantu.reports import services

    settings.LANTU_JOBS_SYNC = True
    planner = User.objects.get(username="planner")
    client.force_login(planner)
    plan = Plan.objects.get(code="fyp15")
    prefecture = plan.owner
    api = client.get(f"/api/v1/dispatch/figures?period={LATEST}").json()
    page_rate = Decimal(
        _text(_page(client, f"/projects/dispatch/?period={LATEST}"), "kpi-completion").rstrip("%")
    )
    planned, completed = Decimal(api["planned_wan_yuan"]) / 10000, Decimal(api["completed_wan_yuan"]) / 10000

    def generate(kind: str, **extra):
        return services.report_request(
            actor=actor_for(planner),
            kind=kind,
            plan=plan,
            unit=prefecture,
            now=NOW,
            language="zh-hans",
            **extra,
        )

    text = _document_text(generate("stocktake", year=2026))
    found = re.search(r"计划投资([\d,.]+)亿元，已完成投资([\d,.]+)亿元，完成计划的([\d.]+)%", text)
    assert found, text[:2000]
    assert (_yi(found[1]), _yi(found[2]), Decimal(found[3])) == (
        planned.quantize(Decimal("0.01")).normalize(),
        completed.quantize(Decimal("0.01")).normalize(),
        page_rate,
    )
    achieved = re.search(r"年度计划投资([\d,.]+)亿元，已完成投资([\d,.]+)亿元，完成年度计划的([\d.]+)%", text)
    assert achieved and Decimal(achieved[3]) == page_rate
    # 存在问题 names exactly the indicators the indicator pages call lagging or off track
    with translation.override("zh-hans"):
        for indicator in Indicator.objects.filter(plan=plan, split_of__isnull=True):
            status = client.get(f"/api/v1/indicators/{indicator.pk}/status?at={NOW.date()}").json()["status"]
            problems = next(
                line for line in text.splitlines() if line.startswith(("部分指标进度滞后", "本报告范围"))
            )
            assert (indicator.name in problems) == (status in ("lagging", "off_track")), indicator.name

    text = _document_text(generate("bulletin", year=2026, month=10))
    found = re.search(r"共([\d,.]+)亿元；据已审核报送，完成投资([\d,.]+)亿元，完成率([\d.]+)%", text)
    assert found, text[:2000]
    assert Decimal(found[3]) == page_rate
    reported = re.search(r"(\d+)个项目中(\d+)个已有本月审核通过的报送", text)
    assert reported and (int(reported[2]), int(reported[1])) == (
        api["reports_approved"],
        api["reports_expected"],
    )


def _ledger(report) -> list[dict]:
    """Return a generated ledger's numbered rows as dicts by column header (group rows left out)."""
    import openpyxl

    assert report.state == "done", report.message
    with report.file.open("rb") as handle:
        sheet = openpyxl.load_workbook(handle, read_only=True).active
        rows = list(sheet.iter_rows(min_row=3, values_only=True))
    header = rows[0]
    return [dict(zip(header, row, strict=True)) for row in rows[1:] if isinstance(row[0], int)]


def _rows_by_code(doc, section: str) -> dict[str, tuple[str, str]]:
    """Return a dispatch page list's projects as code -> (rate, status) as the page prints them."""
    found = {}
    for row in doc.get_element_by_id(section).xpath(".//tbody/tr"):
        cells = row.xpath("./td")
        code = cells[0].xpath('.//span[@class="code"]')[0].text_content().strip()
        found[code] = (cells[2].text_content().strip(), cells[4].text_content().strip())
    return found


def test_ledgers_state_the_figures_the_pages_show(demo, client, settings):
    """The Excel ledgers (tasks, indicators, projects, problems) carry the figures the pages and API give."""
    from django.urls import reverse

    from lantu.dispatch.models import TaskReport
    from lantu.indicators.models import Indicator
    from lantu.reports import services
    from lantu.reports.exporters.common import status_text

    settings.LANTU_JOBS_SYNC = True
    planner = User.objects.get(username="planner")
    client.force_login(planner)
    plan = Plan.objects.get(code="fyp15")

    def ledger(kind: str) -> list[dict]:
        report = services.report_request(
            actor=actor_for(planner), kind=kind, plan=plan, unit=plan.owner, year=2026, now=NOW, language="en"
        )
        return _ledger(report)

    api = client.get(f"/api/v1/dispatch/figures?period={LATEST}").json()

    projects = ledger("project_ledger")
    assert sum(_money(r["Planned this year (万元)"]) for r in projects) == _money(api["planned_wan_yuan"])
    assert sum(_money(r["Completed this year (万元)"] or 0) for r in projects) == _money(
        api["completed_wan_yuan"]
    )
    overview = _page(client, f"/projects/dispatch/?period={LATEST}")
    listed = _rows_by_code(overview, "red-list") | _rows_by_code(overview, "black-list")
    assert listed
    by_code = {r["Code"]: r for r in projects}
    for code, (rate, status) in listed.items():
        row = by_code[code]
        assert f"{_percent(row['Completion'])}%" == rate, code
        assert row["Status"] == status, code

    indicators = ledger("indicator_ledger")
    assert len(indicators) == Indicator.objects.filter(plan=plan, split_of__isnull=True).count()
    for row in indicators:
        indicator = Indicator.objects.get(plan=plan, name=row["Indicator"], split_of__isnull=True)
        shown = client.get(f"/api/v1/indicators/{indicator.pk}/status?at={NOW.date()}").json()
        assert row["Status"] == status_text(shown["status"]), indicator.name
        actual = None if shown["actual_value"] is None else Decimal(shown["actual_value"])
        assert (row["Period"] or None) == shown["actual_period"], indicator.name
        assert (None if row["Actual"] is None else Decimal(str(row["Actual"]))) == actual, indicator.name

    problems = ledger("problem_ledger")
    assert sum(1 for r in problems if r["State"] != "solved") == api["open_problems"]

    tasks = ledger("task_ledger")
    reported = [r for r in tasks if "% complete" in (r["Progress"] or "")]
    assert reported  # the demo's key-task reports reach the ledger
    for row in reported:
        code = row["Task"].split(" ")[0]
        latest = (
            TaskReport.objects.filter(item__plan=plan, item__code=code, state="approved", superseded=False)
            .filter(period__lte=LATEST)
            .latest("period")
        )
        page = _page(client, reverse("projects:task_report", args=[latest.item_id, latest.period]))
        shown = Decimal(page.xpath('//input[@name="progress"]/@value')[0])
        assert Decimal(row["Progress"].split("%")[0]) == shown, code
