"""API list pages: limit and offset for the first pages, a keyset cursor for deep ones.

An offset makes the database read and throw away every row before the page; a cursor names the last
row's sort key, and the next page starts right after it through the index that backs the order, so
page 60,000 costs what page 1 costs. Every answer carries `next` (the cursor of the following page,
null on the last); `count` is the number of matching rows up to COUNT_MAX, and null beyond it, on
cursor pages and when not asked for: counting millions of rows would read what the cursor avoids. An
offset beyond COUNT_MAX is refused (400): it would read and drop as many rows on every page.
"""

import base64
import binascii
import json
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from ninja import Field, Schema
from ninja.pagination import PaginationBase

from lantu.lib.schemas import MAX_LIMIT

COUNT_MAX = 10_000  # beyond it a list answers `count: null` and the client follows `next`


def encode_cursor(values: list[Any]) -> str:
    """Return the opaque cursor of a row's sort key."""
    return base64.urlsafe_b64encode(json.dumps(values, separators=(",", ":")).encode()).decode()


def decode_cursor(cursor: str, types: list[type]) -> list[Any]:
    """Return the sort key a cursor names, or raise ValidationError when it is not one of ours."""
    try:
        values = json.loads(base64.urlsafe_b64decode(cursor.encode("ascii")))
    except (ValueError, UnicodeError, binascii.Error):
        values = None
    if (
        not isinstance(values, list)
        or len(values) != len(types)
        or not all(type(value) is kind for value, kind in zip(values, types, strict=True))
    ):
        raise ValidationError({"cursor": _("This cursor is not valid; start again from the first page.")})
    return values


def after(keys: tuple[str, ...], values: list[Any]) -> Q:
    """Return the condition "sorts after this key" for an ordering like ("-period", "project_id").

    Written as a range on the first field and then the tie-breaks, so the database walks the index
    from the cursor on.
    """
    first, *rest = keys
    name = first.lstrip("-")
    beyond = "lt" if first.startswith("-") else "gt"
    if not rest:
        return Q(**{f"{name}__{beyond}": values[0]})
    return Q(**{f"{name}__{beyond}e": values[0]}) & (
        Q(**{f"{name}__{beyond}": values[0]}) | (Q(**{name: values[0]}) & after(tuple(rest), values[1:]))
    )


class Keyset(PaginationBase):
    """Limit and offset, or a cursor, over a queryset in a fixed order with a unique key.

    `keys` is that order (e.g. ("-period", "project_id", "revision")); an index should back it.
    """

    class Input(Schema):
        limit: int = Field(100, ge=1, le=MAX_LIMIT, description="rows per page (at most 1000)")
        offset: int = Field(
            0,
            ge=0,
            le=COUNT_MAX,
            description=f"rows to skip, at most {COUNT_MAX:,} — follow `next` (cursor) for deeper pages",
        )
        cursor: str | None = Field(
            None,
            max_length=200,
            description="the `next` of the previous page: the page after it, whatever its depth "
            "(offset is then ignored)",
        )
        count: bool = Field(
            True,
            description="count the matching rows (offset pages only; false skips the count)",
        )

    class Output(Schema):
        items: list[Any]
        count: int | None = Field(
            None,
            description=f"rows matching the filters, when at most {COUNT_MAX:,}; null beyond that, on cursor "
            "pages and when not asked for",
        )
        next: str | None = Field(None, description="cursor of the next page; null on the last page")

    def __init__(self, *, keys: tuple[str, ...], types: tuple[type, ...], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.keys = keys
        self.types = list(types)

    def paginate_queryset(self, queryset: QuerySet, pagination: Any, request: Any, **params: Any) -> Any:
        ordered = queryset.order_by(*self.keys)
        limit = pagination.limit
        if pagination.cursor:
            values = decode_cursor(pagination.cursor, self.types)
            rows = list(ordered.filter(after(self.keys, values))[: limit + 1])
            count = None
        else:
            offset = pagination.offset
            rows = list(ordered[offset : offset + limit + 1])
            count = None
            if pagination.count:
                # A first page that holds every row needs no count query.
                fits = offset == 0 and len(rows) <= limit
                if fits:
                    count = len(rows)
                else:
                    # Count no further than COUNT_MAX: the count reads the rows it counts.
                    count = queryset.order_by()[: COUNT_MAX + 1].count()
                    count = None if count > COUNT_MAX else count
        items = rows[:limit]
        following = None
        if len(rows) > limit:
            following = encode_cursor([getattr(items[-1], key.lstrip("-")) for key in self.keys])
        return {"items": items, "count": count, "next": following}
