"""The comments' admin: the moderation queue (``queue``), its privacy actions (``privacy``),
moderation terms and trusted commenters (``rules``), and the pending comments of each article
in the article admin (``article_column``)."""

from . import article_column, queue, rules  # noqa: F401  (they register their admins)
from .queue import comment_queue_url  # noqa: F401
