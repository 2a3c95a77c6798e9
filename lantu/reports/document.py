"""What a report holds, independent of how it is written: blocks of a document and rows of a ledger."""

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

Progress = Callable[[int, str], None]


def no_progress(percent: int, message: str) -> None:
    """Ignore progress."""


@dataclass(frozen=True)
class Title:
    """The document's title, with optional lines under it (scope, date)."""

    text: str
    subtitle: str = ""


@dataclass(frozen=True)
class Heading:
    """A numbered heading; level 1 is 一、, level 2 （一）, level 3 1."""

    text: str
    level: int = 1


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph; a note is set smaller and without indent."""

    text: str
    note: bool = False


@dataclass(frozen=True)
class Table:
    """A table with header rows, body rows and notes; widths in millimetres."""

    columns: Sequence[str]
    rows: Sequence[Sequence[Any]]
    widths: Sequence[float] = ()
    caption: str = ""
    notes: Sequence[str] = ()
    numeric: Sequence[int] = ()  # indexes of right-aligned columns


@dataclass(frozen=True)
class Image:
    """A PNG chart with its caption; width in millimetres."""

    png: bytes
    width: float = 150
    caption: str = ""


@dataclass(frozen=True)
class PageBreak:
    """Start a new page."""


Block = Title | Heading | Paragraph | Table | Image | PageBreak


@dataclass(frozen=True)
class Frame:
    """The 公文 frame around a body (GB/T 9704-2012); an empty field is left out of the document.

    版头: issuer mark (red), number and, for a document to a higher level, the signatory, over a red line.
    主体: the main recipients under the title; signature, date and seal after the body; the annotation.
    版记: copied to, printing office and printing date between its lines.
    """

    issuer_mark: str = ""
    number: str = ""
    signatory: str = ""
    recipients: str = ""
    signature: str = ""
    date_text: str = ""
    seal: bool = False
    annotation: str = ""
    copy_to: str = ""
    printer: str = ""
    printed_on: str = ""
    doc_type: str = ""


@dataclass(frozen=True)
class Column:
    """A ledger column: its header, width in characters and number format ('' for text)."""

    label: str
    width: float = 12
    number_format: str = ""


@dataclass(frozen=True)
class GroupRow:
    """A merged row that heads a group of ledger rows."""

    label: str


@dataclass(frozen=True)
class Row:
    """A ledger row; status (a Status value) colours the row's status cell."""

    values: Sequence[Any]
    status: str = ""


@dataclass
class Ledger:
    """A ledger sheet: title, subtitle, columns and a stream of rows."""

    title: str
    subtitle: str
    columns: Sequence[Column]
    rows: Iterator[Row | GroupRow] = field(default_factory=lambda: iter(()))
    status_column: int | None = None
