"""Domain errors with a message for the user (Vietnamese first, via gettext)."""
from __future__ import annotations


class DomainError(Exception):
    """A refused action; `message` is already translated, `field` names the offending input if any."""

    status = 400

    def __init__(self, message, *, field: str | None = None, code: str = "invalid"):
        super().__init__(str(message))
        self.message = message
        self.field = field
        self.code = code


class NotFound(DomainError):
    """Missing and forbidden objects look the same."""

    status = 404

    def __init__(self, message, *, field: str | None = None, code: str = "not_found"):
        super().__init__(message, field=field, code=code)


class PermissionDenied(DomainError):
    """The actor may see the object but may not do this to it."""

    status = 403

    def __init__(self, message, *, field: str | None = None, code: str = "forbidden"):
        super().__init__(message, field=field, code=code)
