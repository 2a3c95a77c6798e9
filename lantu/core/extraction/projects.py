"""Find named projects and parks, with investment, place and stage when the sentence gives them."""

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .quantities import Quantity
from .text import Cleaned, split_sentences

# The kinds of thing a project is (general words of construction, never a particular document's names).
SUFFIXES = (
    "产业园区", "工业园区", "产业园", "工业园", "物流园", "开发区", "园区", "工程", "项目", "抽水蓄能电站",
    "电站", "电厂", "中试基地", "基地", "实验室", "数据中心", "生产线", "生产车间", "管道", "铁路",
    "高速公路", "高速", "高铁", "公路", "机场", "航站楼", "火车站", "东站", "西站", "南站", "北站", "水库",
    "枢纽", "隧道", "特大桥", "大桥", "通道", "工厂", "科学中心", "创新中心", "医疗中心", "制造中心",
    "大科学装置", "装置", "灌区", "生态屏障", "电网", "陆港", "港区", "港",
)  # fmt: skip
SUFFIX_RE = re.compile(
    r"第[\d.]+代线|" + "|".join(re.escape(s) for s in sorted(SUFFIXES, key=len, reverse=True))
)
STOP = set("，。；：、！？,;:!?《》\n") | {"和", "与", "及"}
VERBS_ONLY_RE = re.compile(
    r"^(?:再次|继续|进一步|全力|加快|推进|推动|建设|实施|新开工|开工|抓好|确保|力争)+$"
)
PARK_RE = re.compile(r"(?:园区|产业园|工业园|物流园|开发区|新区)$")
PLACE_BEFORE_RE = re.compile(r"(?:依托|位于|在|入驻|落户|立足)$")
MARKER_RE = re.compile(
    r"^(?:第[一二三四五六七八九十百]+[章节篇]\s*|专栏\s*[\d一二三四五六七八九十]+\s*|\d{1,2}[.．、]|[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}[、是])"
)
LEAD_STRIP = re.compile(
    r"^(?:(?:19|20)\d{2}年[内底前]?|全[省市州县区]|新开工|图为|依托|推进|推动|加快|建设|建成|实施|开工|谋划|打造|抓好|培育|引进|围绕|聚焦|全力|"
    r"大力|加强|重点|一批|持续|着力|积极|新建|续建|确保|力争|开工|完成|获批|支持|在|对|将|把|以|"
    r"做好|提升|落实|开展|全面|继续|要(?!素)|于)+"
)
CUT_RE = re.compile(r".*(?:的|[\d.]+[余多]?[个家项座]|在|为|是|对)")
# Words that only qualify a project (重大, 省级, 民生 ...): a name made of these alone names no project.
GENERIC_RE = re.compile(
    r"^(?:重大|重点|国家|国家级|省级|省|市级|市|县级|县|一批|高质量|高科技|大|好|新开工|计划|标志性|民生|产业|交通|"
    r"减碳|基础设施|这些|各类|相关|该|本|新|储备|续建|建设|示范|共建|专项|债券|地方政府|卓越|创新|文旅|有关|其他|"
    r"所有|部分|各|这|此|上述|保障类|保障|发展|改造|骨干|引领性|龙头|优质|现代|首批|省重点|用于|发行|获批|充分发挥|"
    r"深化|扩大|有序推进|多个|个|项|等|竣工|在建|投产|运输|水利)*$"
)
STAGES = [
    ("新开工", "new"),
    ("开工", "new"),
    ("续建", "continuing"),
    ("竣工", "completed"),
    ("建成投产", "operating"),
    ("投产", "operating"),
    ("投运", "operating"),
    ("前期", "preparation"),
    ("储备", "reserve"),
]
GENERIC_PREFIX_RE = re.compile(
    r"^(?:重大|重点|标志性|一批|新(?!型)|产业|民生|交通|减碳|骨干|基础设施(?=项目))*"
)
# A、B、C等(6个)(重大)抽水蓄能项目: the names before 等 and the kind after it.
ENUM_RE = re.compile(
    r"([^，。；：,;:]+?)等(?:[\d一二三四五六七八九十百千]+[多余]?[个项座条批家])?(?:一批)?"
    r"([^，。；：,;:、等]{0,12}?(?:项目|工程|基础设施|设施|装置|高速公路|铁路|机场|电站|基地))"
)
# 本桓、凌绥、台黑4条高速公路: the last name of a counted enumeration, the count between it and its kind.
COUNTED_RE = re.compile(
    r"^(?P<name>[^\d]{2,8}?)[\d一二三四五六七八九十]+[多余]?[个项座条批家处](?P<kind>.+)$"
)
# What a built thing's name ends in, for the object of 建成/新建 that ends in no project kind (万卡智算集群).
FACILITY_END = re.compile(
    r"(?<!产业)(?:集群|中心|港|园|城|馆|院|站|场|厂|线|网|库|仓|平台|楼|桥|渠|廊道|岛|谷|管网)$"
)
BUILD_RE = re.compile(
    r"(?:建成|新建|开工建设|加快建设|规划建设|建设)([^，。；：、]{4,16}?)(?=[，。；：、和及]|$)"
)
NOT_PROJECT_END = re.compile(
    r"(?:体系|机制|制度|格局|能力|水平|环境|体制|模式|工作|建设|市场|产业链|产业集群|任务|行动|城市|乡村|社会|"
    r"政府|经济|服务|品牌|目标|强省|强区|大省|高地|示范区|试验区)$"
)
CAPACITY_RE = re.compile(r"^([\d.]+[万亿]?(?:吨|千瓦|瓦|吉瓦|兆瓦|立方米|方|亩|个|套|台)(?:级)?)(.+)$")
PLACE_RE = re.compile(r"(?:(?<=[州区在于，。、：\s])|^)[\u4e00-\u9fff]{2,3}(?:县|市)(?![场民委级域])")
# 2026年开工建设…, 计划于2027年开工: the year work starts, said in the project's sentence.
START_YEAR_RE = re.compile(r"(20\d{2})年[^，。；,;0-9]{0,6}?(?:开工|开建|启动建设)")
NOT_NAME_RE = re.compile(
    r"\d+[多余]?[个家项座条批]|[零一二两三四五六七八九十百]+个|抓|实施|强化|锚定|都是|作为|引进|各$|^全[国省疆区市州县]|"
    r"必须|要求|应当|[\u4e00-\u9fff]\s+[\u4e00-\u9fff]|“?十[一二三四五]?五”?(?:末|期间|时期)"
)


@dataclass
class Project:
    """A named project, park or facility found in the text."""

    name: str
    start: int
    end: int
    sentence_start: int
    sentence_end: int
    investment: float | None = None
    investment_unit: str = ""
    location: str = ""
    stage: str = ""
    capacity: str = ""
    start_year: int | None = None


def _clean_name(raw: str) -> str:
    name = MARKER_RE.sub("", raw.strip().split("——")[-1])
    m = CUT_RE.match(name)
    if m and len(name) - m.end() >= 3:
        name = name[m.end() :]
    name = LEAD_STRIP.sub("", name)
    if name.count("“") != name.count("”"):
        name = name.strip("“”")
    return name.strip('"（( ')


def _is_generic(name: str) -> bool:
    base = SUFFIX_RE.sub("", name)
    if NOT_NAME_RE.search(base) or GENERIC_RE.match(base.strip('“”"')):
        return True
    return len(name) < 4 or len(base) < 2


def _key(name: str) -> str:
    return re.sub(r"[\s()（）“”\"]", "", name)


def _known(key: str, found: dict[str, Project]) -> bool:
    """Tell whether a name is one already found, maybe with words before it (再次推进准东…项目)."""
    return key in found or any(
        len(k) >= 6 and key.endswith(k) and VERBS_ONLY_RE.match(key[: -len(k)]) for k in found
    )


def find_projects(cleaned: Cleaned, quantities: list[Quantity], places: Sequence[str] = ()) -> list[Project]:
    """Return the named projects of the text, once each, with what their sentence says about them."""
    text = cleaned.text
    found: dict[str, Project] = {}
    for para in cleaned.paragraphs:
        if para.kind == "subtitle":
            continue
        for lo, hi in split_sentences(text, para.start, para.end):
            for name, s, e, capacity in _sentence_names(text, lo, hi):
                key = _key(name)
                if _is_generic(name) or NOT_PROJECT_END.search(name) or _known(key, found):
                    continue
                after = text[e : e + 1]
                if PARK_RE.search(name) and (
                    PLACE_BEFORE_RE.search(text, lo, s) or (after and after in "内里中")
                ):
                    continue  # 依托准东开发区, 产业园内: the park is where things happen, not a project
                found[key] = _describe(text, name, s, e, lo, hi, quantities, places, capacity)
    return list(found.values())


def _parts(text: str, s: int, e: int):
    """Yield (start, end) of the parts of an enumeration (、 和 及 与), never splitting inside “…”."""
    start, depth = s, 0
    for k in range(s, e):
        ch = text[k]
        depth += ch == "“"
        depth -= ch == "”" and depth > 0
        if depth == 0 and (ch == "、" or (ch in "和及与" and k - start >= 2)):
            yield start, k
            start = k + 1
    yield start, e


def _suffix_of(name: str) -> str:
    m = re.search(f"(?:{SUFFIX_RE.pattern})$", name)
    return m.group(0) if m else ""


def _sentence_names(text: str, lo: int, hi: int):
    taken: list[tuple[int, int]] = []
    for m in ENUM_RE.finditer(text, lo, hi):
        kind = GENERIC_PREFIX_RE.sub("", m.group(2))
        taken.append((m.start(), m.end()))
        category = re.fullmatch(r"(?:新型|传统|各类)?(?:基础)?设施", kind)  # 5G、数据等新型基础设施: kinds
        for ps, pe in _parts(text, m.start(1), m.end(1)):
            raw = text[ps:pe]
            cm = CAPACITY_RE.match(raw)
            name = _clean_name(raw)
            if not name:
                continue
            s = ps + max(raw.find(name), 0)
            full = name
            if not _suffix_of(name):
                if category:
                    continue
                full = name + (kind if len(name) <= 4 else _suffix_of(kind) or "")
            yield full, s, s + len(name), cm.group(1) if cm else ""
    # names ending in a kind of project; earlier parts of their enumeration borrow the kind (延榆、康渝高铁)
    spans: list[tuple[int, int]] = []
    for m in SUFFIX_RE.finditer(text, lo, hi):
        e, s = m.end(), m.start()
        while s > lo and e - s < 40:
            ch = text[s - 1]
            if ch == "”":
                opening = text.rfind("“", lo, s - 1)
                if opening < 0 or s - opening > 20:
                    break
                s = opening
                continue
            if ch in STOP or ch in '“"':
                break
            s -= 1
        if spans and spans[-1][0] == s:
            segment = _clean_name(text[spans[-1][1] : e])  # 外送通道“宁电入湘”工程: also the last name alone
            if len(segment) >= 4 and not _suffix_of(segment) == segment:
                yield segment, e - len(segment), e, ""
            spans[-1] = (s, e)
        else:
            spans.append((s, e))
    for s, e in spans:
        if any(ts <= s < te or ts < e <= te for ts, te in taken):
            continue
        name = _clean_name(text[s:e])
        counted = COUNTED_RE.match(name)
        if counted and _suffix_of(counted.group("kind")) and s > lo and text[s - 1] in "、和及与":
            name = counted.group("name") + _suffix_of(counted.group("kind"))
        if name:
            yield name, e - len(name), e, ""
        suffix = _suffix_of(name)
        k = s
        while suffix and k - 1 > lo and text[k - 1] in "、和及与":
            ps = k - 2
            while ps > lo and text[ps - 1] not in STOP and k - ps < 8:
                ps -= 1
            short = _clean_name(text[ps : k - 1])
            if not short or len(short) > 5 or _suffix_of(short):
                break
            yield short + suffix, ps, k - 1, ""
            k = ps
    for m in BUILD_RE.finditer(text, lo, hi):
        if any(ts <= m.start(1) < te for ts, te in taken + spans):
            continue
        name = _clean_name(m.group(1))
        if FACILITY_END.search(name) and not re.search(
            r"[的为是把将以和及与]|推进|提升|加快|推动|实现", name
        ):
            yield name, m.end(1) - len(name), m.end(1), ""


def _describe(text, name, s, e, lo, hi, quantities, places, capacity) -> Project:
    p = Project(name=name, start=s, end=e, sentence_start=lo, sentence_end=hi, capacity=capacity)
    money = [q for q in quantities if lo <= q.start < hi and q.unit.endswith("元")]
    own = [q for q in money if "投资" in q.subject and q.start >= s] or [
        q for q in money if "投资" in q.subject
    ]
    if own or money:
        q = (own or money)[0]
        p.investment, p.investment_unit = q.value, q.unit
    window = text[max(lo, s - 10) : min(hi, e + 12)]
    starts = [m for m in START_YEAR_RE.finditer(text, lo, hi)]
    if starts:  # the nearest statement before the name, else the first after it
        before = [m for m in starts if m.start() < s]
        p.start_year = int((before[-1] if before else starts[0]).group(1))
    for word, stage in STAGES:
        if word in window:
            p.stage = stage
            break
    near = text[max(lo, s - 30) : e]
    m = PLACE_RE.match(name)
    if m:
        p.location = m.group(0)
        return p
    for place in places:
        if place and place in near:
            p.location = place
            break
    else:
        m = PLACE_RE.search(near)
        if m:
            p.location = m.group(0)
    return p
