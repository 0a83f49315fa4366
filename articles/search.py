"""Site search: the reader's form, the full-text query on each database, and the excerpts.

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

import functools
import itertools
import operator
import re
import unicodedata

from django import forms
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connections
from django.db.models import FloatField, Func, OuterRef, Subquery, TextField, Value
from django.db.models.expressions import Expression
from django.db.models.functions import Left
from django.db.models.sql.constants import INNER
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from .models import Article

MAX_QUERY_LENGTH = 200
MAX_WORDS = 20
EXCERPT_WORDS = 40
WORDS_BEFORE_MATCH = 12
# Excerpts come from the standfirst, else from this much of the start of the body (in
# characters of Markdown, about 1,500 words): a match further on gives no excerpt.
BODY_EXCERPT_CHARS = 10_000
# Highlight words that start with a query word of at least this length: plurals, stems.
HIGHLIGHT_PREFIX_MIN = 3

# Letters and digits, the way FTS5's unicode61 and PostgreSQL's parser cut words.
_WORD = re.compile(r"[^\W_]+")


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search articles"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        widget=forms.SearchInput(attrs={"class": "form-control"}),
        error_messages={
            "max_length": _(
                "That search is too long: use at most %(limit_value)d characters, "
                "a few words are enough."
            )
        },
    )


# Reader input ---------------------------------------------------------------------------------


def query_words(text):
    """The words of a reader's query, in order, once each; punctuation and syntax dropped."""
    words = {}
    for word in _WORD.findall(unicodedata.normalize("NFKC", text or "")):
        words.setdefault(_fold(word), word)
    return list(words.values())[:MAX_WORDS]


def _fold(word):
    """``word`` without accents or case: "Étude" -> "etude"."""
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


# The query ------------------------------------------------------------------------------------


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
        matching = _sqlite_matching(queryset, words)
    elif vendor == "postgresql":
        matching = _postgresql_matching(queryset, words)
    else:
        raise NotImplementedError(f"Site search supports SQLite and PostgreSQL, not {vendor}.")
    return matching.order_by("-rank", "-published_at", "-id")


# SQLite: FTS5 ---------------------------------------------------------------------------------

FTS_TABLE = "articles_article_fts"
# bm25() weights of title, standfirst and body, in the table's column order.
FTS_WEIGHTS = (10.0, 4.0, 1.0)


def fts5_query(words):
    """An FTS5 query requiring every word, the last one as a prefix: ``"a" "b" "c"*``."""
    quoted = ['"{}"'.format(word.replace('"', '""')) for word in words]
    return " ".join(quoted) + "*"


# Where a search's SQL names its ranked matches.
RANKED_ALIAS = "articles_search_ranked"


def _sqlite_matching(queryset, words):
    queryset = queryset.all()  # a copy, whose query gets the join below
    query = queryset.query
    ranked = RankedMatches(
        fts5_query(words),
        visible=queryset.values("pk").order_by().query,
        where=query.where.clone(),
        parent_alias=query.get_initial_alias(),
    )
    alias = query.join(ranked)
    return queryset.annotate(rank=UndeclaredColumn("rank", FloatField(), alias))


class RankedMatches:
    """The join of a search to its matches and their ranks:
    ``… JOIN (…) articles_search_ranked ON articles_search_ranked.id = articles_article.id``.

    Django's ORM joins only the tables of models; this is an entry of ``Query.alias_map`` like
    its own joins (the protocol is documented on ``django.db.models.sql.datastructures.Join``).
    Its SQL depends on what the query being compiled asks for:

    - a page of results (a slice, ordered by rank): only the matches that can be on it are
      joined. SQLite cannot stop a sort early, and sorting the matches joined to their
      articles reads every matching article's row, body included (15 ms for 1,000 matches of
      1,500 words, most of the page's time). So the ranks are computed in one pass of the
      index; the matches visible in the queryset given to search_articles() are kept (their
      ids come from an index, not from the rows); the best of them down to the rank of the
      slice's last one are joined (ties with it included: the outer ORDER BY places them), a
      few rows for a first page. 3 ms.
    - no rank wanted (count(), exists()): the matches' ids, without ranking them.
    - anything else (every result at once, or a queryset filtered after search_articles(),
      whose visible matches are not those known here): every match, ranked.

    Only the matches, never the articles' rows, are read before the join. For a page, its few
    rows drive the join; otherwise the articles' index does, the matches looked up by an
    automatic index (CROSS JOIN keeps SQLite from looking each match up the other way round,
    which reads each article's row).
    """

    join_type = INNER  # every result is a match: never promoted to an outer join
    nullable = False
    filtered_relation = None
    table_name = RANKED_ALIAS

    def __init__(self, match, *, visible, where, parent_alias, table_alias=None):
        self.match = match
        self.visible = visible  # the query of the visible articles' ids
        self.where = where  # its filters, to tell whether more were added since
        self.parent_alias = parent_alias
        self.table_alias = table_alias

    def as_sql(self, compiler, connection):
        query = compiler.query
        ranks = _MATCH_RANKS.format(weights=", ".join(str(w) for w in FTS_WEIGHTS))
        if not self._ranks_wanted(query):
            join, params = "CROSS JOIN", [self.match]
            sql = f"WITH matches AS MATERIALIZED ({_MATCH_IDS}) SELECT id FROM matches"
        elif query.high_mark is None or query.where != self.where:
            join, params = "CROSS JOIN", [self.match]
            sql = f"WITH matches AS MATERIALIZED ({ranks}) SELECT id, rank FROM matches"
        else:
            visible, visible_params = self.visible.get_compiler(connection=connection).as_sql()
            join, params = "INNER JOIN", [self.match, *visible_params, query.high_mark]
            sql = (
                f"WITH matches AS MATERIALIZED ({ranks}), "
                f"visible AS MATERIALIZED (SELECT id, rank FROM matches WHERE id IN ({visible})) "
                f"SELECT id, rank FROM visible WHERE rank >= "
                f"(SELECT min(rank) FROM (SELECT rank FROM visible ORDER BY rank DESC LIMIT %s))"
            )
        alias = compiler.quote_name(self.table_alias)
        parent = compiler.quote_name(self.parent_alias)
        return f'{join} ({sql}) {alias} ON ({alias}."id" = {parent}."id")', params

    def _ranks_wanted(self, query):
        """Whether ``query`` orders, selects or filters by the ranks (count() does not)."""
        if query.order_by or query.extra_order_by:
            return True
        pending = [query.where, *query.annotation_select.values()]
        while pending:
            node = pending.pop()
            if isinstance(node, UndeclaredColumn) and node.alias == self.table_alias:
                return True
            pending += (
                getattr(node, "children", None) or getattr(node, "get_source_expressions", list)()
            )
        return False

    def relabeled_clone(self, change_map):
        return type(self)(
            self.match,
            visible=self.visible,
            where=self.where,
            parent_alias=change_map.get(self.parent_alias, self.parent_alias),
            table_alias=change_map.get(self.table_alias, self.table_alias),
        )

    def demote(self):
        return self

    def promote(self):
        return self

    @property
    def identity(self):
        return type(self), self.match, self.parent_alias, self.table_alias

    def __eq__(self, other):
        return isinstance(other, RankedMatches) and self.identity == other.identity

    def __hash__(self):
        return hash(self.identity)


_MATCH_IDS = f"SELECT rowid AS id FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"
_MATCH_RANKS = (
    f"SELECT rowid AS id, -bm25({FTS_TABLE}, {{weights}}) AS rank "
    f"FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"
)


# PostgreSQL: a stored tsvector and GIN -------------------------------------------------------

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


def _postgresql_matching(queryset, words):
    document = UndeclaredColumn(SEARCH_DOCUMENT_COLUMN, SearchVectorField())
    query = search_query(words)
    return (
        queryset.alias(document=document)
        .filter(document=query)
        .annotate(rank=SearchRank(document, query))
    )


class UndeclaredColumn(Expression):
    """A column that no model field declares: of the query's own table, or of ``alias``."""

    def __init__(self, column, output_field, alias=None):
        super().__init__(output_field=output_field)
        self.column, self.alias = column, alias

    def resolve_expression(self, query=None, *args, **kwargs):
        resolved = self.copy()
        resolved.alias = self.alias or query.get_initial_alias()
        return resolved

    def as_sql(self, compiler, connection):
        return f"{compiler.quote_name(self.alias)}.{compiler.quote_name(self.column)}", ()

    def relabeled_clone(self, change_map):
        return type(self)(self.column, self.output_field, change_map.get(self.alias, self.alias))

    def get_group_by_cols(self):
        return [self]


# Excerpts -------------------------------------------------------------------------------------

_MARKDOWN = [
    (re.compile(r"^\s*\[figure\s+\d+\s*\]\s*$", re.MULTILINE | re.IGNORECASE), " "),
    (re.compile(r"!?\[([^\]]*)\]\([^)]*\)"), r"\1"),  # links and images: their text
    (re.compile(r"^\s{0,3}(?:#{1,6}|>|[-*+]|\d+[.)])\s+", re.MULTILINE), ""),
]


def one_line(text):
    return " ".join(unicodedata.normalize("NFC", text or "").split())


def plain_text(markdown_text):
    """Editor Markdown as the words a reader sees, on one line (not HTML: escape it)."""
    text = markdown_text or ""
    for pattern, replacement in _MARKDOWN:
        text = pattern.sub(replacement, text)
    # Emphasis and code: every asterisk and backtick left once lists are gone.
    return one_line(text.replace("*", "").replace("`", ""))


class _Matcher:
    """Whether a word of the text matches one of the query's words (equal once folded, or
    starting with a query word of at least HIGHLIGHT_PREFIX_MIN letters), each distinct word
    of the text folded and compared once."""

    def __init__(self, words):
        self.folded = [_fold(word) for word in words]
        self.matching, self.others = set(), set()

    def __call__(self, word):
        if word in self.matching:
            return True
        if word not in self.others:
            folded = _fold(word)
            if any(
                folded == query
                or (len(query) >= HIGHLIGHT_PREFIX_MIN and folded.startswith(query))
                for query in self.folded
            ):
                self.matching.add(word)
                return True
            self.others.add(word)
        return False

    def hits(self, words):
        """The words of the set ``words`` that match, those already seen sorted out by set
        operations rather than one by one."""
        for word in words - self.matching - self.others:
            self(word)
        return words & self.matching


def _matcher(words):
    return words if isinstance(words, _Matcher) else _Matcher(words)


def highlight(text, words):
    """``text`` escaped, with the words matching ``words`` in ``<mark>``."""
    is_match = _matcher(words)
    html, position = SafeString(), 0
    for match in _WORD.finditer(text):
        if is_match(match.group()):
            html += escape(text[position : match.start()])
            html += format_html("<mark>{}</mark>", match.group())
            position = match.end()
    return html + escape(text[position:])


def first_match(text, words):
    """Where the first word of ``text`` matching ``words`` starts; None if none does."""
    is_match = _matcher(words)
    # The distinct words that match, then a regular expression finds the first of them: no
    # Python work per word of a long text.
    hits = is_match.hits(set(_WORD.findall(text)))
    if not hits:
        return None
    alternatives = "|".join(re.escape(word) for word in hits)
    return re.search(rf"(?<![^\W_])(?:{alternatives})(?![^\W_])", text).start()


def excerpt(text, words, *, more=False):
    """About EXCERPT_WORDS words of plain ``text`` around its first match, highlighted; None
    if ``text`` has no match. ``more``: ``text`` is the start of a longer text."""
    is_match = _matcher(words)
    position = first_match(text, is_match)
    if position is None:
        return None
    # Only the words shown are cut out of the text, not all of them.
    before, earlier = _words_before(text, position, WORDS_BEFORE_MATCH)
    wanted = EXCERPT_WORDS - len(before)
    after = list(itertools.islice(_WORD.finditer(text, position), wanted + 1))
    later = len(after) > wanted
    shown = before + after[:wanted]
    begin = shown[0].start() if earlier else 0
    finish = shown[-1].end() if later else len(text)
    return format_html(
        "{}{}{}",
        "… " if earlier else "",
        highlight(text[begin:finish], is_match),
        " …" if later or more else "",
    )


def _words_before(text, position, count):
    """``(the last count words before position, whether words come before them)``, read from
    the text just before ``position``, a wider stretch at a time until enough are found."""
    stretch = count * 16
    while True:
        start = max(0, position - stretch)
        words = list(_WORD.finditer(text, start, position))
        if start > 0:
            words = words[1:]  # the stretch may start inside a word
        if len(words) > count or start == 0:
            return words[-count:], len(words) > count
        stretch *= 4


def with_body_start(queryset):
    """``queryset`` with ``body_start``, the first BODY_EXCERPT_CHARS characters of the body:
    all that ``add_highlights()`` reads of it, whatever the article's length."""
    start = Left("body", BODY_EXCERPT_CHARS)
    if connections[queryset.db].vendor == "postgresql":
        # PostgreSQL computes a plain expression of the select list for every row it sorts,
        # decompressing the body of every match for a page of 20 (100 ms for 1,000 matches);
        # a subquery it runs after the LIMIT, for the rows of the page only.
        start = Subquery(Article.objects.filter(pk=OuterRef("pk")).values(start=start))
    return queryset.annotate(body_start=start)


def _body_start(article):
    """The start of the body, as ``with_body_start()`` loads it; else read from the body."""
    if "body_start" in article.__dict__:
        return article.body_start
    return article.body[:BODY_EXCERPT_CHARS]


def body_excerpt(markdown_start, words):
    """The excerpt of a body from its start (see excerpt()). A start cut short ends at its
    last line break or space, never inside a word or (if it can) a link, and its excerpt says
    that more follows. The Markdown is made plain a paragraph at a time, up to the words the
    excerpt shows: stripping a whole start costs more than the rest of a result."""
    is_match = _matcher(words)
    more = len(markdown_start) >= BODY_EXCERPT_CHARS
    if more:
        cut = max(markdown_start.rfind("\n"), markdown_start.rfind(" "))
        markdown_start = markdown_start[:cut] if cut > 0 else markdown_start
    plain, found, following = [], None, 0  # following: words from the match on
    paragraphs = markdown_start.split("\n\n")
    for index, paragraph in enumerate(paragraphs):
        # Made plain as within the text, where a line break follows all but the last
        # paragraph: it ends a heading or list mark standing alone.
        plain.append(plain_text(paragraph + "\n" if index < len(paragraphs) - 1 else paragraph))
        if found is None:
            position = first_match(plain[-1], is_match)
            if position is None:
                continue
            found, following = index, len(_WORD.findall(plain[-1], position))
        else:
            following += len(_WORD.findall(plain[-1]))
        if following > EXCERPT_WORDS:
            break
    if found is None:
        return None
    # The words before the match come from its paragraph and those just before: enough of
    # them for the excerpt to know whether more come before.
    start, before = found, len(_WORD.findall(plain[found], 0, position))
    while start > 0 and before <= WORDS_BEFORE_MATCH:
        start -= 1
        before += len(_WORD.findall(plain[start]))
    return excerpt(" ".join(filter(None, plain[start:])), is_match, more=more)


def add_highlights(articles, text):
    """Give each article ``highlighted_title`` and ``excerpt`` (safe HTML) for the results
    page: the excerpt comes from the standfirst, else the start of the body (its first
    BODY_EXCERPT_CHARS characters: the work stays bounded however long the article), wherever
    the words are there."""
    is_match = _Matcher(query_words(text))
    articles = list(articles)
    for article in articles:
        article.highlighted_title = highlight(article.title, is_match)
        article.excerpt = (
            excerpt(one_line(article.standfirst), is_match)
            or body_excerpt(_body_start(article), is_match)
            or escape(Truncator(article.standfirst).words(EXCERPT_WORDS))
        )
    return articles


# SQLite drops a table's triggers whenever Django rebuilds the table during a migration; these
# are the triggers of migration 0004, put back after every migrate (see ArticlesConfig.ready).
_FTS_COLUMNS = "title, standfirst, body"
SQLITE_TRIGGERS = {
    "articles_article_fts_insert": f"""
        CREATE TRIGGER articles_article_fts_insert AFTER INSERT ON articles_article BEGIN
            INSERT INTO {FTS_TABLE}(rowid, {_FTS_COLUMNS})
            VALUES (new.id, new.title, new.standfirst, new.body);
        END""",
    "articles_article_fts_delete": f"""
        CREATE TRIGGER articles_article_fts_delete AFTER DELETE ON articles_article BEGIN
            INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, {_FTS_COLUMNS})
            VALUES ('delete', old.id, old.title, old.standfirst, old.body);
        END""",
    "articles_article_fts_update": f"""
        CREATE TRIGGER articles_article_fts_update
        AFTER UPDATE OF {_FTS_COLUMNS} ON articles_article BEGIN
            INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, {_FTS_COLUMNS})
            VALUES ('delete', old.id, old.title, old.standfirst, old.body);
            INSERT INTO {FTS_TABLE}(rowid, {_FTS_COLUMNS})
            VALUES (new.id, new.title, new.standfirst, new.body);
        END""",
}


def restore_sqlite_triggers(using="default", **kwargs):
    """Recreate missing index triggers, and re-index what was written while they were gone."""
    from django.db import connections

    connection = connections[using]
    if connection.vendor != "sqlite":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")
        existing = {row[0] for row in cursor.fetchall()}
        if FTS_TABLE not in existing:
            return False  # migration 0004 not applied (yet)
        missing = [name for name in SQLITE_TRIGGERS if name not in existing]
        for name in missing:
            cursor.execute(SQLITE_TRIGGERS[name])
        if missing:
            cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")
    return bool(missing)
