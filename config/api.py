"""The HTTP API: /api/openapi.json, /api/docs, public submissions and staff operations under /api/v1."""
from ninja import NinjaAPI

from minhbach.core.api_errors import install_error_handlers

api = NinjaAPI(
    title="Minh Bạch API",
    version="1",
    description="Submit and follow opinions, complaints and denunciations; staff operations with a token.",
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url="/docs",
)
install_error_handlers(api)

from minhbach.cases.api import router as cases_router  # noqa: E402

api.add_router("/v1", cases_router)
