"""Fixtures of the plan tests: a special and a county plan beside the test world's master plan."""

from dataclasses import dataclass

import pytest

from lantu.orgs.models import OrgUnit
from lantu.plans.models import Plan, PlanItem


@dataclass
class System:
    """The master plan with two more items, an ecological special plan and 木垒县's county plan."""

    eco: Plan
    county: Plan
    eco_goal: PlanItem
    eco_air: PlanItem
    eco_waste: PlanItem
    eco_radiation: PlanItem
    county_goal: PlanItem
    county_task: PlanItem
    master_measure2: PlanItem
    master_task2: PlanItem


def _plan(code: str, kind: str, owner: OrgUnit, parent: Plan) -> Plan:
    return Plan.objects.create(
        code=code,
        name=f"{code} 规划",
        kind=kind,
        start_year=2026,
        end_year=2030,
        baseline_year=2025,
        owner=owner,
        parent=parent,
    )


def _item(plan: Plan, code: str, level: str, parent: PlanItem | None = None) -> PlanItem:
    return PlanItem.objects.create(plan=plan, parent=parent, code=code, level=level, title=f"事项{code}")


@pytest.fixture
def system(world) -> System:
    """Create the lower plans; nothing is linked yet.

    Master (fyp15): 1 goal › 1.1 measure › 1.1.1 task, 1.2 measure › 1.2.1 task.
    Eco (special, 州生态环境局): 1 goal › 1.1, 1.2 measures; 2 goal (radiation).
    County (local, 木垒县): 1 goal › 1.1 task.
    """
    ecology = OrgUnit.objects.create(
        code="ecology", name="州生态环境局", kind="department", parent=world.prefecture
    )
    master_measure2 = _item(world.plan, "1.2", "measure", world.goal)
    master_task2 = _item(world.plan, "1.2.1", "task", master_measure2)
    eco = _plan("eco", "special", ecology, world.plan)
    county = _plan("mulei-plan", "local", world.mulei_county, world.plan)
    eco_goal = _item(eco, "1", "goal")
    county_goal = _item(county, "1", "goal")
    return System(
        eco=eco,
        county=county,
        eco_goal=eco_goal,
        eco_air=_item(eco, "1.1", "measure", eco_goal),
        eco_waste=_item(eco, "1.2", "measure", eco_goal),
        eco_radiation=_item(eco, "2", "goal"),
        county_goal=county_goal,
        county_task=_item(county, "1.1", "task", county_goal),
        master_measure2=master_measure2,
        master_task2=master_task2,
    )
