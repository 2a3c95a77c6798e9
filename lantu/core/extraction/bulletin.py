"""Read a statistical bulletin (统计公报, 统计月报) into figures, and match them to a plan's indicators.

A bulletin states each figure once, in a clause of its own: "全年实现地区生产总值521.49亿元，比上年增长3.8%".
Each clause with a value and a unit gives a figure (the words before the value are its subject); a clause
that only states a change ("增长3.1%", "比上年末提高0.57个百分点") is the change of the figure before it,
and a clause with a subject and a change but no level ("居民消费价格比上年上涨1.7%") is a figure of its own
whose value is the change. The year is the bulletin's (its title, else the year a sentence opens with); the
vintage is preliminary unless the text says the figure is revised or final.

Matching is by name and unit only: a figure matches an indicator when the one's name, stripped of the words
a bulletin puts around every figure (scope, verb), contains the other's, and the units measure the same
thing (亿元 and 万元 convert; % matches %). A growth indicator (its name says 增长/增速, its unit is %)
matches the change of the figure its name starts with.
"""

import re
from dataclasses import dataclass, field

from .numerals import normalise_digits, parse_number
from .quantities import QTY_RE
from .text import split_sentences

TITLE_YEAR = re.compile(r"((?:19|20)\d{2})\s*年[^\n。]{0,40}?统计(?:公报|月报|快报)")
OPENING_YEAR = re.compile(r"^\s*((?:19|20)\d{2})年[，,]")
CLAUSE = re.compile(r"[，,；;。！？!?\n：:]")
# the change of a figure: 比上年增长3.8%, 同比下降2.2%, 比上年末提高0.84个百分点, 增长3.1%
CHANGE = re.compile(
    r"(?:比上年(?:末|同期)?|比去年(?:末|同期)?|同比|较上年(?:末)?|比\d{4}年(?:末)?)?(?:名义|实际)?"
    r"(?P<verb>增长|增加|提高|上升|上涨|回升|下降|减少|降低|回落|下跌)(?P<num>\d+(?:\.\d+)?)\s*"
    r"(?P<unit>%|个百分点|百分点|倍)"
)
FALLING = ("下降", "减少", "降低", "回落", "下跌")
# words a bulletin puts before a figure's name (scope and time) and between the name and its value (verb)
LEAD = re.compile(
    r"^(?:其中|全年|年末|年初|全[省市州县区旗盟]|本[省市州县区]|[全本]地区|城乡|截至年末|截至\S{0,8}末)+"
)
TAIL = re.compile(r"(?:实现|完成|达到|达|为|是|共|合计|累计|总计|约合|折合|约|计)+$")
# a level that is not the year's: a change (比上年末增加0.22万人), a period's total (累计达到), a multiple
SKIP_LEVEL = re.compile(
    r"^\s*(?:比上年|比去年|同比|较上年)?(?:末|同期)?(?:增加|减少|增长|下降|提高|降低|新增)?\s*$|累计"
)
PERIOD = re.compile(r"五”?(?:期间|时期|以来)|\d{4}\s*[-—–至到]\s*\d{4}年")
HEAD_VERB = re.compile(r"^(?:实现|完成|达到|新增|共有|拥有|有)")
PRELIMINARY = re.compile(r"初步核算|初步测算|快报|初步统计")
REVISED = re.compile(r"初步核实|核实数|修订")
FINAL = re.compile(r"最终核实|最终核算|终核")


@dataclass
class Figure:
    """One figure of a bulletin: its subject, value and unit, its change on the previous year, its vintage."""

    subject: str
    value: float | None
    unit: str
    year: int | None
    change: float | None = None  # signed; falling figures are negative
    change_unit: str = ""
    vintage: str = "preliminary"  # preliminary, revised, final
    start: int = 0
    end: int = 0
    sentence_start: int = 0
    sentence_end: int = 0


@dataclass
class IndicatorRef:
    """What matching needs of an indicator: its key (the caller's id), name and unit."""

    key: int
    name: str
    unit: str
    baseline: float | None = None  # a value far from it (×10 or more) is another measure, not this one


@dataclass
class Proposal:
    """A bulletin figure proposed as an indicator's value, converted to the indicator's unit."""

    key: int
    figure: Figure
    value: float
    unit: str
    converted_from: str = ""  # the bulletin's unit when it differs
    reason: list[str] = field(default_factory=list)


def bulletin_year(text: str) -> int | None:
    """Return the year a bulletin reports on: the year in its title (2024年…统计公报)."""
    m = TITLE_YEAR.search(normalise_digits(text[:2000]))
    return int(m.group(1)) if m else None


def _vintage(sentence: str, default: str) -> str:
    if FINAL.search(sentence):
        return "final"
    if REVISED.search(sentence):
        return "revised"
    if PRELIMINARY.search(sentence):
        return "preliminary"
    return default


def _subject(words: str) -> str:
    words = re.sub(r"[（(][^）)]*[）)]|\[\d+\]", "", words).strip(" 　“”\"'、")
    words = LEAD.sub("", words)
    words = TAIL.sub("", words)
    return HEAD_VERB.sub("", words).strip()


def read_bulletin(text: str, *, year: int | None = None) -> list[Figure]:
    """Return the figures of a bulletin, in the order of the text."""
    norm = normalise_digits(text)
    year = year or bulletin_year(norm)
    default = "final" if FINAL.search(norm[:3000]) else "preliminary"
    figures: list[Figure] = []
    for s, e in split_sentences(norm):
        sentence = norm[s:e]
        if PERIOD.search(sentence):
            continue  # a sentence on a whole plan period (“十三五”期间…年均增长) states no value of the year
        opening = OPENING_YEAR.match(sentence)
        sentence_year = int(opening.group(1)) if opening else year
        vintage = _vintage(sentence, default)
        last: Figure | None = None
        pos = s
        for clause in CLAUSE.split(sentence):
            c_start, pos = pos, pos + len(clause) + 1
            if not clause.strip():
                continue
            change = CHANGE.search(clause)
            level = next(
                (m for m in QTY_RE.finditer(clause) if not change or m.end() <= change.start()), None
            )
            if level is not None and level.group("unit") not in ("个百分点", "百分点", "倍"):
                before = clause[: level.start()]
                if SKIP_LEVEL.search(before) or (before and before[-1] in "0123456789(（|"):
                    continue  # a change in absolute terms, a period's total, or a figure read mid-number
                subject = _subject(before)
                value = _value(level)
                if not subject or value is None:
                    last = None
                    continue
                span = (c_start + level.start(), c_start + level.end(), s, e)
                last = Figure(subject, value, _unit(level), sentence_year, vintage=vintage)
                last.start, last.end, last.sentence_start, last.sentence_end = span
                figures.append(last)
                if change:
                    _attach(last, change)
                continue
            if change is None:
                continue
            subject = _subject(clause[: change.start()])
            if subject and not CHANGE.match(clause.strip()):
                figure = Figure(subject, None, "", sentence_year, vintage=vintage)
                span = (c_start + change.start(), c_start + change.end(), s, e)
                figure.start, figure.end, figure.sentence_start, figure.sentence_end = span
                _attach(figure, change)
                figures.append(figure)
                last = figure
            elif last is not None and last.change is None:
                _attach(last, change)
    return figures + _table_figures(norm, year, default)


TABLE_HEAD_UNIT = re.compile(r"[（(]\s*([^()（）\s]{1,6})\s*[)）]")
TABLE_ROW = re.compile(r"^\s*([\u4e00-\u9fff][^\d|｜\t]{1,30}?)\s*(?:[|｜\t]\s*|\s+)(-?\d+(?:\.\d+)?)"
                       r"(?:\s*(?:[|｜\t]\s*|\s+)(-?\d+(?:\.\d+)?))?\s*[|｜]?\s*$")  # fmt: skip


def _head_unit(label: str) -> str:
    if re.search(r"增长|增速|涨跌|增减", label):
        return "增长"
    m = TABLE_HEAD_UNIT.search(label)
    return m.group(1) if m else ""


def _table_figures(text: str, year: int | None, vintage: str) -> list[Figure]:
    """Return the rows of a bulletin's small tables: a header naming the unit of its figure column(s)
    (绝对数（亿元） | 比上年增长（%）, or 全县（%）) and rows "name | figure | change"."""
    out: list[Figure] = []
    units: list[str] | None = None
    pos, caption = 0, ""
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        row = TABLE_ROW.match(line)
        if row and units:
            name = re.sub(r"\s+", "", row.group(1))
            level_unit = units[0]
            first = float(row.group(2))
            change = float(row.group(3)) if row.group(3) and len(units) > 1 else None
            if "增长" in level_unit or "涨跌" in level_unit:
                figure = Figure(name, None, "", year, first, "%", vintage)
            else:
                figure = Figure(
                    name, first, level_unit, year, change, "%" if change is not None else "", vintage
                )
            figure.start, figure.end = start, start + len(line)
            figure.sentence_start, figure.sentence_end = figure.start, figure.end
            out.append(figure)
            continue
        heads = TABLE_HEAD_UNIT.findall(line)
        if heads and not CHANGE.search(line) and len(line) <= 60 and not line.strip().endswith("。"):
            labels = [c for c in re.split(r"[|｜\t]|\s{2,}", line) if TABLE_HEAD_UNIT.search(c)]
            units = [_head_unit(c) for c in labels]
            units = [u.replace("％", "%") for u in units]
            if units and units[0] == "%" and re.search(r"增长|涨跌|增速|增减", caption + line):
                units[0] = "增长"  # 表1 居民消费价格比上年涨跌幅度: its figures are changes
        elif not row and line.strip():
            units = None if len(line.strip()) > 30 else units
        if not row and not heads and line.strip():
            caption = line
    return out


def _value(m: re.Match) -> float | None:
    return parse_number(m.group("num"))


def _unit(m: re.Match) -> str:
    return (m.group("mag") or "") + m.group("unit")


def _attach(figure: Figure, change: re.Match) -> None:
    value = float(change.group("num"))
    figure.change = -value if change.group("verb") in FALLING else value
    figure.change_unit = change.group("unit").replace("个百分点", "百分点")


# ------------------------------------------------------------------ matching

MAGNITUDES = {"万亿": 1e12, "亿": 1e8, "万": 1e4, "千": 1e3}
GROWTH_WORDS = re.compile(r"(?:年均)?(?:增长率?|增速|增幅)(?:（%）|\(%\))?$")


def _split_unit(unit: str) -> tuple[float, str]:
    """Return (factor, base): 亿元 → (1e8, 元); 万人 → (1e4, 人); % → (1, %)."""
    unit = unit.replace("％", "%").strip()
    for word, factor in MAGNITUDES.items():
        if unit.startswith(word) and len(unit) > len(word):
            return factor, unit[len(word) :]
    return 1.0, unit


def convert(value: float, unit: str, to: str) -> float | None:
    """Return value in unit expressed in the unit `to`, or None when they measure different things."""
    f1, b1 = _split_unit(unit)
    f2, b2 = _split_unit(to)
    if b1 != b2 or not b1:
        return None
    return float(f"{value * f1 / f2:.12g}")


def _key(name: str) -> str:
    """Return a name as matching compares it: no brackets, spaces, scope or verbs (农林牧渔业完成总产值)."""
    name = re.sub(r"[（(][^）)]*[）)]", "", normalise_digits(name))
    return re.sub(r"实现了?|完成了?", "", _subject(re.sub(r"\s+", "", name)))


def _covers(a: str, b: str) -> bool:
    """Tell whether one name contains the other and the shorter is not a mere fragment of it."""
    short, long = sorted((a, b), key=len)
    return len(short) >= 3 and short in long and len(short) >= 0.6 * len(long)


def _plausible(value: float, baseline: float | None) -> bool:
    """Tell whether a value is of the indicator's order of magnitude (人均 元 is not a total in 亿元)."""
    if not baseline or not value:
        return True
    ratio = abs(value / baseline)
    return 0.1 <= ratio <= 10


def match_indicators(figures: list[Figure], indicators: list[IndicatorRef]) -> list[Proposal]:
    """Propose, for each indicator, the bulletin figure that states its value (the closest name wins)."""
    out: list[Proposal] = []
    for ind in indicators:
        name = _key(ind.name)
        best: tuple[float, Proposal] | None = None
        growth_name = GROWTH_WORDS.sub("", name)
        for fig in figures:
            subject = _key(fig.subject)
            proposal = None
            if fig.value is not None and _covers(name, subject):
                value = convert(fig.value, fig.unit, ind.unit)
                if value is not None:
                    changed = fig.unit if _split_unit(fig.unit) != _split_unit(ind.unit) else ""
                    proposal = Proposal(ind.key, fig, value, ind.unit, changed)
            if (
                proposal is None
                and growth_name != name
                and fig.change is not None
                and fig.change_unit == "%"
                and ind.unit.replace("％", "%") == "%"
                and _covers(growth_name, GROWTH_WORDS.sub("", subject))
            ):
                proposal = Proposal(ind.key, fig, fig.change, "%")
            if proposal is None or not _plausible(proposal.value, ind.baseline):
                continue
            score = min(len(name), len(subject)) / max(len(name), len(subject))
            if best is None or score > best[0]:
                best = (score, proposal)
        if best is not None:
            out.append(best[1])
    return out
