"""API error shapes: every refusal is JSON with a translated message, never a 500 page."""
from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Iterator

from django.http import Http404
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, ValidationError
from pydantic import BaseModel

from minhbach.core.errors import DomainError

# Where ninja's validation errors say a value came from; the client only needs the field's own name.
_LOCATIONS = ("body", "payload", "query", "path", "header")
# View arguments that hold a whole request part (the body, the page) rather than one named field.
_CONTAINERS = ("payload", "ninja_pagination")


class InvalidFields(DomainError):
    """Several field errors at once: `errors` maps a field name to its message."""

    def __init__(self, errors: dict[str, str]):
        super().__init__(_("Please correct the marked fields."), code="invalid")
        self.errors = errors


def _validation_message(error: dict) -> str:
    """The translated message for one pydantic error: specific for numbers, generic otherwise."""
    kind, ctx = error.get("type"), error.get("ctx") or {}
    if kind == "missing":
        return _("This field is required.")
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return _("Enter a whole number.")
    if kind == "less_than_equal" and "le" in ctx:
        return _("Enter a number no greater than %(limit)s.") % {"limit": ctx["le"]}
    if kind == "greater_than_equal" and "ge" in ctx:
        return _("Enter a number no less than %(limit)s.") % {"limit": ctx["ge"]}
    return _("Invalid value.")


def _fields_with_nul(value, path: tuple[str, ...]) -> Iterator[str]:
    """The dotted names of the strings inside `value` that hold a NUL character."""
    if isinstance(value, str):
        if "\x00" in value:
            yield ".".join(path) or "body"
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _fields_with_nul(getattr(value, name), (*path, name))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _fields_with_nul(key, path)
            yield from _fields_with_nul(item, (*path, str(key)))
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from _fields_with_nul(item, (*path, str(i)))


def nul_message() -> str:
    """What a field holding a NUL character is told."""
    return _("Remove the NUL character (code 0) from this text.")


def reject_nul_characters(view: Callable) -> Callable:
    """Refuse, field by field, validated input holding a NUL character (400; the handler does not run).

    Django's forms refuse NUL characters on their own (ProhibitNullCharactersValidator); the API must too: PostgreSQL
    can neither store nor compare text holding one (the query fails, a 500), and SQLite would keep it only for the
    export, the search or a move to PostgreSQL to fail later. (Lone surrogates never get this far: pydantic refuses
    them in a JSON body, and Django decodes the URL and headers without producing any.)
    """
    names = {}  # argument → the name the client used (a header's or query parameter's alias)
    for name, param in inspect.signature(view).parameters.items():
        alias = getattr(param.default, "alias", None)
        names[name] = alias if isinstance(alias, str) and alias else name

    @functools.wraps(view)
    def checked(request, *args, **kwargs):
        errors = {}
        for name, value in kwargs.items():
            prefix = () if name in _CONTAINERS else (names.get(name, name),)
            for field in _fields_with_nul(value, prefix):
                errors[field] = nul_message()
        if errors:
            raise InvalidFields(errors)
        return view(request, *args, **kwargs)

    return checked


def install_error_handlers(api) -> None:
    """Map domain errors, validation errors and 404s to JSON bodies with a clear message; refuse NUL characters."""
    api.add_decorator(reject_nul_characters)

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
            loc = [str(p) for p in e.get("loc", []) if p not in _LOCATIONS]
            errors[".".join(loc) or "body"] = _validation_message(e)
        return api.create_response(request, {"detail": _("Please correct the marked fields."), "code": "invalid", "errors": errors}, status=400)

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return api.create_response(request, {"detail": _("Not found."), "code": "not_found"}, status=404)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, exc):
        return api.create_response(request, {"detail": _("Log in or give a valid API token."), "code": "unauthenticated"}, status=401)
