"""Roll-up of a plan item's health from its own indicators and its children.

Worst-of by default: an item is as healthy as its weakest part. With weights, the parts' scores
(off track 0 … ahead 3) are averaged; an off-track binding indicator still makes its item off track.
"""

from collections.abc import Hashable
from dataclasses import dataclass

from lantu.core.trajectory import Status, worst

SCORE = {Status.OFF_TRACK: 0.0, Status.LAGGING: 1.0, Status.ON_TRACK: 2.0, Status.AHEAD: 3.0}


@dataclass(frozen=True)
class Part:
    """One indicator's status as it counts towards an item."""

    status: Status
    weight: float = 1.0
    binding: bool = False


def combine(parts: list[Part], *, weighted: bool = False) -> Status:
    """Return the health of a set of parts: worst-of, or the weighted mean score."""
    if not weighted:
        return worst([p.status for p in parts])
    known = [p for p in parts if p.status != Status.NO_DATA and p.weight > 0]
    if not known:
        return Status.NO_DATA
    if any(p.binding and p.status == Status.OFF_TRACK for p in known):
        return Status.OFF_TRACK
    mean = sum(SCORE[p.status] * p.weight for p in known) / sum(p.weight for p in known)
    mean = round(mean, 9)  # a mean exactly between two statuses must not tip either way by float noise
    for status in (Status.AHEAD, Status.ON_TRACK, Status.LAGGING):
        if mean >= SCORE[status] - 0.5:
            return status
    return Status.OFF_TRACK


def roll_up(
    parents: dict[Hashable, Hashable | None],
    own: dict[Hashable, list[Part]],
    *,
    weighted: bool = False,
) -> dict[Hashable, Status]:
    """Return every node's health from its own parts and its children's health, bottom up."""
    children: dict[Hashable, list[Hashable]] = {}
    for node, parent in parents.items():
        if parent is not None:
            children.setdefault(parent, []).append(node)
    result: dict[Hashable, Status] = {}

    def visit(node: Hashable, seen: frozenset) -> Status:
        if node in result:
            return result[node]
        parts = list(own.get(node, []))
        for child in children.get(node, []):
            if child not in seen:  # a broken tree with a cycle must not loop
                parts.append(Part(visit(child, seen | {child})))
        result[node] = combine(parts, weighted=weighted)
        return result[node]

    for node in parents:
        visit(node, frozenset({node}))
    return result
