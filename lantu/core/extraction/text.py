"""Clean a newspaper or plan text into paragraphs, keeping a map back to the original offsets."""

import re
from dataclasses import dataclass, field

TERMINAL = "。！？；：…!?;:"
CLOSERS = "”’）)」』】"
SENTENCE_PUNCT = set("，。；：、！？,;:!?")
BULLET_RE = re.compile(r"^(?:——|--|[-•·●▪◆■◇○*]\s*|[-*]\s+)")
NUMBERING_RE = re.compile(
    r"^(?:第[一二三四五六七八九十百零〇]+[章节篇部分]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]"
    r"|\d{1,2}[.．、](?!\d)|[（(]\d{1,2}[）)]|[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳](?=\S)"
    r"|[一二三四五六七八九十]{1,3}是(?=\S)|专栏\s*[0-9一二三四五六七八九十]{1,3}(?![0-9]))"
)
DOTTED_NEXT_RE = re.compile(r"^(\d{1,2})[.．](?=\d)")
JUMP_RE = re.compile(r"^[（(]?\s*[上下]?转\s*[0-9０-９一二三四五六七八九十]+\s*版\s*[）)]?$")
BYLINE_RE = re.compile(r"^(?:[□■◇◆]|本报记者|记者\s|通讯员|见习记者)")
CAPTION_RE = re.compile(r"^(?:[上下左右]?图[①-⑳0-9一二三四五六七八九十]*\s*[：:]|图为)")
MASTHEAD_RE = re.compile(r"(?:主管主办|主办|出版|客户端|编辑部|责任编辑|版式设计|校对)$")
ORDINAL_NEXT_RE = re.compile(r"[，。；：,;:][二三四五六七八九十]{1,3}是")
CJK_RE = re.compile(r"[\u4e00-\u9fff]")


@dataclass
class Paragraph:
    """A paragraph of the cleaned text and what kind of block it is."""

    start: int
    end: int
    kind: str  # body, heading, bullet, numbered, caption, subtitle
    marker: str = ""


@dataclass
class Cleaned:
    """Cleaned text, the original offset of each of its characters, and its paragraphs."""

    text: str
    origin: list[int]
    paragraphs: list[Paragraph] = field(default_factory=list)
    original: str = ""

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Return the span of the original text that a cleaned span comes from."""
        if not self.origin:
            return (0, 0)
        start = min(max(start, 0), len(self.origin) - 1)
        end = min(max(end, start + 1), len(self.origin))
        return self.origin[start], self.origin[end - 1] + 1

    def para_text(self, p: Paragraph) -> str:
        """Return the text of one paragraph."""
        return self.text[p.start : p.end]


def _lines(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        stripped = body.strip().replace("\u3000", " ").strip()
        lead = len(body) - len(body.lstrip(" \t\u3000\ufeff"))
        out.append((pos + lead, stripped))
        pos += len(raw)
    return out


def _classify(line: str) -> str:
    if not line:
        return "blank"
    if JUMP_RE.match(line) or re.search(r"[（(][上下]转\s*\S{1,4}版[）)]", line):
        return "noise"
    if not CJK_RE.search(line) or (len(line) <= 3 and not re.search(r"[，。]", line)):
        return "noise"
    if BYLINE_RE.match(line) and len(line) <= 40:
        return "photo" if line.endswith("摄") else "byline"
    if len(line) <= 20 and MASTHEAD_RE.search(line) and not SENTENCE_PUNCT & set(line):
        return "noise"
    if line.startswith(("——", "--")) and len(line) <= 50 and "。" not in line[:-1]:
        return "subtitle"
    if CAPTION_RE.match(line):
        return "caption"
    if BULLET_RE.match(line):
        return "bullet"
    numbering = NUMBERING_RE.match(line)
    if numbering:
        # 一是… opens an outline item unless the same line goes on to 二是 (an inline list)
        if numbering.group(0).endswith("是") and ORDINAL_NEXT_RE.search(line, numbering.end()):
            return "text"
        return "numbered"
    if not (SENTENCE_PUNCT & set(line)) and len(line) <= 40:
        return "headlike"
    return "text"


def _is_title(s: str) -> bool:
    return len(s) <= 40 and not (SENTENCE_PUNCT & set(s))


def _ends_terminal(s: str) -> bool:
    s = s.rstrip(CLOSERS + " ")
    return not s or s[-1] in TERMINAL or s.endswith("——")


def clean_text(text: str) -> Cleaned:
    """Join broken lines into paragraphs and drop jump notes, by-lines and symbols."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    chars: list[str] = []
    origin: list[int] = []
    paras: list[Paragraph] = []
    open_para: Paragraph | None = None
    open_last = ""

    def close() -> None:
        nonlocal open_para
        if open_para is not None:
            open_para.end = len(chars)
            if open_para.end > open_para.start:
                paras.append(open_para)
            open_para = None

    def emit(pos: int, s: str) -> None:
        chars.extend(s)
        origin.extend(range(pos, pos + len(s)))

    lines = _lines(text)
    last_number = 0  # the last "n." outline marker: "3.14个…" after "2." is item 3 (14个…), not 3.14
    for k, (pos, line) in enumerate(lines):
        kind = _classify(line)
        glued = DOTTED_NEXT_RE.match(line)
        if glued and last_number and int(glued.group(1)) == last_number + 1:
            kind = "numbered"
        if kind == "headlike" and k + 1 < len(lines):
            nxt = lines[k + 1][1]
            if nxt and _classify(nxt) in ("text", "headlike") and len(line) >= 0.85 * len(nxt):
                kind = "text"
        if kind in ("blank", "noise", "byline"):
            continue
        if kind == "photo":
            close()
            if paras and paras[-1].kind == "body":
                paras[-1].kind = "caption"
            continue
        continuing = open_para is not None and not _ends_terminal(open_last)
        in_list = open_para is not None and open_para.kind in ("bullet", "numbered", "caption")
        if continuing and in_list and kind == "headlike":
            continuing = False
        if continuing and kind in ("text", "headlike", "caption"):
            emit(pos, line)
            open_last = line
            continue
        close()
        if chars:
            chars.append("\n")
            origin.append(pos)
        marker = ""
        pkind = {"headlike": "heading", "text": "body"}.get(kind, kind)
        split = 0
        if kind in ("bullet", "numbered"):
            m = (BULLET_RE if kind == "bullet" else NUMBERING_RE).match(line)
            if kind == "numbered" and m is None and glued:
                m, split = glued, glued.end()
            marker = m.group(0).strip() if m else ""
            if kind == "bullet" and m:
                pos, line = pos + m.end(), line[m.end() :]
            number = re.fullmatch(r"(\d{1,2})[.．]", marker)
            last_number = int(number.group(1)) if number else last_number
        open_para = Paragraph(start=len(chars), end=len(chars), kind=pkind, marker=marker)
        if split:  # keep the marker apart from the figure it was glued to: "3." + " " + "14个…"
            emit(pos, line[:split])
            chars.append(" ")
            origin.append(pos + split - 1)
            pos, line = pos + split, line[split:]
        emit(pos, line)
        open_last = line
        if pkind == "heading" or (kind in ("bullet", "numbered") and _is_title(line[len(marker) :])):
            close()
    close()
    return Cleaned(text="".join(chars), origin=origin, paragraphs=paras, original=text)


SENT_END = re.compile(r"[。！？!?；;]+[”’」』）)]*|\n")


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Return the (start, end) spans of the sentences in text[start:end]."""
    end = len(text) if end is None else end
    spans, s = [], start
    for m in SENT_END.finditer(text, start, end):
        e = m.end()
        if text[s:e].strip():
            spans.append((s, e))
        s = e
    if s < end and text[s:end].strip():
        spans.append((s, end))
    return spans
