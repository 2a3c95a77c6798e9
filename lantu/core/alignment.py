"""Coverage of a plan's item tree by the links of lower plans (规划体系衔接).

Higher side: an item counts as carried when a lower-plan item links to it or to an item below it;
a link to a whole measure does not vouch for each of its tasks, so those stay open until linked.
Lower side: an item counts as aligned when it, an item above it or an item below it links up;
the sections of a linked chapter take their footing from the chapter.
"""

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from lantu.core.tree import Node, build_forest

# Levels of a higher plan whose uncarried items are worth listing (goals are carried by their measures,
# so a goal is listed only when nothing lies below it).
GAP_LEVELS = ("measure", "action", "task")


@dataclass(frozen=True)
class Row:
    """One item of a plan tree: id, parent id and level, in tree order among siblings."""

    id: int
    parent: int | None
    level: str


@dataclass(frozen=True)
class Gap:
    """The top item of a branch nothing covers, and how many listed-level items below it share the gap."""

    id: int
    below: int = 0


@dataclass(frozen=True)
class Share:
    """How many items of a level are covered, out of how many."""

    done: int
    total: int

    @property
    def ratio(self) -> float | None:
        """Return the covered share, or None when there is nothing to cover."""
        return self.done / self.total if self.total else None


def carried(rows: Sequence[Row], linked: Iterable[int]) -> set[int]:
    """Return the ids that are linked or have a linked item below them."""
    parents = {row.id: row.parent for row in rows}
    found: set[int] = set()
    for start in linked:
        current: int | None = start
        while current is not None and current in parents and current not in found:
            found.add(current)
            current = parents[current]
    return found


def aligned(rows: Sequence[Row], linked: Iterable[int]) -> set[int]:
    """Return the ids that are linked, or have a linked item above or below them."""
    linked = set(linked)
    found = carried(rows, linked)
    children: dict[int, list[int]] = {}
    for row in rows:
        if row.parent is not None:
            children.setdefault(row.parent, []).append(row.id)
    seen: set[int] = set()
    ids = {row.id for row in rows}
    stack = [pk for pk in linked if pk in ids]
    while stack:
        current = stack.pop()
        if current not in seen:
            seen.add(current)
            stack.extend(children.get(current, []))
    return found | seen


def gaps(rows: Sequence[Row], covered: Collection[int], levels: Collection[str] | None = None) -> list[Gap]:
    """Return in tree order the top items of the branches not covered, at the given levels (all if None).

    A leaf counts whatever its level (a chapter with nothing below it is all there is to carry).
    An uncovered item inside an uncovered branch is not listed again: it adds to its top's `below`.
    """
    level = {row.id: row.level for row in rows}
    parents = {row.parent for row in rows}

    def listed(pk: int) -> bool:
        return pk not in covered and (levels is None or level[pk] in levels or pk not in parents)

    def count_below(node: Node[int]) -> int:
        return sum(listed(n.id) for child in node.children for n in child.walk())

    found: list[Gap] = []

    def visit(node: Node[int]) -> None:
        if listed(node.id):
            found.append(Gap(node.id, count_below(node)))
            return  # whatever is below is inside this gap
        for child in node.children:
            visit(child)

    for root in build_forest((row.id, row.parent) for row in rows):
        visit(root)
    return found


def share(rows: Sequence[Row], covered: Collection[int], level: str) -> Share:
    """Return how many items of a level are covered."""
    ids = [row.id for row in rows if row.level == level]
    return Share(sum(pk in covered for pk in ids), len(ids))
