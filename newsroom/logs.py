"""Log records as JSON lines: one object per line, easy to grep, ship and parse.

A record's structured fields come in ``extra={"fields": {...}}``; they sit beside the time,
level, logger and message. Callers choose those fields, so what reaches the logs is decided
where the record is made: request lines never carry the query string (search terms), and no
line carries a commenter's email address or comment text.
"""

import json
import logging
from datetime import UTC, datetime


class JsonFormatter(logging.Formatter):
    def format(self, record):
        line = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            **getattr(record, "fields", {}),
        }
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)


class ClientErrorFilter(logging.Filter):
    """Keeps a record of a client's mistake (a Host the site does not serve) as one warning
    line: its traceback says nothing about the site, and one per scanner request would drown
    the real errors."""

    def filter(self, record):
        record.exc_info = record.exc_text = None
        record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True
