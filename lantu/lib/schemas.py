"""API schemas shared by several apps' routers, and the input types that keep the forms' limits."""

from typing import Annotated, Any

from django.db import models
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination
from pydantic import AfterValidator

from lantu.lib.text import control_character_message

# The largest primary key a database stores (a signed 64-bit integer); larger ids are refused with 400.
MAX_ID = 2**63 - 1
# Pages of a list: at most this many rows at once, and an offset a database takes.
MAX_LIMIT = 1000
MAX_OFFSET = 2**31 - 1


def _clean_text(value: str) -> str:
    message = control_character_message(value)
    if message is not None:
        raise ValueError(message)
    return value


# Every text an API client sends: no control characters (tab and line breaks are allowed).
Text = Annotated[str, AfterValidator(_clean_text)]
# An object id the database can hold.
Id = Annotated[int, Field(ge=1, le=MAX_ID)]


def limits_of(model: type[models.Model], name: str, **extra: Any) -> Any:
    """Return the limits of a model field for an input type: `Annotated[Decimal, limits_of(M, "f")]`.

    A DecimalField gives its max_digits and decimal_places (a number with more digits is refused with
    400 instead of failing in the database or being rounded), a CharField its max_length; `extra` adds
    ranges or a description.
    """
    field = model._meta.get_field(name)
    if isinstance(field, models.DecimalField):
        extra |= {"max_digits": field.max_digits, "decimal_places": field.decimal_places}
    elif isinstance(field, models.CharField) and field.max_length:
        extra |= {"max_length": field.max_length}
    return Field(**extra)


class Pages(LimitOffsetPagination):
    """Limit and offset pagination that refuses a limit or offset beyond what a database takes (400)."""

    class Input(Schema):
        limit: int = Field(100, ge=1, le=MAX_LIMIT)
        offset: int = Field(0, ge=0, le=MAX_OFFSET)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_limit=MAX_LIMIT, **kwargs)


class UnitRef(Schema):
    """A reference to an org unit."""

    code: str
    name: str


class Citation(Schema):
    """Where a fact comes from: the source document and the quoted sentence."""

    document: str
    title: str
    quote: str


def unit_ref(unit) -> UnitRef | None:
    """Return a unit reference, or None."""
    return UnitRef(code=unit.code, name=unit.name) if unit is not None else None


def citation(obj) -> Citation | None:
    """Return the citation of a cited object, or None when it has none."""
    if obj.source_id is None:
        return None
    return Citation(document=obj.source.code, title=obj.source.title, quote=obj.source_quote)
