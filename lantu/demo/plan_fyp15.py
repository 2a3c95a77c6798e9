"""The 十五五 plan: six goals (五区一示范) and twelve major measures; key tasks live in fyp15_tasks.

A measure's code puts it under the goal it serves; the texts tie only measures 7 and 8 to their
goals (same wording), so the others carry "parent" as a sample field.
"""

from lantu.demo.facts import FYP15_PLAN, ItemFact, PlanFact, fyp, plan_item, tree_order
from lantu.demo.fyp15_tasks import TASKS

PLAN = FYP15_PLAN

FYP15 = PlanFact(
    code=PLAN,
    name="昌吉州国民经济和社会发展第十五个五年规划",
    short_name="十五五规划",
    kind="master",
    start_year=2026,
    end_year=2030,
    baseline_year=2025,
    owner="changji",
    order=1,
    summary="依据《中共昌吉回族自治州委员会关于制定昌吉州国民经济和社会发展第十五个五年规划的建议》，"
    "聚力建设“五区一示范”，部署十二项重大举措和百项重点任务。",
    cite=fyp(
        "审议通过的《中共昌吉回族自治州委员会关于制定昌吉州国民经济和社会发展第十五个五年规划的建议》"
        "(以下简称《建议》)为昌吉州“十五五”发展绘就了宏伟蓝图。"
    ),
)


def _goal(code: str, title: str) -> ItemFact:
    return plan_item(
        PLAN, "goal", code, title, "drc", fyp(title), lead_named=False, description="“五区一示范”建设目标之一"
    )


def _measure(code: str, nth: int, title: str, lead: str, *, lead_named: bool, parent_named: bool) -> ItemFact:
    return plan_item(
        PLAN,
        "measure",
        code,
        title,
        lead,
        fyp(title),
        lead_named=lead_named,
        parent_named=parent_named,
        description=f"未来五年昌吉州经济社会发展重大举措之{nth}",
    )


GOALS_AND_MEASURES: tuple[ItemFact, ...] = (
    _goal("1", "创建铸牢中华民族共同体意识示范区"),
    _measure(
        "1.1",
        1,
        "以铸牢中华民族共同体意识为主线，打造民族团结进步创建升级版",
        "united-front",
        lead_named=False,
        parent_named=False,
    ),
    _goal("2", "打造新疆社会治理模范区"),
    _measure(
        "2.1",
        2,
        "以推进国家安全体系和能力现代化为支撑，建设更高水平平安昌吉",
        "politics-law",
        lead_named=False,
        parent_named=False,
    ),
    _goal("3", "打造新疆高质量发展先行区"),
    _measure(
        "3.1",
        3,
        "以推动准东能级跃升为引擎，建设全国能源资源战略保障基地的重要支点",
        "zhundong",
        lead_named=False,
        parent_named=False,
    ),
    _measure(
        "3.2",
        5,
        "以实施扩大内需战略为基点，主动服务融入全国统一大市场",
        "commerce",
        lead_named=False,
        parent_named=False,
    ),
    _measure(
        "3.3",
        6,
        "以融入新疆丝绸之路经济带核心区建设为驱动，构筑全疆对外开放的新支点",
        "commerce",
        lead_named=False,
        parent_named=False,
    ),
    _measure(
        "3.4",
        9,
        "以推进文化旅游深度融合为先导，打造现代服务业集聚区",
        "culture-tourism",
        lead_named=False,
        parent_named=False,
    ),
    _measure(
        "3.5",
        10,
        "以进一步全面深化改革为动力，打造建设社会主义现代化新疆的先行示范区",
        "policy-research",
        lead_named=True,
        parent_named=False,
    ),
    _measure(
        "3.6",
        12,
        "以践行“两山”理念为引领，建设天蓝地绿水清美丽昌吉",
        "ecology",
        lead_named=True,
        parent_named=False,
    ),
    _goal("4", "打造新疆区域科技创新中心核心区"),
    _measure(
        "4.1",
        7,
        "以统筹推进教育科技人才一体发展为路径，打造新疆区域科技创新中心核心区",
        "science",
        lead_named=False,
        parent_named=True,
    ),
    _goal("5", "打造新疆城乡融合发展样板区"),
    _measure(
        "5.1",
        4,
        "以加快农业现代化为方向，建设全国优质农牧产品重要供给基地的核心支撑区",
        "agriculture",
        lead_named=True,
        parent_named=False,
    ),
    _measure(
        "5.2",
        8,
        "以推进区域协调发展为牵引，打造新疆城乡融合发展样板区",
        "drc",
        lead_named=False,
        parent_named=True,
    ),
    _goal("6", "打造新疆共同富裕引领区"),
    _measure(
        "6.1",
        11,
        "以增进民生福祉为目标，建设宜居宜业幸福家园",
        "drc",
        lead_named=False,
        parent_named=False,
    ),
)

ITEMS: tuple[ItemFact, ...] = tuple(sorted(GOALS_AND_MEASURES + TASKS, key=lambda i: tree_order(i.code)))
