"""Every list page: sort by a whitelisted column, search, page, and export what is filtered to xlsx.

    columns = (
        ListColumn("code", _("Code"), order=("code",)),
        ListColumn("name", _("Project"), order=("name",), value=lambda p: p.name),
    )
    listing = build_listing(request, projects, columns, default_sort="code", search=search_projects)
    if listing.exporting:
        return export_listing(request, listing, title=_("Major projects"), filename="重大项目.xlsx")

A queryset is ordered and counted in the database (Paginator's one COUNT, no row is read beyond the
page); a list (rows whose figures are computed, such as indicator statuses) is ordered in Python by
each column's `sort_key`. Templates render the headers with `{% include "includes/list_head.html" %}`
(links with arrows and aria-sort), the pager with `includes/pager.html`, the count and the export
link with `includes/list_tools.html`. Every export is announced on `exported` (the audit trail records it).
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import F, QuerySet
from django.dispatch import Signal
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from lantu.core.listing import Sort, clean_query, parse_sort, sort_rows
from lantu.lib.spreadsheets import Column, write_sheet, xlsx_response

EXPORT_LIMIT = 20000  # rows in one export; a bigger ledger is narrowed by its filters first
RESERVED = ("sort", "page", "export")

# Sent with request, title and rows (the number exported), after an export is written.
exported = Signal()


@dataclass(frozen=True)
class ListColumn:
    """A column of a list: its key, header, how it sorts (database fields or a key) and its exported value."""

    key: str
    label: Any
    order: tuple[str, ...] = ()  # fields of a queryset, in order; empty and no sort_key: not sortable
    sort_key: Callable[[Any], Any] | None = None  # for a list computed in Python
    value: Callable[[Any], Any] | None = None  # the exported value; None: not exported
    kind: str = "text"  # text | decimal | integer (the spreadsheet column's kind)
    css: str = ""
    unit: Any = ""  # shown under the header, e.g. 万元
    width: int = 16

    @property
    def sortable(self) -> bool:
        """Return whether the list can be ordered by this column."""
        return bool(self.order) or self.sort_key is not None


@dataclass(frozen=True)
class Header:
    """A column header as a template shows it: the link that sorts, its arrow and aria-sort."""

    column: ListColumn
    url: str = ""
    aria_sort: str = ""
    arrow: str = ""


@dataclass
class Listing:
    """A list as requested: its sorted and searched rows, the page shown and the links of the page."""

    columns: Sequence[ListColumn]
    rows: Any  # the whole filtered, searched and sorted list (a queryset or a list)
    page: Page
    sort: Sort
    q: str
    base: str  # the filters in the address, without sort, page and export
    default: Sort = Sort("")
    exporting: bool = False
    headers: list[Header] = field(default_factory=list)

    @property
    def query(self) -> str:
        """Return the address's query without the page: filters, search and order."""
        return self.address(self.sort)

    def address(self, sort: Sort) -> str:
        """Return the query of the filters and an order (left out when it is the default)."""
        order = "" if sort == self.default else f"sort={sort.param}"
        return "&".join(part for part in (self.base, order) if part)

    @property
    def count(self) -> int:
        """Return how many rows the filters and the search leave (one COUNT for a queryset)."""
        return self.page.paginator.count


def _ordered(rows: Any, columns: dict[str, ListColumn], sort: Sort) -> Any:
    column = columns.get(sort.key)
    if column is None:  # no default column: the order the rows came in
        return rows
    if isinstance(rows, QuerySet):
        fields = [
            F(name).desc(nulls_last=True) if sort.descending else F(name).asc(nulls_last=True)
            for name in column.order
        ]
        return rows.order_by(*fields, "-pk" if sort.descending else "pk")
    assert column.sort_key is not None
    return sort_rows(list(rows), column.sort_key, sort.descending)


def build_listing(
    request: HttpRequest,
    rows: Any,
    columns: Sequence[ListColumn],
    *,
    default_sort: str,  # a column key, "-key" for descending, "" for the order the rows come in
    search: Callable[[Any, str], Any] | None = None,
    page_size: int = 50,
    count: int | None = None,
) -> Listing:
    """Return the list a request asks for: searched (`q`), sorted (`sort`), paged (`page`).

    `count` is how many rows there are when the caller knows it already (from kept counts, with no
    search): the pager then runs no COUNT over the rows."""
    by_key = {column.key: column for column in columns if column.sortable}
    sort = parse_sort(request.GET.get("sort", ""), by_key, default_sort)
    q = clean_query(request.GET.get("q"))
    if search is not None and q:
        rows = search(rows, q)
    rows = _ordered(rows, by_key, sort)
    params = request.GET.copy()
    for name in RESERVED:
        params.pop(name, None)
    for name in [name for name, values in params.lists() if not any(values)]:
        params.pop(name)  # empty filters stay out of the address
    paginator = Paginator(rows, page_size)
    if count is not None and not (search is not None and q):
        paginator.__dict__["count"] = count  # Paginator.count is a cached_property
    listing = Listing(
        columns=columns,
        rows=rows,
        page=paginator.get_page(request.GET.get("page")),
        sort=sort,
        q=q,
        base=params.urlencode(),
        default=parse_sort(default_sort, by_key, default_sort),
        exporting=request.GET.get("export") == "xlsx",
    )
    for column in columns:
        if not column.sortable:
            listing.headers.append(Header(column))
            continue
        toggled = sort.toggled(column.key)
        url = "?" + listing.address(toggled)
        if column.key == sort.key:
            listing.headers.append(Header(column, url, sort.aria, "▼" if sort.descending else "▲"))
        else:
            listing.headers.append(Header(column, url, "", "↕"))
    return listing


def export_listing(request: HttpRequest, listing: Listing, *, title: str, filename: str) -> HttpResponse:
    """Return the filtered, searched and sorted rows as an xlsx download (at most EXPORT_LIMIT rows)."""
    columns = [column for column in listing.columns if column.value is not None]
    sheet_columns = [
        Column(
            column.key,
            f"{column.label}（{column.unit}）" if column.unit else str(column.label),
            kind=column.kind,
            width=column.width,
        )
        for column in columns
    ]
    rows = listing.rows[:EXPORT_LIMIT]
    if isinstance(rows, QuerySet):
        rows = rows.iterator(chunk_size=2000)
    data = [{column.key: column.value(row) for column in columns} for row in rows]  # type: ignore[misc]
    content = write_sheet(sheet_columns, data, title=str(title))
    exported.send(sender=Listing, request=request, title=str(title), rows=len(data))
    stamp = timezone.localdate().isoformat()
    return xlsx_response(content, f"{filename}-{stamp}.xlsx")
