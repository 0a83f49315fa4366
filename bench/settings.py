"""Production settings, plus a ceiling page and a comment form that measures work, not refusals.

The benchmark needs the site exactly as production runs it (``DEBUG`` off, the manifest static
storage, the same middleware), with two changes that keep the comment POST benchmark honest:
every request is from 127.0.0.1, so flood control would answer 429 after a handful, and a form
sent within ``COMMENTS_MIN_SECONDS`` of being shown would be filed as spam without a write.
"""

from newsroom.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"

COMMENTS_FLOOD_LIMIT = 1_000_000_000
COMMENTS_MIN_SECONDS = 0
