"""The REST API under /api/v1/: one NinjaAPI assembling each app's router."""

from ninja import NinjaAPI

api = NinjaAPI(title="Lantu API", version="1", urls_namespace="api")
