"""Sorting of a list by one column: the whitelist, the toggle and the order of missing values (pure)."""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Sort:
    """A list's order: the key of a whitelisted column and its direction."""

    key: str
    descending: bool = False

    @property
    def param(self) -> str:
        """Return the value of the address's `sort` parameter: "name" or "-name"."""
        return f"-{self.key}" if self.descending else self.key

    @property
    def aria(self) -> str:
        """Return the aria-sort value of the sorted column."""
        return "descending" if self.descending else "ascending"

    def toggled(self, key: str) -> "Sort":
        """Return the order a click on a column's header asks for: its other direction, or ascending."""
        if key == self.key:
            return Sort(key, not self.descending)
        return Sort(key)


def parse_sort(raw: str, allowed: Iterable[str], default: str) -> Sort:
    """Return the order a `sort` parameter asks for; a key not in the whitelist gives the default."""
    text = (raw or "").strip()
    descending = text.startswith("-")
    key = text.lstrip("-")
    if key in set(allowed):
        return Sort(key, descending)
    return Sort(default.lstrip("-"), default.startswith("-"))


def sort_rows(rows: Sequence[Any], key: Callable[[Any], Any], descending: bool) -> list[Any]:
    """Return rows ordered by a key, stable, with rows whose key is None last in either direction."""
    present = [row for row in rows if key(row) is not None]
    missing = [row for row in rows if key(row) is None]
    return sorted(present, key=key, reverse=descending) + missing


def clean_query(raw: str | None, limit: int = 100) -> str:
    """Return a search text trimmed, its inner spaces folded, at most `limit` characters."""
    return " ".join((raw or "").split())[:limit]
