"""An article's approved threads as readers see them, kept until they change, and made again as
soon as a moderator's decision commits: the first reader after an approval finds them made.

Making them again after an approval reuses each comment's kept HTML (``threads.py``); doing it
in the moderator's request, once it commits, takes that work off the page's first reader, who
would otherwise wait for it while other readers queue behind.
"""

import threading

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import get_language

from articles.models import Article
from pagecache import KeptBytes, fragment

from .dependencies import comments_of
from .services import article_takes_comments
from .threads import approved_threads


def kept_comments(article, is_open):
    """``(count, threads' HTML)`` of the approved comments, kept until they change; the HTML
    as the bytes that go into the page (``KeptBytes``), hundreds of kilobytes for a long
    thread."""

    def make():
        count, html = approved_threads(article, is_open=is_open)
        return count, KeptBytes.of(html)

    key = f"comments-bytes:{article.pk}:{article.slug}:{is_open}:{get_language()}"
    return fragment(key, make, depends_on=[comments_of(article.pk)])


# Per thread (a transaction is a thread's): the latest decision on each article waiting for its
# transaction to commit. Only its callback makes the threads, after every renewal the earlier
# decisions brought (callbacks run in the order they were given).
_latest = threading.local()


def make_again_when_moderated(sender, comment, **kwargs):
    """Connected to ``comment_moderated``: once the decision commits (after the renewal it
    brings), the threads of its article are made again, in the site's language; once for
    several decisions on one article in one transaction."""
    waiting = _latest.__dict__.setdefault("articles", {})
    article_id, token = comment.article_id, object()
    waiting[article_id] = token

    def committed():
        if waiting.get(article_id) is token:
            del waiting[article_id]
            make_again(article_id)

    transaction.on_commit(committed)


def make_again(article_id):
    """Make the threads of a published article again, unless they are kept and current (a
    moderator who approved several comments of one article makes them once)."""
    article = Article.objects.published().filter(pk=article_id).first()
    if article is None:
        return
    with translation.override(settings.LANGUAGE_CODE):
        kept_comments(article, article_takes_comments(article))
