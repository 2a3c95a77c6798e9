"""Find named projects and parks, with investment, place and stage when the sentence gives them."""

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .quantities import Quantity
from .text import Cleaned, split_sentences

SUFFIXES = (
    "产业园区",
    "工业园区",
    "产业园",
    "工业园",
    "开发区",
    "园区",
    "工程",
    "项目",
    "抽水蓄能电站",
    "电站",
    "电厂",
    "中试基地",
    "基地",
    "实验室",
    "融创港",
    "智算集群",
    "算力集群",
    "数据中心",
    "生产线",
    "生产车间",
    "管道",
    "铁路",
    "高速公路",
    "公路",
    "机场",
    "水库",
    "枢纽",
)
SUFFIX_RE = re.compile("|".join(re.escape(s) for s in sorted(SUFFIXES, key=len, reverse=True)))
STOP = set('，。；：、！？,;:!?“”"《》\n') | {"和", "与", "及"}
MARKER_RE = re.compile(
    r"^(?:\d{1,2}[.．、]|[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}、)"
)
LEAD_STRIP = re.compile(
    r"^(?:全州|全县|全市|全区|新开工|图为|依托|推进|推动|加快|建设|建成|实施|开工|谋划|打造|抓好|培育|引进|围绕|聚焦|全力|大力|加强|重点|一批|"
    r"持续|着力|积极|新建|续建|在|对|将|把|以)+"
)
CUT_RE = re.compile(r".*(?:的|[\d.]+[余多]?[个家项座]|在|为|是|对)")
GENERIC = {
    "重大",
    "重点",
    "这些",
    "各类",
    "相关",
    "一批",
    "新",
    "该",
    "本",
    "产业",
    "储备",
    "续建",
    "新开工",
    "建设",
    "基础设施",
    "民生",
    "示范",
    "标志性",
    "新能源项目审批制度",
}
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
ENUM_RE = re.compile(r"([^，。；：]+?)等(?:一批)?(?:重大|重点)?(?:项目|工程)")
CAPACITY_RE = re.compile(r"^([\d.]+[万亿]?(?:吨|千瓦|瓦|吉瓦|兆瓦|立方米|方|亩|个|套|台))(.+)$")
PLACE_RE = re.compile(r"(?:(?<=[州区在于，。、：\s])|^)[\u4e00-\u9fff]{2,3}(?:县|市)(?![场民委级域])")
NOT_NAME_RE = re.compile(
    r"\d|[零一二两三四五六七八九十百]+个|抓|实施|强化|锚定|都是|作为|引进|各$|^全国|^全疆|科技计划"
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


def _clean_name(raw: str) -> str:
    name = MARKER_RE.sub("", raw.strip().split("——")[-1])
    m = CUT_RE.match(name)
    if m and len(name) - m.end() >= 3:
        name = name[m.end() :]
    name = LEAD_STRIP.sub("", name)
    return name.strip('“”"（( ')


def _is_generic(name: str) -> bool:
    base = SUFFIX_RE.sub("", name, count=0)
    if NOT_NAME_RE.search(base):
        return True
    if name.endswith("项目") and len(base) < 3:
        return True
    return len(name) < 4 or len(base) < 2 or base in GENERIC or base.endswith(("等", "个", "项"))


def find_projects(cleaned: Cleaned, quantities: list[Quantity], places: Sequence[str] = ()) -> list[Project]:
    """Return the named projects of the text, once each, with what their sentence says about them."""
    text = cleaned.text
    found: dict[str, Project] = {}
    for para in cleaned.paragraphs:
        if para.kind == "subtitle":
            continue
        for lo, hi in split_sentences(text, para.start, para.end):
            for name, s, e, capacity in _sentence_names(text, lo, hi):
                key = re.sub(r"[\s()（）]", "", name)
                if key in found or (not capacity and _is_generic(name)):
                    continue
                found[key] = _describe(text, name, s, e, lo, hi, quantities, places, capacity)
    return list(found.values())


def _sentence_names(text: str, lo: int, hi: int):
    taken: list[tuple[int, int]] = []
    for m in ENUM_RE.finditer(text, lo, hi):
        base = m.start(1)
        taken.append((m.start(), m.end()))
        for part in re.finditer(r"[^、]+", m.group(1)):
            raw = part.group(0)
            cm = CAPACITY_RE.match(raw)
            name = _clean_name(cm.group(2) if cm else raw)
            if name and len(name) >= 3:
                s = base + part.start() + raw.find(name)
                yield name, s, s + len(name), cm.group(1) if cm else ""
    ends: list[tuple[int, int]] = []
    for m in SUFFIX_RE.finditer(text, lo, hi):
        e = m.end()
        s = m.start()
        while s > lo and text[s - 1] not in STOP and e - s < 40:
            s -= 1
        if ends and ends[-1][0] == s:
            ends[-1] = (s, e)
        else:
            ends.append((s, e))
    for s, e in ends:
        if any(ts <= s < te or ts < e <= te for ts, te in taken):
            continue
        raw = text[s:e]
        name = _clean_name(raw)
        if name:
            ns = e - len(name)
            yield name, ns, e, ""


def _describe(text, name, s, e, lo, hi, quantities, places, capacity) -> Project:
    p = Project(name=name, start=s, end=e, sentence_start=lo, sentence_end=hi, capacity=capacity)
    money = [q for q in quantities if lo <= q.start < hi and q.unit.endswith("元")]
    if money:
        p.investment, p.investment_unit = money[0].value, money[0].unit
    window = text[max(lo, s - 10) : min(hi, e + 12)]
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
