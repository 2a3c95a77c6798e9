"""Build a forest from flat (id, parent_id) rows, so a whole tree is read in one query."""

from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)


@dataclass
class Node(Generic[K]):
    """One node of a forest: its id, its depth (roots are 0) and its children in input order."""

    id: K
    depth: int = 0
    children: list["Node[K]"] = field(default_factory=list)

    def walk(self) -> Iterator["Node[K]"]:
        """Yield this node and every node below it, depth first, in order."""
        stack = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))


def build_forest(rows: Iterable[tuple[K, K | None]]) -> list[Node[K]]:
    """Return the roots of the forest the rows describe, keeping the rows' order among siblings.

    A row whose parent is missing from the rows becomes a root, so a partial set of rows still
    gives a forest; a row on a cycle is dropped rather than looping forever.
    """
    rows = list(rows)
    nodes: dict[K, Node[K]] = {}
    for node_id, _parent in rows:
        nodes.setdefault(node_id, Node(node_id))
    roots: list[Node[K]] = []
    for node_id, parent_id in rows:
        node = nodes[node_id]
        if parent_id is not None and parent_id in nodes and parent_id != node_id:
            nodes[parent_id].children.append(node)
        else:
            roots.append(node)
    # Set depths from the roots; a node never reached sits on a cycle and is left out.
    for root in roots:
        stack = [(root, 0)]
        while stack:
            node, depth = stack.pop()
            node.depth = depth
            stack.extend((child, depth + 1) for child in node.children)
    return roots


def walk(roots: Iterable[Node[K]]) -> Iterator[Node[K]]:
    """Yield every node of a forest depth first, in order."""
    for root in roots:
        yield from root.walk()


def prune(roots: list[Node[K]], keep: Callable[[K], bool]) -> list[Node[K]]:
    """Return a copy of the forest with the kept nodes and their ancestors only."""
    kept: list[Node[K]] = []
    for root in roots:
        children = prune(root.children, keep)
        if children or keep(root.id):
            kept.append(Node(root.id, root.depth, children))
    return kept
