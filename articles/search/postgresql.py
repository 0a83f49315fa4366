"""PostgreSQL: a stored, weighted and unaccented tsvector kept by a trigger (migrations
``0004_search_index`` and ``0006_stored_search_document``), indexed with GIN, ranked with
``ts_rank()``."""

import functools
import operator

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db.models import Func, TextField, Value

from .columns import UndeclaredColumn

# Created by migration 0005_stored_search_document: the weighted, unaccented tsvector of each
# article, kept by a trigger in a column that no model field declares, and the text search
# configuration it was built with.
SEARCH_DOCUMENT_COLUMN = "search_document"
_CONFIG = Func(function="articles_search_config", output_field=TextField())


def _unaccent(expression):
    return Func(expression, function="articles_unaccent", output_field=TextField())


def search_query(words):
    """A tsquery requiring every word, the last one as a prefix, accents removed, in the
    configuration of the stored documents."""
    operands = [_quoted_operand(word) for word in words]
    operands[-1] = Func(operands[-1], Value(":*"), **_CONCAT)
    queries = [SearchQuery(operand, search_type="raw", config=_CONFIG) for operand in operands]
    return functools.reduce(operator.and_, queries)


# text || text: unlike concat(), immutable, so PostgreSQL computes the tsquery once, at planning.
_CONCAT = {"template": "(%(expressions)s)", "arg_joiner": " || ", "output_field": TextField()}


def _quoted_operand(word):
    """``'word'`` for to_tsquery(), unaccented by PostgreSQL. Words hold only letters and
    digits, but unaccent() turns a few letters into quotes or backslashes (ʼ -> '): those
    become spaces, so the word stays one quoted operand."""
    unaccented = Func(
        _unaccent(Value(word)),
        Value("'\\"),
        Value("  "),
        function="translate",
        output_field=TextField(),
    )
    return Func(Value("'"), unaccented, Value("'"), **_CONCAT)


def postgresql_matching(queryset, words):
    document = UndeclaredColumn(SEARCH_DOCUMENT_COLUMN, SearchVectorField())
    query = search_query(words)
    return (
        queryset.alias(document=document)
        .filter(document=query)
        .annotate(rank=SearchRank(document, query))
    )
