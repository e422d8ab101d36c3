"""Attachment checks: size and type by content (magic bytes), never by file name."""
from __future__ import annotations

from dataclasses import dataclass

import filetype
from django.conf import settings
from django.utils.translation import gettext as _

from minhbach.core.errors import DomainError

ALLOWED = {
    "application/pdf": "pdf",
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/webp": "webp",
    "image/heic": "heic",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/msword": "doc",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "audio/mpeg": "mp3",
    "audio/x-wav": "wav",
    "video/mp4": "mp4",
}


@dataclass(frozen=True)
class CheckedUpload:
    name: str
    content: bytes
    content_type: str
    extension: str
    identifying: bool = False  # the sender marked it as revealing who they are: sealed by the vault when stored


def sniff(content: bytes) -> str | None:
    """Return the MIME type recognised from the content, or None."""
    kind = filetype.guess(content[:8192])
    if kind is None:
        return None
    mime = kind.mime
    if mime == "application/zip" and b"word/" in content[:65536]:
        return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    if mime == "application/zip" and b"xl/" in content[:65536]:
        return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return mime


def check_upload(*, name: str, content: bytes) -> CheckedUpload:
    """Accept a file only if its size is within the limit and its content is an allowed type."""
    if not content:
        raise DomainError(_("The file “%(name)s” is empty.") % {"name": name[:80]}, field="attachments")
    if len(content) > settings.UPLOAD_MAX_BYTES:
        raise DomainError(
            _("The file “%(name)s” is larger than %(mb)d MB.") % {"name": name[:80], "mb": settings.UPLOAD_MAX_BYTES // 2**20},
            field="attachments",
        )
    mime = sniff(content)
    if mime not in ALLOWED:
        raise DomainError(
            _("The file “%(name)s” is not an accepted type (PDF, image, Word, Excel, audio or video).") % {"name": name[:80]},
            field="attachments",
        )
    safe_name = "".join(ch for ch in name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1] if ch.isalnum() or ch in " ._-()")[:120]
    stem = safe_name.rsplit(".", 1)[0] or "tep"
    return CheckedUpload(name=f"{stem}.{ALLOWED[mime]}", content=content, content_type=mime, extension=ALLOWED[mime])
