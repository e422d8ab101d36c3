"""Log filters: secrets and personal data kept out of the logs, and repeated warnings throttled."""
import logging
import re
import threading
import time

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


class Throttle(logging.Filter):
    """Lets one record through per `seconds`; the next one says how many were held back meanwhile.

    For loggers that repeat themselves under load: waitress warns "Task queue depth is N" on nearly every request of a
    burst, which at a thousand submissions a second would be a thousand log lines a second saying one thing.
    """

    def __init__(self, seconds: float = 60, now=None):
        super().__init__()
        self.seconds = float(seconds)
        self.now = now or time.monotonic
        self._lock = threading.Lock()
        self._open_at = float("-inf")
        self._held = 0

    def filter(self, record: logging.LogRecord) -> bool:
        with self._lock:
            t = self.now()
            if t < self._open_at:
                self._held += 1
                return False
            held, self._held, self._open_at = self._held, 0, t + self.seconds
        if held:
            record.msg = f"{record.getMessage()} ({held} more like this in the last {self.seconds:g} s)"
            record.args = ()
        return True
