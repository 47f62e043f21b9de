"""What a request puts in the logs is cut short and escaped.

A client chooses paths and values: "%0A" in a path decodes to a line break
that could forge a line of its own ("[CRITICAL] ..."), and a value can be
megabytes long. Every record becomes one line of at most MAX_MESSAGE
characters with control characters escaped; a traceback keeps its lines, each
indented, cut and escaped, so no client text can start a line.
"""

import logging
import re

MAX_MESSAGE = 2000
MAX_TRACE_LINES = 80
MAX_TRACE_LINE = 500
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def escape(text):
    return CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def cut(text, limit):
    return text if len(text) <= limit else text[:limit] + f"… [{len(text) - limit} more]"


def _trace(text):
    lines = text.splitlines()
    kept = lines[:MAX_TRACE_LINES] + (
        [f"… [{len(lines) - MAX_TRACE_LINES} more lines]"] if len(lines) > MAX_TRACE_LINES else []
    )
    return "\n".join("  | " + cut(escape(line), MAX_TRACE_LINE) for line in kept)


class SafeRecords(logging.Filter):
    """A logging filter for every handler: one escaped line, a bounded traceback."""

    def filter(self, record):
        record.msg = cut(escape(record.getMessage()), MAX_MESSAGE)
        record.args = ()
        if record.exc_info and not record.exc_text:
            record.exc_text = _trace(logging.Formatter().formatException(record.exc_info))
        elif record.exc_text:
            record.exc_text = _trace(record.exc_text)
        return True


def install(logger=None):
    """Put the filter on the handlers of a logger (the root by default): `python app.py`."""
    for handler in (logger or logging.getLogger()).handlers:
        if not any(isinstance(f, SafeRecords) for f in handler.filters):
            handler.addFilter(SafeRecords())


# gunicorn's error and access logs, and every other logger through the root.
GUNICORN_LOGCONFIG = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"safe": {"()": SafeRecords}},
    "formatters": {
        "generic": {
            "format": "%(asctime)s [%(process)d] [%(levelname)s] %(name)s: %(message)s",
            "datefmt": "[%Y-%m-%d %H:%M:%S %z]",
        },
        "access": {"format": "%(message)s"},
    },
    "handlers": {
        "error": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stderr",
            "formatter": "generic",
            "filters": ["safe"],
        },
        "access": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "access",
            "filters": ["safe"],
        },
    },
    "root": {"level": "INFO", "handlers": ["error"]},
    "loggers": {
        "gunicorn.error": {"level": "INFO", "handlers": ["error"], "propagate": False},
        "gunicorn.access": {"level": "INFO", "handlers": ["access"], "propagate": False},
    },
}
