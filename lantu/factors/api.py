"""API routes of the factors app: allocation scenarios, read-only, with the page's access rules."""

from datetime import datetime

from ninja import Router, Schema

from lantu.factors import scenario_selectors
from lantu.orgs.api import reader

router = Router(tags=["factors"])


class ScenarioOut(Schema):
    id: int
    name: str
    status: str
    objective: float | None
    created_at: datetime
    accepted_at: datetime | None


class ScenarioDetailOut(ScenarioOut):
    result: dict


def _out(scenario) -> dict:
    return {
        "id": scenario.pk,
        "name": scenario.name,
        "status": scenario.status,
        "objective": scenario.objective,
        "created_at": scenario.created_at,
        "accepted_at": scenario.accepted_at,
    }


@router.get("/factors/scenarios", response=list[ScenarioOut], summary="List allocation scenarios")
def list_scenarios(request):
    actor = reader(request)
    return [_out(s) for s in scenario_selectors.scenario_list(actor=actor)]


@router.get("/factors/scenarios/{scenario_id}", response=ScenarioDetailOut, summary="Get a scenario's result")
def get_scenario(request, scenario_id: int):
    """Return the result in the `lantu allocate` contract; reporters get their own projects only."""
    actor = reader(request)
    scenario = scenario_selectors.scenario_get(actor=actor, pk=scenario_id)
    return _out(scenario) | {"result": scenario_selectors.result_for(actor=actor, scenario=scenario)}
