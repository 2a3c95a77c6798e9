"""The REST API under /api/v1/: one NinjaAPI assembling each app's router."""

from ninja import NinjaAPI

from lantu.api.auth import AUTH
from lantu.api.dispatch_figures import router as dispatch_figures_router
from lantu.api.docs import OfflineSwagger
from lantu.api.errors import add_handlers, document_errors
from lantu.dispatch.api import router as dispatch_router
from lantu.factors.api import router as factors_router
from lantu.imports.api import router as imports_router
from lantu.indicators.api import router as indicators_router
from lantu.indicators.split_api import router as splits_router
from lantu.indicators.version_api import router as versions_router
from lantu.plans.api import router as plans_router
from lantu.problems.api import router as problems_router
from lantu.projects.api import router as projects_router


class LantuAPI(NinjaAPI):
    """The API whose OpenAPI document lists every operation's error statuses too."""

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        return document_errors(super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params))


api = LantuAPI(
    title="Lantu API",
    version="1",
    description="Plans, plan items, indicators and projects. Authenticate with the session or "
    "`Authorization: Bearer TOKEN` (`lantu api-token USERNAME` prints a token).",
    urls_namespace="api",
    auth=AUTH,
    docs=OfflineSwagger(),
)
add_handlers(api)
api.add_router("", plans_router)
api.add_router("", indicators_router)
api.add_router("", splits_router)
api.add_router("", versions_router)
api.add_router("", projects_router)
api.add_router("", dispatch_router)
api.add_router("", dispatch_figures_router)
api.add_router("", problems_router)
api.add_router("", factors_router)
api.add_router("", imports_router)
api.add_router("", "lantu.supervision.api.router")
