"""API schemas shared by several apps' routers."""

from ninja import Schema


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
