"""API error shapes: every refusal is JSON with a translated message, never a 500 page."""
from django.http import Http404
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, ValidationError

from minhbach.core.errors import DomainError


def install_error_handlers(api) -> None:
    """Map domain errors, validation errors and 404s to JSON bodies with a clear message."""

    @api.exception_handler(DomainError)
    def domain_error(request, exc: DomainError):
        body = {"detail": str(exc.message), "code": exc.code}
        errors = getattr(exc, "errors", None)
        if errors:
            body["errors"] = {k: str(v) for k, v in errors.items()}
        elif exc.field:
            body["errors"] = {exc.field: str(exc.message)}
        return api.create_response(request, body, status=exc.status)

    @api.exception_handler(ValidationError)
    def validation_error(request, exc: ValidationError):
        errors = {}
        for e in exc.errors:
            loc = [str(p) for p in e.get("loc", []) if p not in ("body", "payload", "query", "path", "header")]
            errors[".".join(loc) or "body"] = _("Invalid value.") if e.get("type") != "missing" else _("This field is required.")
        return api.create_response(request, {"detail": _("Please correct the marked fields."), "code": "invalid", "errors": errors}, status=400)

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return api.create_response(request, {"detail": _("Not found."), "code": "not_found"}, status=404)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, exc):
        return api.create_response(request, {"detail": _("Log in or give a valid API token."), "code": "unauthenticated"}, status=401)
