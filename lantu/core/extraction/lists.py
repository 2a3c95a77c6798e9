"""Find lists and their hierarchy: outline numbering, bullets and paragraph series."""

import re

from .inline import inline_lists as _inline_lists
from .items import Builder, Item
from .items import strip_end as _strip_end
from .text import Cleaned, Paragraph, split_sentences

MARKER_STYLES = [
    ("chapter", re.compile(r"^第[一二三四五六七八九十百零〇]+章")),
    ("section", re.compile(r"^第[一二三四五六七八九十百零〇]+[节篇部分]")),
    ("cn", re.compile(r"^[一二三四五六七八九十]+、")),
    ("cn_paren", re.compile(r"^[（(][一二三四五六七八九十]+[）)]")),
    ("arabic", re.compile(r"^\d{1,2}[.．、]")),
    ("arabic_paren", re.compile(r"^[（(]\d{1,2}[）)]")),
    ("circled", re.compile(r"^[①-⑳]")),
    ("ordinal", re.compile(r"^[一二三四五六七八九十]{1,3}是")),
    ("box", re.compile(r"^专栏")),
]


def _outline_style(text: str) -> str | None:
    return next((name for name, rx in MARKER_STYLES if rx.match(text)), None)


def find_items(cleaned: Cleaned) -> list[Item]:
    """Return proposed items: outline headings, block lists and inline lists, each under one parent."""
    text, paras = cleaned.text, cleaned.paragraphs
    b = Builder()
    styles: list[str] = []
    box: Item | None = None
    box_styles: set[str] = set()
    stack: list[Item] = []
    heading: tuple[Paragraph, Item | None] | None = None
    seen: set[str] = set()
    deferred: list[tuple[Paragraph, Item | None]] = []
    i = 0
    while i < len(paras):
        p = paras[i]
        ptext = text[p.start : p.end]
        context = stack[-1] if stack else None
        if p.kind == "numbered":
            style = _outline_style(ptext)
            if style == "box":  # 专栏3 重大工程: a box in the section, not a level of the outline
                del stack[1:]
                parent = stack[-1] if stack else None
                title = _strip_end(ptext)
                level = parent.level + 1 if parent else 1
                box = b.add(parent.id if parent else None, title, level, p.start, p.end, "heading")
                stack.append(box)
                box_styles = set(styles)
                i += 1
                continue
            if style and box is not None and style not in box_styles:  # the box's own numbering
                body = ptext[len(p.marker) :] if p.marker else ptext
                cut = re.search(r"[。：:]", body)
                title = body[: cut.start()] if cut and cut.start() >= 2 else body
                item = b.add(box.id, _strip_end(title), box.level + 1, p.start, p.end, "outline")
                deferred.append((p, item))
                i += 1
                continue
            box = None
            if style:
                if style not in styles:
                    styles.append(style)
                level = styles.index(style) + 1
                while stack and stack[-1].level >= level:
                    stack.pop()
                body = ptext[len(p.marker) :] if p.marker else ptext
                cut = re.search(r"[。：:]", body)
                title = body[: cut.start()] if cut and cut.start() >= 2 else body
                item = b.add(
                    stack[-1].id if stack else None, _strip_end(title), level, p.start, p.end, "outline"
                )
                stack.append(item)
                deferred.append((p, item))
                i += 1
                continue
        if p.kind == "heading":
            heading = (p, None)
            i += 1
            continue
        run = _block_run(text, paras, i)
        if run:
            intro = paras[i - 1] if i > 0 else None
            parent_maker = _parent_maker(b, text, intro, heading, context)
            members = [(_lead_sentence(text, q.start, q.end), q.start, q.end) for q in run]
            b.add_list(None, members, make_parent=parent_maker)
            deferred.extend((q, context) for q in run)
            i += len(run)
            continue
        if p.kind not in ("caption", "subtitle"):
            deferred.append((p, context))
        i += 1
    for p, context in deferred:
        _inline_lists(b, text, p, context, seen)
    b.items.sort(key=lambda it: it.start)
    return b.items


def _lead_sentence(text: str, start: int, end: int) -> str:
    """Return a block member's title: its first sentence when there are more (——经济平稳增长。…)."""
    body = text[start:end]
    cut = re.search(r"[。：:！!]", body)
    if cut and 2 <= cut.start() and body[cut.end() :].strip():
        body = body[: cut.start()]
    return _strip_end(body)


def _parent_maker(b: Builder, text: str, intro: Paragraph | None, heading, context: Item | None):
    def make() -> Item:
        level = context.level + 1 if context else 1
        parent_id = context.id if context else None
        if intro is not None and intro.kind in ("body", "heading"):
            itext = text[intro.start : intro.end].rstrip()
            if intro.kind == "heading" or itext.endswith(("：", ":", "——")):
                sents = split_sentences(text, intro.start, intro.end)
                s, e = sents[-1] if sents else (intro.start, intro.end)
                return b.add(parent_id, _strip_end(text[s:e].rstrip("—")), level, s, e, "intro")
        if heading is not None:
            hp = heading[0]
            return b.add(parent_id, _strip_end(text[hp.start : hp.end]), level, hp.start, hp.end, "heading")
        if context is not None:
            return context
        if intro is not None:
            sents = split_sentences(text, intro.start, intro.end)
            s, e = sents[-1] if sents else (intro.start, intro.end)
            return b.add(None, _strip_end(text[s:e]), 1, s, e, "intro")
        return b.add(None, "", 1, 0, 0, "group")

    return make


def _block_run(text: str, paras: list[Paragraph], i: int) -> list[Paragraph]:
    p = paras[i]
    if p.kind == "bullet":
        j = i
        while j < len(paras) and paras[j].kind == "bullet":
            j += 1
        return paras[i:j] if j - i >= 2 else []
    if p.kind != "body":
        return []
    head = text[p.start : p.start + 2]
    if not re.fullmatch(r"[\u4e00-\u9fff]{2}", head):
        return []
    j = i
    while j < len(paras) and paras[j].kind == "body" and text[paras[j].start : paras[j].start + 2] == head:
        j += 1
    if j - i >= 3:
        return paras[i:j]
    j = i
    while j < len(paras) and paras[j].kind == "body" and text[paras[j].end - 1] in "；;":
        j += 1
    if j < len(paras) and paras[j].kind == "body" and j > i:
        j += 1
    return paras[i:j] if j - i >= 3 else []
