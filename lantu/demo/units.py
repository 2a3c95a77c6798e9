"""Org units of the demo: the prefecture, its seven counties and cities, two parks, departments."""

from lantu.demo.facts import UnitFact, fyp, yearend

PREFECTURE = "changji"

_PREFECTURE = UnitFact(
    code=PREFECTURE,
    name="昌吉回族自治州",
    short_name="昌吉州",
    kind="prefecture",
    order=0,
    cite=fyp(
        "审议通过的《中共昌吉回族自治州委员会关于制定昌吉州国民经济和社会发展第十五个五年规划的建议》"
        "(以下简称《建议》)为昌吉州“十五五”发展绘就了宏伟蓝图。"
    ),
)

_COUNTIES = (
    UnitFact(
        code="changji-city",
        name="昌吉市",
        kind="county",
        parent=PREFECTURE,
        order=10,
        cite=yearend(
            "10月28日，昌吉市特变电工智能电气有限责任公司数字化干式变压器生产车间，工作人员在生产线上作业。"
        ),
    ),
    UnitFact(
        code="fukang",
        name="阜康市",
        kind="county",
        parent=PREFECTURE,
        order=11,
        cite=yearend("7月31日，国网新源新疆阜康抽水蓄能电站正式投产运行。"),
    ),
    # The texts speak of 天山北坡 "四县市" without naming 呼图壁 and 玛纳斯.
    UnitFact(code="hutubi", name="呼图壁县", kind="county", parent=PREFECTURE, order=12, sample=True),
    UnitFact(code="manas", name="玛纳斯县", kind="county", parent=PREFECTURE, order=13, sample=True),
    UnitFact(
        code="qitai",
        name="奇台县",
        kind="county",
        parent=PREFECTURE,
        order=14,
        cite=yearend("7月15日，奇台县半截沟镇腰站子村，农机手驾驶联合收割机收获小麦。"),
    ),
    UnitFact(code="jimsar", name="吉木萨尔县", kind="county", parent=PREFECTURE, order=15, sample=True),
    UnitFact(
        code="mulei",
        name="木垒哈萨克自治县",
        short_name="木垒县",
        kind="county",
        parent=PREFECTURE,
        order=16,
        cite=yearend(
            "连日来，木垒县新能源高端装备制造产业园内，今年投资77亿元的10余个新能源项目“决战”正酣，"
            "预计年底全部建成投产。"
        ),
    ),
)

_PARKS = (
    UnitFact(
        code="zhundong",
        name="准东经济技术开发区",
        short_name="准东开发区",
        kind="park",
        parent=PREFECTURE,
        order=20,
        cite=fyp("依托准东开发区这个“千亿级引擎”，560万吨煤制烯烃、710万吨煤制甲醇等重大项目加速推进"),
    ),
    UnitFact(
        code="hitech",
        name="昌吉国家高新技术产业开发区",
        short_name="昌吉国家高新区",
        kind="park",
        parent=PREFECTURE,
        order=21,
        sample=True,
    ),
)


def _dept(code: str, name: str, short: str, order: int, quote: str | None = None) -> UnitFact:
    cite = fyp(quote) if quote else None
    return UnitFact(
        code=code,
        name=name,
        short_name=short,
        kind="department",
        parent=PREFECTURE,
        order=order,
        cite=cite,
        sample=cite is None,
    )


_DEPARTMENTS = (
    _dept("drc", "州发展和改革委员会", "州发改委", 30, "——访昌吉州发展和改革委员会党组书记赵治钧"),
    _dept("industry", "州工业和信息化局", "州工信局", 31, "——访昌吉州工业和信息化局党组书记师燕群"),
    _dept(
        "digital",
        "州数字化发展局",
        "州数字化局",
        32,
        "昌吉州数字化发展局党组书记沈岩军表示，将聚力打造“数有所为”主阵地",
    ),
    _dept("ecology", "州生态环境局", "州生态环境局", 33, "——访昌吉州生态环境局党组书记马鸿铭"),
    _dept("agriculture", "州农业农村局", "州农业农村局", 34, "——访昌吉州农业农村局党组书记王星雷"),
    _dept("publicity", "州党委宣传部", "州委宣传部", 35, "——访昌吉州党委宣传部常务副部长王建忠"),
    _dept("policy-research", "州党委政策研究室", "州委政研室", 36, "——访昌吉州党委政策研究室主任吕宏伟"),
    # Lead units the texts do not name: sample data.
    _dept("commerce", "州商务局", "州商务局", 40),
    _dept("science", "州科学技术局", "州科技局", 41),
    _dept("culture-tourism", "州文化体育广播电视和旅游局", "州文旅局", 42),
    _dept("sasac", "州人民政府国有资产监督管理委员会", "州国资委", 43),
    _dept("education", "州教育局", "州教育局", 44),
    _dept("health", "州卫生健康委员会", "州卫健委", 45),
    _dept("housing", "州住房和城乡建设局", "州住建局", 46),
    _dept("united-front", "州党委统战部", "州委统战部", 47),
    _dept("natural-resources", "州自然资源局", "州自然资源局", 48),
    _dept("water", "州水利局", "州水利局", 49),
    _dept("transport", "州交通运输局", "州交通运输局", 50),
    _dept("finance", "州财政局", "州财政局", 51),
    _dept("statistics", "州统计局", "州统计局", 52),
    _dept("politics-law", "州党委政法委员会", "州委政法委", 53),
)

UNITS: tuple[UnitFact, ...] = (_PREFECTURE, *_COUNTIES, *_PARKS, *_DEPARTMENTS)
COUNTY_CODES: tuple[str, ...] = tuple(u.code for u in _COUNTIES)
PARK_CODES: tuple[str, ...] = tuple(u.code for u in _PARKS)
