"""Demo plan system (规划体系衔接): a sample ecological special plan and a sample 木垒县 plan linked up.

Both plans are sample data: the plenary texts only say that the ecological special plan is to be
compiled (cited on the plan); their items and links are made up to show the alignment view.
"""

from datetime import datetime
from typing import Any

from lantu.demo.facts import FYP15_PLAN, ItemFact, PlanFact, fyp
from lantu.demo.sync import prune, sync_rows
from lantu.orgs.models import OrgUnit
from lantu.plans.models import Alignment, Plan, PlanItem
from lantu.sources.models import SourceDocument

ECO = "eco-fyp15"
MULEI = "mulei-fyp15"

PLANS = (
    PlanFact(
        code=ECO,
        name="昌吉州“十五五”生态环境保护规划",
        short_name="生态环境保护规划",
        kind="special",
        start_year=2026,
        end_year=2030,
        baseline_year=2025,
        owner="ecology",
        order=10,
        summary="落实“十五五”规划纲要重大举措之十二（以践行“两山”理念为引领，建设天蓝地绿水清美丽昌吉）"
        "的生态环境保护专项规划。示例内容，正式规划尚在编制。",
        cite=fyp("科学编制“十五五”生态环境保护专项规划，强化项目支撑引领"),
        sample=True,
    ),
    PlanFact(
        code=MULEI,
        name="木垒哈萨克自治县国民经济和社会发展第十五个五年规划纲要",
        short_name="木垒县“十五五”规划纲要",
        kind="local",
        start_year=2026,
        end_year=2030,
        baseline_year=2025,
        owner="mulei",
        order=20,
        summary="木垒县“十五五”规划纲要（示例内容），与昌吉州“十五五”规划纲要衔接。",
        sample=True,
    ),
)


def _item(plan: str, code: str, level: str, title: str, lead: str) -> ItemFact:
    return ItemFact(plan=plan, code=code, level=level, title=title, lead=lead, sample=True)


ITEMS: tuple[ItemFact, ...] = (
    _item(ECO, "1", "goal", "深入打好污染防治攻坚战", "ecology"),
    _item(ECO, "1.1", "measure", "持续改善环境空气质量，实施美丽蓝天工程", "ecology"),
    _item(ECO, "1.2", "measure", "全域推进“无废城市”建设", "ecology"),
    _item(ECO, "1.3", "measure", "统筹水污染和土壤污染防治", "ecology"),
    _item(ECO, "2", "goal", "加强天山北坡生态系统保护修复", "ecology"),
    _item(ECO, "2.1", "measure", "推进山水林田湖草沙一体化保护修复", "natural-resources"),
    _item(ECO, "3", "goal", "协同推进降碳减污扩绿增长", "ecology"),
    _item(ECO, "4", "goal", "提升生态环境治理能力", "ecology"),
    _item(ECO, "4.1", "measure", "完善生态环境监测网络", "ecology"),
    _item(ECO, "5", "goal", "加强核与辐射安全监管", "ecology"),
    _item(MULEI, "1", "goal", "建设新能源和新型储能产业基地", "mulei"),
    _item(MULEI, "1.1", "measure", "壮大新能源高端装备制造产业园", "mulei"),
    _item(MULEI, "2", "goal", "推进农业现代化，建设优质农牧产品供给区", "mulei"),
    _item(MULEI, "3", "goal", "推进以县城为重要载体的新型城镇化", "mulei"),
    _item(MULEI, "4", "goal", "建设天蓝地绿水清的美丽木垒", "mulei"),
    _item(MULEI, "4.1", "measure", "推进防沙治沙和草原生态修复", "mulei"),
    _item(MULEI, "5", "goal", "发展特色文化旅游", "mulei"),
)

# (lower plan, item code, higher plan, item code, kind, note)
LINKS: tuple[tuple[str, str, str, str, str, str], ...] = (
    (ECO, "1", FYP15_PLAN, "3.6", "supports", "本章整体支撑重大举措之十二"),
    (ECO, "1.1", FYP15_PLAN, "3.6.3", "implements", ""),
    (ECO, "1.2", FYP15_PLAN, "3.6.4", "implements", ""),
    (ECO, "1.3", FYP15_PLAN, "3.6.1", "implements", ""),
    (ECO, "2", FYP15_PLAN, "3.6.2", "implements", ""),
    (ECO, "3", FYP15_PLAN, "3.6.7", "supports", ""),
    (ECO, "4", FYP15_PLAN, "3.6.6", "implements", ""),
    (MULEI, "1", FYP15_PLAN, "3.1.4", "implements", "木垒县新能源项目承接“释放电”"),
    (MULEI, "2", FYP15_PLAN, "5.1", "supports", ""),
    (MULEI, "3", FYP15_PLAN, "5.2.2", "implements", ""),
    (MULEI, "4", FYP15_PLAN, "3.6", "supports", ""),
    (MULEI, "4.1", ECO, "2.1", "implements", "县域落实州生态环境保护规划的生态修复任务"),
    (MULEI, "5", FYP15_PLAN, "3.4", "supports", ""),
)


def _cited(fact: PlanFact | ItemFact, docs: dict[str, SourceDocument]) -> dict[str, Any]:
    fields = fact.cited_fields()
    code = fields.pop("source_code")
    fields["source_id"] = docs[code].pk if code else None
    return fields


def _load_plans(master: Plan, units: dict[str, OrgUnit], docs, now: datetime) -> dict[str, Plan]:
    rows = [
        {
            "code": p.code,
            "name": p.name,
            "short_name": p.short_name,
            "kind": p.kind,
            "start_year": p.start_year,
            "end_year": p.end_year,
            "baseline_year": p.baseline_year,
            "owner_id": units[p.owner].pk,
            "parent_id": master.pk,
            "summary": p.summary,
            "order": p.order,
            **_cited(p, docs),
        }
        for p in PLANS
    ]
    scope = Plan.objects.filter(code__in=[p.code for p in PLANS])
    return {key[0]: plan for key, plan in sync_rows(Plan, rows, key=("code",), scope=scope, now=now).items()}


def _load_items(plans: dict[str, Plan], units: dict[str, OrgUnit], docs, now: datetime) -> dict:
    scope = PlanItem.objects.filter(plan__in=plans.values())
    codes = {plan.pk: code for code, plan in plans.items()}
    loaded: dict[tuple[str, str], PlanItem] = {}
    for depth in range(max(f.depth for f in ITEMS) + 1):
        rows = [
            {
                "plan_id": plans[f.plan].pk,
                "code": f.code,
                "parent_id": loaded[(f.plan, f.parent_code)].pk if f.parent_code else None,
                "level": f.level,
                "title": f.title,
                "description": f.description,
                "lead_unit_id": units[f.lead].pk,
                "deadline": f.deadline,
                "order": order,
                **_cited(f, docs),
            }
            for order, f in enumerate(ITEMS, start=1)
            if f.depth == depth
        ]
        kept = sync_rows(PlanItem, rows, key=("plan_id", "code"), scope=scope, now=now)
        loaded |= {(codes[plan_id], code): item for (plan_id, code), item in kept.items()}
    prune(scope, loaded.values())
    return loaded


def alignment_load(*, now: datetime, units: dict[str, OrgUnit]) -> None:
    """Load the sample special and county plans and their links up; running it again changes nothing."""
    master = Plan.objects.filter(code=FYP15_PLAN).first()
    if master is None or any(p.owner not in units for p in PLANS):
        return
    docs = {d.code: d for d in SourceDocument.objects.filter(code__in={p.cite.doc for p in PLANS if p.cite})}
    plans = _load_plans(master, units, docs, now)
    items = _load_items(plans, units, docs, now)
    higher = {
        (FYP15_PLAN, item.code): item for item in PlanItem.objects.filter(plan=master).only("id", "code")
    } | items
    rows = [
        {
            "item_id": items[(plan, code)].pk,
            "target_id": higher[(up_plan, up_code)].pk,
            "kind": kind,
            "note": note,
            "source_id": None,
            "source_quote": "",
            "is_sample": True,
            "sample_fields": [],
        }
        for plan, code, up_plan, up_code, kind, note in LINKS
        if (up_plan, up_code) in higher
    ]
    scope = Alignment.objects.filter(item__plan__in=plans.values())
    kept = sync_rows(Alignment, rows, key=("item_id", "target_id"), scope=scope, now=now)
    prune(scope, kept.values())
