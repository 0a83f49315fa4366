"""Site search: the reader's form (``form``), their words (``words``), the full-text query
(``query``) on SQLite (``sqlite``) or PostgreSQL (``postgresql``), and the excerpts
(``excerpts``).

``search_articles(text)`` returns the published articles matching every word of ``text``, best
match first, as a queryset annotated with ``rank`` (higher is better). A match in the title
counts more than one in the standfirst, which counts more than one in the body; the last word
also matches as a prefix ("glaci" finds "glaciers"); accents and case never matter.

Each database answers from a real full-text index, and ranks, orders and cuts the page of
results in SQL:

SQLite (migration ``0004_search_index``)
    an FTS5 table ``articles_article_fts`` over title, standfirst and body (external content:
    it stores only the index), tokenizer ``unicode61 remove_diacritics 2``, kept in sync by
    triggers on ``articles_article``; ranked with ``bm25()`` weighted by column, in one pass of
    the index joined to the articles (see ``RankedMatches``).
PostgreSQL (migrations ``0004_search_index`` and ``0005_stored_search_document``)
    a stored ``tsvector`` column, ``articles_article.search_document``: the three fields
    weighted A, B and C, unaccented by ``articles_unaccent()`` (an IMMUTABLE wrapper of
    ``unaccent``), in the text search configuration of ``LANGUAGE_CODE`` (kept by
    ``articles_search_config()``); kept by a trigger, indexed with GIN and ranked with
    ``ts_rank()``, body included.

Reader input never reaches the query language: it is cut into words (letters and digits), and
each word is quoted, so ``"``, ``*``, ``NEAR(`` or ``AND`` are plain text or nothing at all.

Excerpts and highlighted titles are built here in Python for both databases, from escaped
pieces and ``<mark>`` tags only.
"""

from .excerpts import BODY_EXCERPT_CHARS, add_highlights, with_body_start
from .form import SearchForm
from .query import search_articles
from .results import Result, ResultPaginator, load_results
from .sqlite import restore_sqlite_triggers
from .words import query_words

__all__ = [
    "BODY_EXCERPT_CHARS",
    "Result",
    "ResultPaginator",
    "SearchForm",
    "add_highlights",
    "load_results",
    "query_words",
    "restore_sqlite_triggers",
    "search_articles",
    "with_body_start",
]
