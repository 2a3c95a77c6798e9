"""Find lists inside sentences: enumerations with 、, parallel clauses and 一是…二是…."""

import re

from .items import Builder, Item
from .items import strip_end as _strip_end
from .numerals import parse_number
from .text import Paragraph, split_sentences

VERBS = (
    "实施",
    "推进",
    "推动",
    "开展",
    "建设",
    "打造",
    "创建",
    "培育",
    "壮大",
    "加快",
    "加强",
    "谋划",
    "部署",
    "围绕",
    "聚焦",
    "包括",
    "涵盖",
    "形成",
    "构建",
    "完善",
    "深化",
    "提升",
    "强化",
    "落实",
    "抓好",
    "确立",
    "做好",
    "建成",
    "引进",
    "实现",
    "坚持",
    "统筹",
    "突出",
    "聚力",
    "着力",
    "全力",
    "大力",
    "持续",
    "深入",
    "积极",
    "重点",
    "启动",
    "布局",
    "组织",
    "支持",
    "鼓励",
    "提出",
    "明确",
    "了",
    "即",
    "包括",
    "主要有",
    "分别是",
    "分别为",
    "将",
    "要",
)
PARALLEL = (
    "以",
    "坚持",
    "突出",
    "推动",
    "推进",
    "加快",
    "强化",
    "着力",
    "深化",
    "在",
    "把",
    "围绕",
    "聚焦",
    "打造",
    "建设",
    "实施",
    "提升",
    "完善",
    "健全",
)
SUMMARY_RE = re.compile(r"([零一二两三四五六七八九十百\d]+)(?:个|大|项|类|种|条|方面|件)")
CONJ_RE = re.compile(r"以及|和|及|与")
ORDINAL_RE = re.compile(r"([一二三四五六七八九十]+)是")
CLAUSE_SPLIT = re.compile(r"[，；：,;:？！?!]|——|…+")


def _strip_verbs(s: str) -> str:
    pos = min((s.find(v) for v in VERBS if 0 <= s.find(v) <= 8), default=-1)
    if pos < 0:
        return s
    v = next(v for v in VERBS if s.find(v) == pos)
    s = s[pos + len(v) :]
    while True:
        lead = next((v for v in VERBS if s.startswith(v) and len(s) > len(v) + 1), None)
        if not lead:
            return s
        s = s[len(lead) :]


def _clauses(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    out, s = [], lo
    for m in CLAUSE_SPLIT.finditer(text, lo, hi):
        out.append((s, m.start()))
        s = m.end()
    out.append((s, hi))
    return [(s, e) for s, e in out if e > s]


def _group(b: Builder, context: Item | None, title: str, s: int, e: int, cue: str):
    def make() -> Item:
        level = context.level + 1 if context else 1
        item = b.add(context.id if context else None, _strip_end(title), level, s, e, "group")
        item.cue = cue
        return item

    return make


def _ordinal_list(b: Builder, text: str, lo: int, hi: int, context: Item | None) -> None:
    marks = list(ORDINAL_RE.finditer(text, lo, hi))
    if len(marks) < 2 or marks[0].group(1) != "一" or marks[1].group(1) != "二":
        return
    members = []
    for m, nxt in zip(marks, marks[1:] + [None], strict=True):
        end = nxt.start() if nxt else hi
        cut = text.find("。", m.end(), end)  # 一是综合实力再上台阶。地区生产总值… names its point first
        title_end = cut if cut - m.end() >= 2 and text[cut + 1 : end].strip() else end
        members.append((_strip_end(text[m.end() : title_end]), m.end(), end))
    intro = _strip_end(text[lo : marks[0].start()])
    b.add_list(None, members, make_parent=_group(b, context, intro or members[0][0], lo, hi, "ordinal"))


def _parallel_clauses(b: Builder, text: str, lo: int, hi: int, context: Item | None) -> None:
    clauses = _clauses(text, lo, hi)
    k = 0
    while k < len(clauses):
        s, e = clauses[k]
        marker = next((m for m in PARALLEL if text.startswith(m, s)), None)
        if not marker:
            k += 1
            continue
        j = k
        while (
            j < len(clauses) and text.startswith(marker, clauses[j][0]) and clauses[j][1] - clauses[j][0] >= 4
        ):
            j += 1
        run = clauses[k:j]
        if k > 0 and len(run) >= 2:
            ps, pe = clauses[k - 1]
            at = text.find(marker, ps, min(pe, ps + 5))
            if at > ps and pe - at >= 4:
                run = [(at, pe)] + run
        if len(run) >= 3:
            members = [(_strip_end(text[cs:ce]), cs, ce) for cs, ce in run]
            b.add_list(None, members, make_parent=_group(b, context, text[lo:hi], lo, hi, "parallel"))
        k = max(j, k + 1)


def _enumeration(b: Builder, text: str, cs: int, ce: int, context: Item | None, before: str = "") -> None:
    clause = text[cs:ce]
    quote = re.search(r"[“\"]([^”\"]*、[^”\"]*、[^”\"]*)[”\"]", clause)
    if quote:
        cs, ce = cs + quote.start(1), cs + quote.end(1)
        clause = text[cs:ce]
    if clause.count("、") < 2 and not (clause.count("、") == 1 and CONJ_RE.search(clause)):
        return
    body_end, title = ce, clause
    stop = clause.find("等", clause.find("、"))
    if stop > 0:
        body_end, title = cs + stop, clause[stop + 1 :]
    parts = _split_parts(text, cs, body_end)
    count_cut = _summary_cut(text, cs, body_end)
    if count_cut:
        body_end, parts, title = count_cut
    if len(parts) < 2 or (len(parts) < 3 and not count_cut and stop < 0):
        return  # one member is no list (a stray 、 next to a quote mark leaves empty parts)
    if any(re.match(r"[\d０-９]", text[s:e]) or e - s > 30 for _, s, e in parts):
        return
    first, s0, e0 = parts[0]
    second = parts[1][0]
    if first.startswith(("以", "把", "将", "对")) and not second.startswith(first[0]):
        framed = first[0] == "以"
        first = first[1:]
        if framed and not count_cut and stop < 0:
            last, ls, le = parts[-1]
            if "为" in last[1:]:
                cut = last.rindex("为")
                title = last[cut + 1 :]
                parts[-1] = (last[:cut], ls, ls + cut)
    elif not second.startswith(VERBS):
        others = sorted(len(_strip_end(t)) for t, _, _ in parts[1:])
        if len(first) > others[len(others) // 2] + 1:
            first = _strip_verbs(first)
    parts[0] = (first, e0 - len(first), e0)
    last, ls, le = parts[-1]
    if "的" in last[2:] and not any("的" in t for t, _, _ in parts[:-1]) and not count_cut:
        cut = last.index("的", 2)
        parts[-1] = (last[:cut], ls, ls + cut)
    members = [(_strip_end(t), s, e) for t, s, e in parts]
    if count_cut:
        cue = "count"
    elif stop > 0:
        cue = "category"
    elif quote:
        cue = "quote"
    elif title != clause:
        cue = "frame"
    elif _common_suffix([t for t, _, _ in members]):
        cue = "suffix"
    else:
        cue = "plain"
    announced = SUMMARY_RE.search(before)
    if cue in ("plain", "suffix") and announced and parse_number(announced.group(1)) == len(members):
        cue, title = "count", before  # 坚持“四个优先”：A、B、C、D / 建设八大集群，即A、B…
    b.add_list(None, members, make_parent=_group(b, context, title, cs, ce, cue))


def _split_parts(text: str, s: int, e: int, split_last: bool = True) -> list[tuple[str, int, int]]:
    parts, start = [], s
    for k in range(s, e):
        if text[k] == "、":
            parts.append((text[start:k], start, k))
            start = k + 1
    parts.append((text[start:e], start, e))
    if split_last and len(parts) >= 2:
        last, ls, le = parts[-1]
        m = CONJ_RE.search(last)
        suffix = _common_suffix([t for t, _, _ in parts[:-1]])
        if m and m.start() >= 2 and suffix and last[: m.start()].endswith(suffix):
            parts[-1:] = [(last[: m.start()], ls, ls + m.start()), (last[m.end() :], ls + m.end(), le)]
            tail, ts, te = parts[-1]
            if suffix in tail and not tail.endswith(suffix):
                cut = tail.index(suffix) + len(suffix)
                parts[-1] = (tail[:cut], ts, ts + cut)
    return [p for p in parts if p[0].strip()]


def _common_suffix(texts: list[str]) -> str:
    for n in (4, 3, 2):
        ends = [t[-n:] for t in texts if len(t) > n]
        if ends and max(ends.count(x) for x in ends) * 5 >= len(texts) * 3:
            return max(set(ends), key=ends.count)
    return ""


def _summary_cut(text: str, s: int, e: int):
    for m in SUMMARY_RE.finditer(text, s, e):
        n = parse_number(m.group(1))
        if not n or text[s : m.start()].count("、") < 1:
            continue
        for split_last in (False, True):
            parts = _split_parts(text, s, m.start(), split_last=False)
            if not parts:
                break
            if split_last:
                last, ls, le = parts[-1]
                c = CONJ_RE.search(last)
                if not c:
                    continue
                parts[-1:] = [(last[: c.start()], ls, ls + c.start()), (last[c.end() :], ls + c.end(), le)]
            if len(parts) == n:
                return m.start(), parts, text[m.start() : e]
    return None


def inline_lists(b: Builder, text: str, p: Paragraph, context: Item | None, seen: set[str]) -> None:
    """Add the lists found inside one paragraph's sentences."""
    _ordinal_list(b, text, p.start, p.end, context)
    for lo, hi in split_sentences(text, p.start, p.end):
        sentence = text[lo:hi]
        if sentence in seen and len(sentence) > 12:
            continue
        seen.add(sentence)
        _parallel_clauses(b, text, lo, hi, context)
        before = ""
        for cs, ce in _clauses(text, lo, hi):
            _enumeration(b, text, cs, ce, context, before)
            before = text[cs:ce]
    _semicolon_list(b, text, p, context)


def _semicolon_list(b: Builder, text: str, p: Paragraph, context: Item | None) -> None:
    """Add the ；-separated parts of a paragraph's last sentence as a list under the sentence before it."""
    spans = split_sentences(text, p.start, p.end)
    run: list[tuple[int, int]] = []
    for lo, hi in spans:
        if text[hi - 1] in "；;":
            run.append((lo, hi))
            continue
        if len(run) >= 2:
            run.append((lo, hi))
            break
        run = []
    if len(run) < 3 or any(e - s > 60 for s, e in run):
        return
    first = run[0][0]
    if any(first <= it.start < run[-1][1] for it in b.items):
        return  # the same parts were already read as a list (一是…；二是…): give them once
    intro = [(s, e) for s, e in spans if e <= first]
    title_span = intro[-1] if intro else run[0]
    members = [(_strip_end(text[s:e]), s, e) for s, e in run]
    b.add_list(
        None,
        members,
        make_parent=_group(b, context, text[title_span[0] : title_span[1]], *title_span, "semicolon"),
    )
