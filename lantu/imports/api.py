"""API routes of the imports app: read a plan text and return the extraction contract."""

from typing import Annotated

from ninja import Field, Router, Schema
from ninja.errors import HttpError

from lantu.core.extraction import extract, to_contract
from lantu.imports.services import require_importer
from lantu.orgs.access import request_actor

router = Router(tags=["imports"])


class ExtractIn(Schema):
    text: str  # read, never stored: a PDF's form feeds are welcome
    year: Annotated[int, Field(ge=1900, le=2100)] | None = None


@router.post("/imports/extract")
def extract_text(request, payload: ExtractIn) -> dict:
    """Return the quantities, items and projects read from a plan text (the `lantu extract --json` format)."""
    require_importer(request_actor(request))
    if len(payload.text) > 2_000_000:
        raise HttpError(413, "text too long")
    return to_contract(extract(payload.text, doc_year=payload.year))
