"""The search itself: published articles matching every word, ranked by the database."""

from django.db import connections
from django.db.models import Count, Window

from ..models import Article
from .postgresql import postgresql_matching
from .sqlite import SEARCH_ORDER, sqlite_match_count, sqlite_matching, sqlite_page_rows
from .words import query_words


def search_articles(text, queryset=None):
    """Published articles matching every word of ``text``, best first (``rank``, then newest).

    An empty result, without a query, when ``text`` has no words.
    """
    queryset = Article.objects.published() if queryset is None else queryset
    words = query_words(text)
    if not words:
        return queryset.none()
    vendor = connections[queryset.db].vendor
    if vendor == "sqlite":
        matching = sqlite_matching(queryset, words)
    elif vendor == "postgresql":
        matching = postgresql_matching(queryset, words)
    else:
        raise NotImplementedError(f"Site search supports SQLite and PostgreSQL, not {vendor}.")
    return matching.order_by(*SEARCH_ORDER)


def with_match_count(page):
    """``page``, a slice of ``search_articles()``, with ``match_count``: how many articles the
    search matches in all, counted by the page's own query rather than by a query of its own."""
    if connections[page.db].vendor == "sqlite":
        return page.annotate(match_count=sqlite_match_count(page))
    return page.annotate(match_count=Window(Count("*")))


def page_rows(page, body_chars):
    """The rows ``load_results()`` reads of ``page`` (a slice of ``search_articles()`` as it
    returned it), the body's first ``body_chars`` characters and ``match_count`` included,
    read without the ORM where the database allows (SQLite); None where it does not."""
    if connections[page.db].vendor == "sqlite":
        return sqlite_page_rows(page, body_chars)
    return None
