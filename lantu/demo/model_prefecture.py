"""The 2024 典范地州 programme: its goal and the 十大典范行动, from the year-end review."""

from datetime import date

from lantu.demo.facts import ItemFact, PlanFact, yearend

PLAN = "model-prefecture-2024"

MODEL_PREFECTURE = PlanFact(
    code=PLAN,
    name="典范地州建设行动方案",
    short_name="十大典范行动",
    kind="programme",
    start_year=2024,
    # The review closes 2024 and names no end year: the span is an assumption.
    end_year=2024,
    baseline_year=2023,
    owner="changji",
    order=2,
    summary="昌吉州党委十二届七次全会（2024年1月11日）提出大力实施“十大典范行动”，"
    "以项目“点”、产业“线”、设施“网”、社会“面”一体推进建设中国式现代化新疆实践典范地州。",
    sample_fields=("end_year",),
    cite=yearend(
        "2024年1月11日，昌吉州党委十二届七次全会审议通过《关于深入学习贯彻习近平总书记重要讲话重要指示精神"
        "完整准确全面贯彻新时代党的治疆方略全力建设中国式现代化新疆实践典范地州的决议》,"
        "提出大力实施“十大典范行动”，乘势而上推动高质量发展实现新的更大飞跃。"
    ),
)

_TEN = yearend(
    "今年1月，昌吉州党委十二届七次全会提出，锚定典范地州目标，笃行实干，以领跑状态、领先姿态，"
    "大力实施铸牢中华民族共同体意识示范创建行动、科技创新赋能行动、农业提振行动、工业倍增行动、"
    "文旅融合提质行动、国企核心竞争力塑造行动、教育优质均衡行动、医疗提质强基行动、城乡面貌提升行动"
    "和生态环保攻坚行动十个具有标志性、引领性、代表性的典范行动"
)
_END_2024 = date(2024, 12, 31)

# (title, lead unit); no lead unit is named in the text.
_ACTIONS: tuple[tuple[str, str], ...] = (
    ("铸牢中华民族共同体意识示范创建行动", "united-front"),
    ("科技创新赋能行动", "science"),
    ("农业提振行动", "agriculture"),
    ("工业倍增行动", "industry"),
    ("文旅融合提质行动", "culture-tourism"),
    ("国企核心竞争力塑造行动", "sasac"),
    ("教育优质均衡行动", "education"),
    ("医疗提质强基行动", "health"),
    ("城乡面貌提升行动", "housing"),
    ("生态环保攻坚行动", "ecology"),
)

ITEMS: tuple[ItemFact, ...] = (
    ItemFact(
        plan=PLAN,
        code="1",
        level="goal",
        title="建设中国式现代化新疆实践的典范地州，打造新疆经济社会高质量发展先行区",
        lead="drc",
        description="以抓实项目建设这个“点”为根本，以做强产业链这条“线”为牵引，以织密基础设施这张“网”为支撑，"
        "以推动经济社会高质量发展这个“面”为载体。",
        sample_fields=("lead_unit",),
        cite=yearend(
            "2023年7月，昌吉州党委十二届六次全会明确提出了“建设中国式现代化新疆实践的典范地州，"
            "打造新疆经济社会高质量发展先行区”的目标。"
        ),
    ),
    *(
        ItemFact(
            plan=PLAN,
            code=f"1.{n}",
            level="action",
            title=title,
            lead=lead,
            deadline=_END_2024,
            description="十大典范行动之一",
            sample_fields=("lead_unit", "deadline"),
            cite=_TEN,
        )
        for n, (title, lead) in enumerate(_ACTIONS, start=1)
    ),
    ItemFact(
        plan=PLAN,
        code="1.4.1",
        level="task",
        title="木垒县新能源高端装备制造产业园10余个新能源项目年底全部建成投产",
        lead="mulei",
        deadline=_END_2024,
        clusters=("new-energy",),
        sample_fields=("parent",),
        cite=yearend(
            "连日来，木垒县新能源高端装备制造产业园内，今年投资77亿元的10余个新能源项目“决战”正酣，"
            "预计年底全部建成投产。"
        ),
    ),
    ItemFact(
        plan=PLAN,
        code="1.4.2",
        level="task",
        title="国网新源新疆阜康抽水蓄能电站投产运行",
        lead="fukang",
        deadline=date(2024, 7, 31),
        clusters=("new-energy",),
        sample_fields=("parent", "lead_unit"),
        cite=yearend("7月31日，国网新源新疆阜康抽水蓄能电站正式投产运行。"),
    ),
)
