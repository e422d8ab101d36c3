"""Log filter that keeps secrets and personal data out of the logs."""
import logging
import re

_PATTERNS = [
    (re.compile(r"(?i)(x-access-secret|access_secret|secret_access_key|secret_key|secret|password|token|authorization"
                r"|x-amz-signature|x-amz-credential)([\"']?\s*[:=]\s*[\"']?)[^\s\"'&,}]+"), r"\1\2[redacted]"),
    (re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+"), "[email]"),
    (re.compile(r"(?<!\d)(0\d{9,10}|\d{12})(?!\d)"), "[number]"),
]


def redact(text: str) -> str:
    """Mask anything that looks like a secret, an e-mail, a phone or an ID number."""
    for pattern, repl in _PATTERNS:
        text = pattern.sub(repl, text)
    return text


class RedactFilter(logging.Filter):
    """Rewrites every record's message through `redact` before it is emitted."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a malformed record is still logged, unredacted args dropped
            message = str(record.msg)
        record.msg = redact(message)
        record.args = ()
        return True
