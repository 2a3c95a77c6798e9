"""Proposed plan items and the builder that keeps each list once, under one parent."""

import re
from dataclasses import dataclass


@dataclass
class Item:
    """A proposed plan item: a heading, a list's parent or a list member."""

    id: str
    parent: str | None
    title: str
    level: int
    start: int
    end: int
    kind: str  # outline, heading, intro, group, member
    cue: str = ""  # for an inline group: count, category, quote, frame, suffix, parallel, ordinal or plain


def key(s: str) -> str:
    return re.sub(r"[\s，。、；：:;,.“”\"'‘’（）()《》\-—·]", "", s)


def strip_end(s: str) -> str:
    return s.strip().rstrip("；;。，,：:、").strip()


class Builder:
    def __init__(self) -> None:
        self.items: list[Item] = []
        self.keys: set[str] = set()
        self.n = 0

    def add(self, parent: str | None, title: str, level: int, start: int, end: int, kind: str) -> Item:
        self.n += 1
        item = Item(f"i{self.n}", parent, title, level, start, end, kind)
        self.items.append(item)
        return item

    def add_list(self, parent: Item | None, members: list[tuple[str, int, int]], make_parent=None) -> bool:
        keys = [key(t) for t, _, _ in members]
        if len(members) < 2 or any(len(k) < 2 for k in keys):
            return False
        if sum(k in self.keys for k in keys) * 2 >= len(keys):
            return False
        fresh = [(m, k) for m, k in zip(members, keys, strict=True) if k not in self.keys]
        if len(fresh) < 2:
            return False
        if make_parent is not None:
            parent = make_parent()
        level = parent.level + 1 if parent else 1
        for (title, s, e), k in fresh:
            self.keys.add(k)
            self.add(parent.id if parent else None, title, level, s, e, "member")
        return True
