"""Find quantities (value, unit, the thing measured, year) in cleaned plan text."""

import re
from dataclasses import dataclass

from .numerals import FYP_RE, five_year_plan, normalise_digits, parse_number
from .text import Cleaned, split_sentences

UNIT_WORDS = [
    "万亿元",
    "亿元",
    "万元",
    "元",
    "亿千瓦时",
    "万千瓦时",
    "千瓦时",
    "亿千瓦",
    "万千瓦",
    "千瓦",
    "兆瓦",
    "吉瓦",
    "GW",
    "MW",
    "kW",
    "KW",
    "万吨标准煤",
    "吨标准煤",
    "亿吨",
    "万吨",
    "吨",
    "公斤",
    "千克",
    "万亩",
    "亩",
    "公顷",
    "万平方米",
    "平方米",
    "平方公里",
    "公里",
    "千米",
    "个百分点",
    "百分点",
    "%",
    "万人",
    "万户",
    "万辆",
    "万台",
    "万套",
    "万个",
    "万家",
    "万件",
    "万名",
    "个",
    "家",
    "项",
    "座",
    "所",
    "人",
    "户",
    "辆",
    "台",
    "套",
    "卡",
    "篇",
    "条",
    "处",
    "名",
    "件",
    "批",
]
UNIT_ALT = "|".join(re.escape(u) for u in sorted(UNIT_WORDS, key=len, reverse=True))
CN_NUM = r"[零〇一二两三四五六七八九十百千万亿]+(?:点[零〇一二三四五六七八九]+)?"
AR_NUM = r"\d+(?:,\d{3})*(?:\.\d+)?"
QTY_RE = re.compile(
    rf"(?P<num>{AR_NUM}|{CN_NUM})(?:\s*(?:[-—–~～至到])\s*(?P<num2>{AR_NUM}|{CN_NUM}))?"
    rf"(?P<approx>余|多)?\s*(?P<unit>{UNIT_ALT})(?P<post>以上|左右|以内|以下|上下)?"
)
HALF_RE = re.compile(r"(?P<pre>近|过|超|逾)半(?![年月日数])")
# A unit followed by one of these characters is part of another word (项目, 个人, 条件 ...).
NOT_AFTER = {
    "项": "目",
    "个": "人性体",
    "条": "件例款",
    "处": "理置",
    "所": "有需在属以谓",
    "家": "庭园乡",
    "台": "阶",
    "名": "单称誉义",
    "件": "事",
    "人": "民才次",
    "批": "准示复",
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
    "从",
    "占",
    "有",
    "拥有",
    "的",
)
TRIM_START = ("其中", "目前", "同时", "此外", "并", "和", "及", "全州已建成", "已建成", "建成")
BAD_F_START = ("的", "之", "左右", "以上", "以下", "以内", "增长", "同比", "比", "较", "建设", "用于", "实施")
YEAR_RE = re.compile(r"((?:19|20)\d{2})年(?!代)")
REL_YEAR = {"今年": 0, "本年": 0, "当年": 0, "去年": -1, "上年": -1, "明年": 1}
RANGE_LINK_RE = re.compile(r"^[^，。；、]{0,6}?[至到]$")


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


def _preceding(text: str, lo: int, pos: int) -> str:
    i = pos
    while i > lo and text[i - 1] not in STOPS and text[i - 1] != "、" and text[i - 2 : i] != "——":
        if text[i - 1] in "和及与" and i >= 2 and re.match(r"[\d%元亩吨瓦个家项]", text[i - 2]):
            break
        i -= 1
    phrase = text[i:pos].strip()
    changed = True
    while changed and phrase:
        changed = False
        for w in TRIM_END:
            if phrase.endswith(w) and len(phrase) > len(w):
                phrase, changed = phrase[: -len(w)], True
    for w in TRIM_START:
        if phrase.startswith(w) and len(phrase) > len(w) + 1:
            phrase = phrase[len(w) :]
    return phrase


def _following(text: str, pos: int, hi: int) -> str:
    j = pos
    while j < hi and text[j] not in STOPS and text[j] != "等" and j - pos < 24:
        if text[j] in "、和及与" and j + 1 < hi and NUM_START.match(text[j + 1]):
            break
        j += 1
    phrase = text[pos:j].strip()
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
    if not subject and text[pos - 1 : pos] in ("、", "和", "及", "与"):
        return prev
    if subject in CHANGE_WORDS and not prev.endswith(CHANGE_WORDS):
        return prev + subject
    return subject


def _sentence_year(text: str, lo: int, pos: int, doc_year: int | None) -> int | None:
    while lo > 0 and text[lo - 1] not in "。！？!?\n":
        lo -= 1
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
    if prev == "第" or re.match(r"[A-Za-z0-9.]", prev or " "):
        return True
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
    heading_year = None
    for para in cleaned.paragraphs:
        if para.kind in ("caption", "subtitle"):
            continue
        title_like = not re.search(r"[，。；,;]", text[para.start : para.end])
        if para.kind in ("heading", "numbered", "bullet") and para.end - para.start <= 40 and title_like:
            years = YEAR_RE.findall(text, para.start, para.end)
            if para.kind == "heading" or years:
                heading_year = int(years[0]) if len(years) == 1 else None
        for lo, hi in split_sentences(text, para.start, para.end):
            sentence = text[lo:hi]
            if len(sentence) > 12 and sentence in seen_sentences:
                continue
            seen_sentences.add(sentence)
            for q in _sentence_quantities(text, lo, hi, doc_year):
                if q.year is None and heading_year and q.start >= para.start:
                    q.year = heading_year
                out.append(q)
    return out


def _sentence_quantities(text: str, lo: int, hi: int, doc_year: int | None) -> list[Quantity]:
    found: list[Quantity] = []
    sentence = text[lo:hi].strip()
    fyp = None
    fm = FYP_RE.search(text, lo, hi)
    if fm:
        fyp = five_year_plan(fm.group(1))
    for m in QTY_RE.finditer(text, lo, hi):
        if _skip(text, m, lo):
            continue
        value = parse_number(m.group("num"))
        if value is None:
            continue
        value2 = parse_number(m.group("num2")) if m.group("num2") else None
        approx = m.group("approx") or m.group("post") or ""
        before = text[max(lo, m.start() - 4) : m.start()]
        for w in APPROX_BEFORE[:6]:
            if before.endswith(w):
                approx = approx or w
        unit = m.group("unit").replace("％", "%")
        subject = _following(text, m.end(), hi) or _preceding(text, lo, m.start())
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
                end=m.end(),
                sentence_start=lo,
                sentence_end=hi,
                approx=approx,
                value_max=value2,
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
    return found


def _link_ranges(text: str, found: list[Quantity], fyp: tuple[int, int] | None) -> None:
    """Give "从A…至B" pairs one subject, and the plan period's base and end years."""
    for a, b in zip(found, found[1:], strict=False):
        if a.unit != b.unit or text[a.start - 1 : a.start] != "从":
            continue
        if not RANGE_LINK_RE.match(text[a.end : b.start]):
            continue
        subject = _preceding(text, a.sentence_start, a.start - 1) or a.subject
        a.subject = b.subject = subject
        if fyp and a.year is None and b.year is None:
            a.year, b.year = fyp[0] - 1, fyp[1]
