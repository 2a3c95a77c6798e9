"""API routes of the factors app."""

from ninja import Router

router = Router(tags=["factors"])
