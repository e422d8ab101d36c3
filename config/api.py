"""The HTTP API: /api/openapi.json, /api/docs, public submissions and staff operations under /api/v1."""
import logging

from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import HttpError

from minhbach.core.api_errors import install_error_handlers

log = logging.getLogger(__name__)

api = NinjaAPI(
    title="Minh Bạch API",
    version="1",
    description="Submit and follow opinions, complaints and denunciations; staff operations with a token.",
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url="/docs",
)
install_error_handlers(api)


@api.exception_handler(HttpError)
def http_error(request, exc: HttpError):
    """django-ninja's own refusals (an unparsable body, a throttle) as our JSON shape with a translated message."""
    if exc.status_code == 400:
        body = {"detail": _("The request body is not valid JSON."), "code": "invalid",
                "errors": {"body": _("Send a JSON object.")}}
    else:
        body = {"detail": _("The request was refused."), "code": "refused"}
    return api.create_response(request, body, status=exc.status_code)


@api.exception_handler(Exception)
def server_error(request, exc: Exception):
    """An unexpected failure still answers in JSON; the traceback goes to the log, not to the client."""
    log.exception("API error on %s %s", request.method, request.path)
    return api.create_response(request, {"detail": _("Something went wrong on our side; please try again later."),
                                         "code": "server_error"}, status=500)


from minhbach.cases.api import router as cases_router  # noqa: E402
from minhbach.cases.api_staff import router as staff_router  # noqa: E402

api.add_router("/v1", cases_router)
api.add_router("/v1/staff", staff_router)
from minhbach.transparency.api import router as transparency_router  # noqa: E402

api.add_router("/v1", transparency_router)
