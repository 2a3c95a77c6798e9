"""Key tasks of the 十五五 plan, each from the interview of the department that announced it.

A task's lead unit is that department, otherwise "lead_unit" is sample; "parent" is sample unless
the department tied its words to the measure; deadlines are sample except the pipeline's
(有望明年10月具备投产条件). Tasks without a citation fill measures the texts say nothing more about.
"""

from datetime import date

from lantu.demo.facts import FYP15_PLAN, Cite, ItemFact, fyp, plan_item


def _task(code: str, title: str, lead: str, cite: Cite | None, **kwargs: object) -> ItemFact:
    kwargs.setdefault("deadline", 2030)
    kwargs.setdefault("parent_named", False)
    return plan_item(FYP15_PLAN, "task", code, title, lead, cite, **kwargs)  # type: ignore[arg-type]


# Quotes shared by several tasks.
_CULTURE5 = fyp(
    "谋划了非物质文化遗产保护传承、北庭故城遗址展示利用、奇台唐朝墩古城遗址和石城子遗址保护展示、"
    "百项文艺创作扶持工程、基层文化公共服务提质工程五个重点项目"
)
_PUBLICITY = fyp(
    "同时还部署了严格落实意识形态工作责任制、推动主流媒体系统性变革、推进新闻宣传和舆论引导一体化管理、"
    "构建东天山文化艺术带等重点任务"
)
_FIVE_DIRECTIONS = fyp(
    "以“精耕煤、延长铝、转型硅、释放电、扩油气”为主攻方向，打造能源之都、有色之乡、化工之城。"
)
_EMERGING = fyp("培育壮大氢能、算力、生物制造、低空经济等战略性新兴产业集群规模，争创国家新型工业化示范区。")
_REFORM = fyp(
    "以经济体制改革为牵引，在园区(开发区)管理体制、国企改革、深化‘一市两区’产城融合发展等方面进一步攻坚突破"
)
_ECO_PLAN = fyp(
    "昌吉州“十五五”规划建议明确提出“以践行‘两山’理念为引领，建设天蓝地绿水清美丽昌吉”的目标任务，"
    "部署了污染防治攻坚战、生态系统保护修复等具体举措。"
)
_ECO_FRONT = fyp("以天山北坡城市群昌吉州四县市为主战场，抓好美丽蓝天项目实施，全面推进“无废城市”建设")
_INNOVATION = fyp(
    "坚持教育科技人才一体化发展，建设新疆(昌吉)融创港、新疆能源化工实验室和准东多能融合创新中试基地，"
    "增强自主创新能力，不断催生新质生产力。"
)
_DIGITAL = fyp(
    "通过全面深化数字昌吉建设，探索算电协同路径，推进新疆信息产业园规划建设，加快建成万卡智算集群，"
    "引进培育龙头企业，壮大数据产业链，激活数据创新引擎，开拓本地数据标注市场，推动特色数据产品建成投运"
)
_FARM_WAYS = fyp("统筹发展科技农业、绿色农业、质量农业、品牌农业，多点发力，全力建设新疆现代农业示范区")
_FARM_SHIFT = fyp(
    "推动农业从传统经验型向智能精准型转变，农村从单一生产型向三产融合型升级，农民从传统劳动者向现代经营者转型"
)

TASKS: tuple[ItemFact, ...] = (
    # 1 铸牢中华民族共同体意识示范区
    _task(
        "1.1.1",
        "牢牢把握铸牢中华民族共同体意识主线，促进各民族交往交流交融",
        "united-front",
        fyp("要牢牢把握铸牢中华民族共同体意识这条主线"),
        lead_named=False,
        parent_named=True,
    ),
    _task("1.1.2", "非物质文化遗产保护传承", "publicity", _CULTURE5, partners=("culture-tourism",)),
    _task("1.1.3", "北庭故城遗址展示利用", "publicity", _CULTURE5, deadline=2028, partners=("jimsar",)),
    _task(
        "1.1.4",
        "奇台唐朝墩古城遗址和石城子遗址保护展示",
        "publicity",
        _CULTURE5,
        deadline=2028,
        partners=("qitai",),
    ),
    _task("1.1.5", "百项文艺创作扶持工程", "publicity", _CULTURE5),
    _task("1.1.6", "基层文化公共服务提质工程", "publicity", _CULTURE5, partners=("culture-tourism",)),
    _task("1.1.7", "严格落实意识形态工作责任制", "publicity", _PUBLICITY),
    _task("1.1.8", "推动主流媒体系统性变革", "publicity", _PUBLICITY, deadline=2027),
    _task("1.1.9", "推进新闻宣传和舆论引导一体化管理", "publicity", _PUBLICITY, deadline=2027),
    # 2 社会治理模范区
    _task("2.1.1", "健全网格化基层社会治理体系", "politics-law", None, deadline=2027),
    _task("2.1.2", "推进更高水平平安昌吉、法治昌吉建设", "politics-law", None),
    # 3 高质量发展先行区
    _task(
        "3.1.1",
        "精耕煤：推动煤炭清洁高效利用，打造能源之都",
        "industry",
        _FIVE_DIRECTIONS,
        clusters=("coal",),
    ),
    _task(
        "3.1.2", "延长铝：延伸铝基产业链，打造有色之乡", "industry", _FIVE_DIRECTIONS, clusters=("aluminium",)
    ),
    _task("3.1.3", "转型硅：推动硅基产业转型升级", "industry", _FIVE_DIRECTIONS, clusters=("silicon",)),
    _task("3.1.4", "释放电：释放电源装机和绿电潜能", "industry", _FIVE_DIRECTIONS, clusters=("new-energy",)),
    _task("3.1.5", "扩油气：扩大油气勘探开发和精深加工", "industry", _FIVE_DIRECTIONS, clusters=("oil-gas",)),
    _task(
        "3.1.6",
        "推动煤炭清洁高效利用、硅基、铝基、新能源等产业链补链强链",
        "drc",
        fyp("推动煤炭清洁高效利用、硅基、铝基、新能源等产业链补链强链，培育壮大特色优势产业集群"),
        clusters=("coal", "silicon", "aluminium", "new-energy"),
    ),
    _task(
        "3.1.7",
        "谋划实施一批延链补链强链项目，持续壮大三个千亿级、六个百亿级产业集群",
        "drc",
        fyp("谋划实施一批延链补链强链项目，持续壮大三个千亿级、六个百亿级产业集群。"),
        partners=("industry",),
    ),
    _task(
        "3.1.8",
        "建成准东煤制天然气管道一期干线工程",
        "zhundong",
        fyp("这是我国规模最大的煤制气外输管道，有望明年10月具备投产条件。"),
        lead_named=False,
        parent_named=True,
        deadline=date(2026, 10, 31),
        deadline_cited=True,
        clusters=("coal",),
    ),
    _task(
        "3.1.9",
        "加快推进560万吨煤制烯烃、710万吨煤制甲醇等重大项目",
        "zhundong",
        fyp("依托准东开发区这个“千亿级引擎”，560万吨煤制烯烃、710万吨煤制甲醇等重大项目加速推进"),
        lead_named=False,
        parent_named=True,
        deadline=2028,
        clusters=("coal",),
    ),
    _task("3.1.10", "培育壮大氢能产业集群（拓展氢）", "industry", _EMERGING, clusters=("hydrogen",)),
    _task("3.1.11", "培育壮大算力产业集群（强化算）", "industry", _EMERGING, clusters=("computing",)),
    _task("3.1.12", "培育壮大生物制造产业集群", "industry", _EMERGING, clusters=("biomanufacturing",)),
    _task("3.1.13", "培育壮大低空经济产业集群", "industry", _EMERGING, clusters=("low-altitude",)),
    _task("3.1.14", "争创国家新型工业化示范区", "industry", _EMERGING),
    _task(
        "3.2.1",
        "加大基础设施投资力度，建设一批支撑产业发展、保障民生需求的重点工程",
        "drc",
        fyp("加大基础设施投资力度，建设一批支撑产业发展、保障民生需求的重点工程，持续提升区域承载能力。"),
        partners=("transport", "water"),
    ),
    _task("3.2.2", "促进消费扩容提质，培育区域消费中心", "commerce", None, deadline=2028),
    _task("3.3.1", "拓展向西开放通道，扩大外贸进出口规模", "commerce", None),
    _task("3.3.2", "建设面向中亚的商贸物流枢纽", "transport", None, deadline=2028),
    _task("3.4.1", "构建东天山文化艺术带", "publicity", _PUBLICITY, partners=("culture-tourism",)),
    _task("3.4.2", "推动天山天池、江布拉克等景区提质升级", "culture-tourism", None, deadline=2028),
    _task(
        "3.5.1", "深化园区(开发区)管理体制改革", "policy-research", _REFORM, parent_named=True, deadline=2027
    ),
    _task("3.5.2", "深化国企改革", "sasac", _REFORM, parent_named=True, lead_named=False, deadline=2027),
    _task(
        "3.5.3",
        "深化“一市两区”产城融合发展",
        "drc",
        _REFORM,
        parent_named=True,
        lead_named=False,
        deadline=2028,
    ),
    _task("3.5.4", "持续优化营商环境，为企业营造最优营商环境", "industry", fyp("为企业营造最优营商环境")),
    _task(
        "3.5.5",
        "动态跟踪百项重点任务和重大项目，协调解决土地、资金、能源等要素保障难题",
        "drc",
        fyp(
            "将《建议》部署的百项战略性、牵引性、支撑性重点任务和重大项目作为核心抓手，"
            "动态跟踪推进任务进度，协调解决土地、资金、能源等要素保障难题"
        ),
    ),
    _task(
        "3.5.6",
        "高质量完成“十五五”规划纲要及各专项规划编制",
        "drc",
        fyp("高质量完成“十五五”规划纲要及各专项规划编制，形成定位清晰、衔接有序、可操作性强的规划体系。"),
        deadline=date(2026, 6, 30),
    ),
    _task(
        "3.6.1",
        "持续深化污染防治攻坚战",
        "ecology",
        fyp("以持续深化污染防治攻坚战、改善生态环境质量、增进民生福祉为核心"),
        parent_named=True,
    ),
    _task(
        "3.6.2",
        "推进生态系统保护修复",
        "ecology",
        _ECO_PLAN,
        parent_named=True,
        partners=("natural-resources",),
    ),
    _task("3.6.3", "抓好美丽蓝天项目实施", "ecology", _ECO_FRONT, parent_named=True, deadline=2028),
    _task("3.6.4", "全面推进“无废城市”建设", "ecology", _ECO_FRONT, parent_named=True),
    _task(
        "3.6.5",
        "科学编制“十五五”生态环境保护专项规划",
        "ecology",
        fyp("科学编制“十五五”生态环境保护专项规划，强化项目支撑引领"),
        parent_named=True,
        deadline=2026,
    ),
    _task(
        "3.6.6",
        "提升精准治污、科学治污、依法治污能力和水平",
        "ecology",
        fyp("着力提升精准治污、科学治污、依法治污能力和水平"),
        parent_named=True,
    ),
    _task(
        "3.6.7",
        "协同推进降碳减污扩绿增长，筑牢生态安全屏障",
        "ecology",
        fyp("协同推进降碳减污扩绿增长，筑牢生态安全屏障，增强绿色发展动能"),
        parent_named=True,
    ),
    _task("3.6.8", "推进工业碳达峰", "industry", fyp("深入实施“人工智能+”行动，推进工业碳达峰")),
    # 4 区域科技创新中心核心区
    _task("4.1.1", "建设新疆(昌吉)融创港", "drc", _INNOVATION, parent_named=True, deadline=2028),
    _task(
        "4.1.2",
        "建设新疆能源化工实验室",
        "drc",
        _INNOVATION,
        parent_named=True,
        deadline=2027,
        partners=("science",),
    ),
    _task(
        "4.1.3",
        "建设准东多能融合创新中试基地",
        "zhundong",
        _INNOVATION,
        parent_named=True,
        lead_named=False,
        deadline=2028,
    ),
    _task(
        "4.1.4",
        "深入实施“人工智能+”行动",
        "industry",
        fyp("深入实施“人工智能+”行动，推进工业碳达峰"),
        clusters=("computing",),
    ),
    _task(
        "4.1.5",
        "聚焦高端化、智能化、绿色化，强化企业创新主体地位",
        "industry",
        fyp("聚焦高端化、智能化、绿色化，强化企业创新主体地位"),
        partners=("science",),
    ),
    _task("4.1.6", "全面深化数字昌吉建设", "digital", _DIGITAL),
    _task(
        "4.1.7", "探索算电协同路径", "digital", _DIGITAL, deadline=2027, clusters=("computing", "new-energy")
    ),
    _task("4.1.8", "推进新疆信息产业园规划建设", "digital", _DIGITAL, deadline=2028, clusters=("computing",)),
    _task("4.1.9", "加快建成万卡智算集群", "digital", _DIGITAL, deadline=2027, clusters=("computing",)),
    _task("4.1.10", "引进培育龙头企业，壮大数据产业链", "digital", _DIGITAL, clusters=("computing",)),
    _task("4.1.11", "激活数据创新引擎，开拓本地数据标注市场", "digital", _DIGITAL, deadline=2028),
    _task("4.1.12", "推动特色数据产品建成投运", "digital", _DIGITAL, deadline=2027),
    _task("4.1.13", "提高全社会研发经费投入强度", "science", None),
    # 5 城乡融合发展样板区
    _task(
        "5.1.1",
        "坚持产量产能、生产生态、增产增收一起抓",
        "agriculture",
        fyp("我们要坚持产量产能、生产生态、增产增收一起抓"),
        parent_named=True,
        clusters=("grain-oil",),
    ),
    _task(
        "5.1.2",
        "统筹发展科技农业、绿色农业、质量农业、品牌农业",
        "agriculture",
        _FARM_WAYS,
        parent_named=True,
    ),
    _task("5.1.3", "全力建设新疆现代农业示范区", "agriculture", _FARM_WAYS, parent_named=True),
    _task("5.1.4", "推动农业从传统经验型向智能精准型转变", "agriculture", _FARM_SHIFT, parent_named=True),
    _task("5.1.5", "推动农村从单一生产型向三产融合型升级", "agriculture", _FARM_SHIFT, parent_named=True),
    _task("5.1.6", "推动农民从传统劳动者向现代经营者转型", "agriculture", _FARM_SHIFT, parent_named=True),
    _task("5.1.7", "持续推进高标准农田和数字农田建设", "agriculture", None, partners=("natural-resources",)),
    _task("5.2.1", "加大对县域经济精准帮扶指导力度", "industry", fyp("加大对县域经济精准帮扶指导力度")),
    _task("5.2.2", "推进以县城为重要载体的新型城镇化", "housing", None),
    _task("5.2.3", "推动天山北坡城市群昌吉段一体化发展", "drc", None, deadline=2028),
    # 6 共同富裕引领区
    _task("6.1.1", "推进义务教育优质均衡发展", "education", None),
    _task("6.1.2", "推进医疗卫生服务提质强基", "health", None),
    _task("6.1.3", "促进城乡居民持续增收", "drc", None, partners=("agriculture",)),
    _task("6.1.4", "实施城乡面貌提升工程", "housing", None, deadline=2028),
)
