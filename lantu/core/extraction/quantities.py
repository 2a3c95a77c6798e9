"""Find quantities (value, unit, the thing measured, year) in cleaned plan text."""

import re
from dataclasses import dataclass

from .numerals import FYP_RE, five_year_plan, normalise_digits, parse_number
from .text import Cleaned, split_sentences

# Units a figure is measured in; a magnitude (万, 亿, 万亿, 千) may stand before any (1.9万座, 732.5亿斤).
MEASURES = [
    "美元", "元", "千瓦时", "兆瓦时", "吉瓦时", "千瓦", "兆瓦", "吉瓦", "GWh", "MWh", "GW", "MW", "kW", "KW",
    "吨标准煤", "吨", "公斤", "千克", "斤", "亩", "公顷", "平方米", "平方公里", "平方千米", "公里", "千米",
    "立方米", "标准箱", "标箱", "个百分点", "百分点", "%", "‰", "倍", "周岁", "岁", "个工作日", "工作日",
    "个月", "小时", "分钟",
]  # fmt: skip
# Counters: the figure counts things, often named right after it (3个产业集群).
COUNTERS = [
    "人次", "个", "家", "项", "座", "所", "人", "户", "辆", "台", "套", "卡", "篇", "条", "处", "名", "件",
    "批", "张", "部", "场", "头", "列", "艘", "架",
]  # fmt: skip
UNIT_WORDS = MEASURES + COUNTERS
MAGNITUDE = r"(?:万亿|亿|万|千)"
UNIT_ALT = "|".join(re.escape(u) for u in sorted(UNIT_WORDS, key=len, reverse=True))
CN_NUM = r"[零〇一二两三四五六七八九十百千万亿]+(?:点[零〇一二三四五六七八九]+)?"
AR_NUM = r"\d+(?:,\d{3})*(?:\.\d+)?"
QTY_RE = re.compile(
    rf"(?P<num>{AR_NUM}|{CN_NUM})(?:\s*(?:[-—–~～至到])\s*(?P<num2>{AR_NUM}|{CN_NUM}))?"
    rf"(?P<approx0>余|多)?(?P<mag>{MAGNITUDE})?(?P<approx>余|多)?\s*(?P<unit>(?:{UNIT_ALT})(?:/年)?|(?<=[万亿])方(?![面案式法向针位]))"
    rf"(?P<post>以上|左右|以内|以下|上下)?"
)
HALF_RE = re.compile(r"(?P<pre>近|过|超|逾)半(?![年月日数])")
# 贫困人口减少60万以上: a population figure with a bare 万/亿 counts people.
PEOPLE_RE = re.compile(
    r"人口[^，。；;,\d]{0,6}?(?P<num>\d+(?:\.\d+)?)(?P<mag>万|亿)(?P<post>以上|左右|以内|以下)?(?![\u4e00-\u9fff%])"
)
# A unit followed by one of these characters is part of another word (项目, 个人, 条件 ...).
NOT_AFTER = {
    "项": "目",
    "个": "人性体季方",
    "条": "件例款",
    "处": "理置",
    "所": "有需在属以谓",
    "家": "庭园乡",
    "台": "阶",
    "名": "单称誉义",
    "件": "事",
    "人": "民才",
    "批": "准示复",
    "部": "门署委分长位",
    "场": "景所地馆域",
    "张": "家",
    "头": "部",
    "列": "入车",
    "岁": "月",
    "倍": "数",
}
APPROX_BEFORE = ("超过", "超", "近", "约", "逾", "多于", "不少于", "不低于", "力争", "达到", "达")
STOPS = set("，。；：！？,;:!?\n…")
TRIM_END = (
    "可达到",
    "可达",
    "达到",
    "达",
    "为",
    "至",
    "到",
    "突破",
    "超过",
    "超",
    "约",
    "近",
    "逾",
    "共",
    "累计",
    "分别",
    "是",
    "稳定在",
    "控制在",
    "保持在",
    "提高到",
    "提升至",
    "增加到",
    "跨过",
    "跨越",
    "增至",
    "升至",
    "降至",
    "缩小至",
    "缩小到",
    "扩大到",
    "扩大至",
    "提升到",
    "提高至",
    "增长到",
    "下降到",
    "减少到",
    "从",
    "由",
    "占",
    "有",
    "拥有",
    "的",
)
WHOLE_REGION_RE = re.compile(r"^全[省市州县区](?=已建成|建成)")
TRIM_START = ("其中", "目前", "同时", "此外", "并", "和", "及", "已建成", "建成")
BAD_F_START = (
    "的",
    "之",
    "并",
    "增加",
    "提高",
    "提升",
    "下降",
    "减少",
    "降低",
    "达到",
    "突破",
    "超过",
    "实现",
    "/",
    "时",
    "为",
    "是",
    "在",
    "居",
    "占",
    "（",
    "(",
    "次",
    "左右",
    "以上",
    "以下",
    "以内",
    "增长",
    "同比",
    "比",
    "较",
    "建设",
    "用于",
    "实施",
)
YEAR_RE = re.compile(r"((?:19|20)\d{2})年(?!代)")
RANGE_TAIL_RE = re.compile(rf"\s*[-—–~～至到]\s*(?P<num>{AR_NUM})\s*(?P<unit>%|％|[万亿]?元|[万亿]?吨)")
PERIOD_END_RE = re.compile(r"([一二三四五六七八九十]{1,3})五[”\"」』]?(?:末|期末)的?[^，。；\d]{0,4}$")
TARGET_YEAR_RE = re.compile(r"(?:到|至|力争到|预计到)((?:19|20)\d{2})年(?:底|末)?[，,]")
REL_YEAR = {"今年": 0, "本年": 0, "当年": 0, "去年": -1, "上年": -1, "明年": 1}
RANGE_LINK_RE = re.compile(r"^[^，。；、]{0,6}?[至到](?:(?:19|20)\d{2}年(?:底|末)?的?)?$")
FROM_RE = re.compile(r"[从由](?:(?:19|20)\d{2}年(?:底|末)?的?|上年的?|[^，。；、\d]{0,2})$")
NOT_VERBS = ("的", "从", "由", "分别", "占", "有", "拥有", "是")
RUN_LINK = ("、", "和", "及", "与")
VERB_TAIL_RE = re.compile(
    r"^(?P<head>.*?)(?P<verb>(?:分别|年均|同比|均)*(?:增长|下降|提高|增加|减少|提升|降低|缩小|扩大|达到|达|为)?)$"
)
GRADES_RE = re.compile(r"([一二三])([一二三]{1,2})产(业?)")


@dataclass
class Quantity:
    """A measured value found in the text."""

    subject: str
    value: float
    unit: str
    year: int | None
    text: str
    start: int
    end: int
    sentence_start: int
    sentence_end: int
    approx: str = ""
    value_max: float | None = None
    year_from: int | None = None


def _inside_title(text: str, pos: int, lo: int) -> bool:
    before = text[lo:pos]
    return before.rfind("《") > before.rfind("》")


def _phrase_start(text: str, lo: int, pos: int, across_enumeration: bool = False) -> int:
    """Return where the phrase before pos starts: after the last stop (and 、 unless across_enumeration)."""
    i = pos
    while i > lo and text[i - 1] not in STOPS and text[i - 2 : i] != "——":
        if text[i - 1] == "、" and not across_enumeration:
            break
        if text[i - 1] in "和及与、" and i >= 2 and re.match(r"[\d%元亩吨瓦个家项]", text[i - 2]):
            break
        i -= 1
    return i


def _preceding(text: str, lo: int, pos: int, across_enumeration: bool = False) -> str:
    phrase = text[_phrase_start(text, lo, pos, across_enumeration) : pos].strip()
    changed = True
    while changed and phrase:
        changed = False
        for w in TRIM_END:
            if phrase.endswith(w):
                phrase, changed = phrase[: -len(w)], True
    phrase = WHOLE_REGION_RE.sub("", phrase) if len(phrase) > 5 else phrase  # 全州已建成…: 已建成…
    for w in TRIM_START:
        if phrase.startswith(w) and len(phrase) > len(w) + 1:
            phrase = phrase[len(w) :]
    closer = re.match(r"^[^（(“]*[）)”]", phrase)
    if closer and len(phrase) - closer.end() >= 2:
        phrase = phrase[closer.end() :]  # 区）82个: a bracket closed before the phrase began
    return phrase


def _object_of_verb(text: str, lo: int, pos: int) -> bool:
    """Tell whether the figure at pos is the object of a verb, its subject before it (总值跨越5000亿元)."""
    raw = text[_phrase_start(text, lo, pos) : pos].strip()
    return any(raw.endswith(w) and len(raw) > len(w) + 1 for w in TRIM_END if w not in NOT_VERBS)


def _following(text: str, pos: int, hi: int, counted: bool = False) -> str:
    if counted:  # 12条759公里高速公路: the things counted are named after the second measure
        second = QTY_RE.match(text, pos, hi) if NUM_START.match(text, pos) else None
        if second and second.group("unit") in MEASURES:
            pos = second.end()
    j = pos
    while j < hi and text[j] not in STOPS and text[j] != "等" and j - pos < 24:
        if text[j] in "、和及与" and j + 1 < hi and NUM_START.match(text[j + 1]):
            break
        j += 1
    phrase = text[pos:j].strip()
    if phrase.startswith(("的", "级")) and len(phrase) >= 3:
        phrase = phrase[1:]  # 全长3046公里的生态屏障, 70%以上的财政支出, 300万吨级碳捕集项目
    if not phrase or phrase.startswith(BAD_F_START + ("、", "和", "及", "与")) or re.match(r"[\d%]", phrase):
        return ""
    return phrase


NUM_START = re.compile(r"[\d零〇一二两三四五六七八九十百]")
CHANGE_WORDS = (
    "增长",
    "下降",
    "提高",
    "增加",
    "减少",
    "分别增长",
    "同比增长",
    "年均增长",
    "分别达到",
    "分别",
)


def _inherit(subject: str, found: list["Quantity"], text: str, pos: int) -> str:
    """Borrow the subject of the quantity before when this one continues it (A 4.6万元、2.1万元; 增长7%)."""
    if not found:
        return subject
    prev = found[-1].subject
    if re.fullmatch(r"[较比][^，。]{0,10}?(?:末|底|年|同期)的?", subject):
        return prev  # 总值13697亿元，较“十三五”末的9323亿元: the same figure at the base year
    start = _phrase_start(text, 0, pos)
    if not subject and text[start - 1 : start] in ("、", "和", "及", "与"):
        return prev
    if subject in CHANGE_WORDS and not prev.endswith(CHANGE_WORDS):
        return prev + subject
    return subject


def _sentence_year(text: str, lo: int, pos: int, doc_year: int | None) -> int | None:
    while lo > 0 and text[lo - 1] not in "。！？!?\n":
        lo -= 1
    period_end = PERIOD_END_RE.search(text, max(lo, pos - 12), pos)
    if period_end:  # 较“十三五”末的9323亿元: the last year of that plan
        period = five_year_plan(period_end.group(1))
        if period:
            return period[1]
    years = [int(m.group(1)) for m in YEAR_RE.finditer(text, lo, pos)]
    if years:
        return years[-1]
    if doc_year is not None:
        for word, delta in REL_YEAR.items():
            if word in text[lo:pos]:
                return doc_year + delta
    return None


def _skip(text: str, m: re.Match, lo: int) -> bool:
    num, unit = m.group("num"), m.group("unit")
    start, end = m.start(), m.end()
    prev = text[start - 1] if start > lo else ""
    nxt = text[end] if end < len(text) else ""
    if prev in ("第", "每") or re.match(r"[A-Za-z0-9.]", prev or " "):
        return True  # an ordinal, or the base of a rate (每10万人)
    if unit in ("个月", "小时", "天") and text[max(lo, start - 2) : start] == "连续":
        return True  # a streak (连续30个月), not a figure of the plan
    if re.fullmatch(r"[十百千万亿]{2,}", num):
        return True  # a size class, not a figure (千万吨炼化一体化, 百万千瓦级)
    if num in ("一", "千", "万", "亿") and not m.group("num2"):
        return True
    tail = NOT_AFTER.get(unit) or NOT_AFTER.get(unit[-1], "")
    if nxt and nxt in tail and not m.group("post"):
        return True
    if unit in ("GW", "MW", "kW", "KW") and re.match(r"[A-Za-z]", nxt or " "):
        return True
    if prev in '“"「『' and re.match(r"[^”\"」』，。]{0,8}[”\"」』]", text[end : end + 9]):
        return True  # a quoted name such as “两个维护” or “四个全面”
    return _inside_title(text, start, lo)


def find_quantities(cleaned: Cleaned, *, doc_year: int | None = None) -> list[Quantity]:
    """Return the quantities of the body text, each with its subject and year."""
    text = normalise_digits(cleaned.text)
    out: list[Quantity] = []
    seen_sentences: set[str] = set()
    heading_year: int | None = None
    heading_family = ""
    for para in cleaned.paragraphs:
        if para.kind in ("caption", "subtitle"):
            continue
        title_like = not re.search(r"[，。；,;]", text[para.start : para.end])
        if para.kind in ("heading", "numbered", "bullet") and para.end - para.start <= 40 and title_like:
            year = _heading_year(text[para.start : para.end])
            family = _marker_family(para.marker)
            if para.kind == "heading" or year or (family and family == heading_family):
                heading_year, heading_family = year, family
        para_year = None
        for lo, hi in split_sentences(text, para.start, para.end):
            sentence = text[lo:hi]
            if len(sentence) > 12 and sentence in seen_sentences:
                continue
            seen_sentences.add(sentence)
            for q in _sentence_quantities(text, lo, hi, doc_year):
                context = para_year or heading_year
                if q.year is None and context and "年均" not in q.subject:
                    q.year = context
                out.append(q)
            target = TARGET_YEAR_RE.search(sentence)
            para_year = int(target.group(1)) if target else para_year  # 到2030年，… holds for what follows
    return out


def _heading_year(title: str) -> int | None:
    """Return the year a heading sets for its figures: the one it names, else its plan period's end."""
    years = YEAR_RE.findall(title)
    if len(years) == 1:
        return int(years[0])
    fyp = FYP_RE.search(title)
    period = five_year_plan(fyp.group(1)) if fyp and not years else None
    return period[1] if period else None


def _marker_family(marker: str) -> str:
    """Return the numbering style of an outline marker (一、 and 二、 are one family, （1） another)."""
    return re.sub(r"\d+", "1", re.sub(r"[一二三四五六七八九十]+", "一", marker))


def _sentence_quantities(text: str, lo: int, hi: int, doc_year: int | None) -> list[Quantity]:
    found: list[Quantity] = []
    sentence = text[lo:hi].strip()
    fyp = None
    fm = FYP_RE.search(text, lo, hi)
    if fm:
        fyp = five_year_plan(fm.group(1))
    range_end = lo
    for m in QTY_RE.finditer(text, lo, hi):
        if m.start() < range_end or _skip(text, m, lo):
            continue
        value = parse_number(m.group("num"))
        if value is None:
            continue
        value2 = parse_number(m.group("num2")) if m.group("num2") else None
        approx = m.group("approx") or m.group("approx0") or m.group("post") or ""
        before = text[max(lo, m.start() - 4) : m.start()]
        for w in APPROX_BEFORE[:6]:
            if before.endswith(w):
                approx = approx or w
        unit = ((m.group("mag") or "") + m.group("unit")).replace("％", "%")
        upper = RANGE_TAIL_RE.match(text, m.end(), hi)
        end = m.end()
        if upper and value2 is None and upper.group("unit").replace("％", "%") == unit:
            value2 = float(upper.group("num"))  # 5.5%—6%: one range, not two figures
            range_end = end = upper.end()
        before_verb = _object_of_verb(text, lo, m.start())
        counted = m.group("unit") in COUNTERS
        subject = (before_verb and _preceding(text, lo, m.start())) or _following(text, end, hi, counted)
        subject = subject or _preceding(text, lo, m.start())
        subject = _inherit(subject, found, text, m.start())
        if not subject:
            continue
        found.append(
            Quantity(
                subject=subject,
                value=value,
                unit=unit,
                year=_sentence_year(text, lo, m.start(), doc_year),
                text=sentence,
                start=m.start(),
                end=end,
                sentence_start=lo,
                sentence_end=hi,
                approx=approx,
                value_max=value2,
            )
        )
    for m in PEOPLE_RE.finditer(text, lo, hi):
        subject = _preceding(text, lo, m.start("num"))
        if subject:
            found.append(
                Quantity(
                    subject,
                    float(m.group("num")),
                    m.group("mag") + "人",
                    _sentence_year(text, lo, m.start("num"), doc_year),
                    sentence,
                    m.start("num"),
                    m.end(),
                    lo,
                    hi,
                    approx=m.group("post") or "",
                )
            )
    for m in HALF_RE.finditer(text, lo, hi):
        subject = _preceding(text, lo, m.start())
        if subject:
            found.append(
                Quantity(
                    subject,
                    50.0,
                    "%",
                    _sentence_year(text, lo, m.start(), doc_year),
                    sentence,
                    m.start(),
                    m.end(),
                    lo,
                    hi,
                    approx=m.group("pre"),
                )
            )
    found.sort(key=lambda q: q.start)
    _link_ranges(text, found, fyp)
    _distribute(text, found)
    return found


def _link_ranges(text: str, found: list[Quantity], fyp: tuple[int, int] | None) -> None:
    """Give "从A…至B" pairs one subject (the words before 从), and the plan period's base and end years."""
    for a, b in zip(found, found[1:], strict=False):
        if a.unit != b.unit:
            continue
        opener = FROM_RE.search(text, max(a.sentence_start, a.start - 12), a.start)
        if not opener or not RANGE_LINK_RE.match(text[a.end : b.start]):
            continue
        subject = _preceding(text, a.sentence_start, opener.start()) or a.subject
        a.subject = b.subject = subject
        if fyp and a.year is None and b.year is None:
            a.year, b.year = fyp[0] - 1, fyp[1]


def _runs(text: str, found: list[Quantity]) -> list[list[Quantity]]:
    """Return the runs of two or more figures joined only by 、/和 (A、B分别增长5%、6%)."""
    runs: list[list[Quantity]] = []
    for q in found:
        if runs and text[runs[-1][-1].end : q.start] in RUN_LINK:
            runs[-1].append(q)
        else:
            runs.append([q])
    return [r for r in runs if len(r) >= 2]


def _split_subject(head: str, n: int) -> list[str]:
    """Return the n subjects an enumerated subject names (城镇和农村居民收入: 城镇居民收入, 农村居民收入)."""
    grades = GRADES_RE.search(head)
    if grades and len(grades.group(1) + grades.group(2)) == n:
        tail = "产" + grades.group(3) + head[grades.end() :]
        return [head[: grades.start()] + g + tail for g in grades.group(1) + grades.group(2)]
    parts = [p for p in re.split(r"[、和与及]", head) if p]
    if len(parts) == 1 and n == 2 and "城乡" in head:
        return [head.replace("城乡", "城镇", 1), head.replace("城乡", "农村", 1)]
    if len(parts) != n:
        return []
    last, out = parts[-1], []
    for part in parts[:-1]:
        tail = ""
        for k in range(min(len(part), 4), 0, -1):
            at = last.find(part[-k:])
            if at >= 0:
                tail = last[at + k :]
                break
        else:
            if len(part) <= 3 < len(last):
                tail = last[len(part) :]
        out.append(part + tail)
    return out + [last]


def _distribute(text: str, found: list[Quantity]) -> None:
    """Give each figure of a run its own subject: 城镇和农村居民收入分别增长4%、5% is two facts."""
    for run in _runs(text, found):
        first = run[0]
        full = _preceding(text, first.sentence_start, first.start, across_enumeration=True)
        parts = VERB_TAIL_RE.match(full)
        if not parts:
            continue
        head, verb = parts.group("head"), parts.group("verb").replace("分别", "")
        if not head and "分别" in parts.group("verb"):
            earlier = [q for q in found if q.end <= first.start and q.sentence_start == first.sentence_start]
            if len(earlier) >= len(run):
                for q, e in zip(run, earlier[-len(run) :], strict=True):
                    q.subject = e.subject + verb
            continue
        subjects = _split_subject(re.sub(r"^对(?:认定为|评为|入选|首次入选)?", "", head), len(run))
        if subjects:
            for q, subject in zip(run, subjects, strict=True):
                q.subject = (subject + verb).replace("分别", "")
