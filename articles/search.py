"""Site search: the reader's form, the full-text query on each database, and the excerpts.

``search_articles(text)`` returns the published articles matching every word of ``text``, best
match first, as a queryset annotated with ``rank`` (higher is better). A match in the title
counts more than one in the standfirst, which counts more than one in the body; the last word
also matches as a prefix ("glaci" finds "glaciers"); accents and case never matter.

Each database answers from a real full-text index, created by migration
``0004_search_index``:

SQLite
    an FTS5 table ``articles_article_fts`` over title, standfirst and body (external content:
    it stores only the index), tokenizer ``unicode61 remove_diacritics 2``, kept in sync by
    triggers on ``articles_article``; ranked with ``bm25()`` weighted by column.
PostgreSQL
    a GIN index over the weighted ``tsvector`` of the three fields, unaccented by
    ``articles_unaccent()`` (an IMMUTABLE wrapper of ``unaccent``), in the text search
    configuration of ``LANGUAGE_CODE``. The query below builds exactly the indexed expression,
    or PostgreSQL would not use the index. Ranked with ``ts_rank()`` over title and
    standfirst only (see ``search_rank()``).

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
from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connections
from django.db.models import F, FloatField, Func, TextField, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Left
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


def _sqlite_matching(queryset, words):
    match = fts5_query(words)
    weights = ", ".join(str(weight) for weight in FTS_WEIGHTS)
    # The IN subquery finds the matches through the index. The ranks are computed once, in one
    # pass of the index (MATERIALIZED), then looked up by id: a subquery running MATCH for each
    # row instead would read the index once per match (a minute for 20,000 matches).
    matches = RawSQL(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [match])
    rank = RawSQL(
        f"WITH ranked AS MATERIALIZED ("
        f"SELECT rowid AS id, -bm25({FTS_TABLE}, {weights}) AS rank "
        f"FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"
        f') SELECT rank FROM ranked WHERE ranked.id = "articles_article"."id"',
        [match],
        output_field=FloatField(),
    )
    return queryset.filter(pk__in=matches).annotate(rank=rank)


# PostgreSQL: tsvector and GIN -----------------------------------------------------------------

# Text search configurations by language; others use "simple" (no stemming, no stop words).
TEXT_SEARCH_CONFIGS = {"en": "english", "fr": "french"}


def text_search_config():
    """The configuration following ``LANGUAGE_CODE``. The index is built for the one in force
    when migration 0004 ran: change the language, and rebuild the index (see the migration)."""
    return TEXT_SEARCH_CONFIGS.get(settings.LANGUAGE_CODE.split("-")[0].lower(), "simple")


def _unaccent(expression):
    return Func(expression, function="articles_unaccent", output_field=TextField())


def search_document(config):
    """The weighted tsvector indexed by ``articles_article_search_idx``, expression for
    expression (it compiles to the SQL of migration 0004)."""
    return (
        SearchVector(_unaccent(F("title")), config=config, weight="A")
        + SearchVector(_unaccent(F("standfirst")), config=config, weight="B")
        + SearchVector(_unaccent(F("body")), config=config, weight="C")
    )


def search_query(words, config):
    """A tsquery requiring every word, the last one as a prefix, accents removed."""
    operands = [_quoted_operand(word) for word in words]
    operands[-1] = Func(operands[-1], Value(":*"), **_CONCAT)
    queries = [SearchQuery(operand, search_type="raw", config=config) for operand in operands]
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


def search_rank(query, config):
    """ts_rank() over title (weight A) and standfirst (B) only: a body-only match ranks 0.

    Ranking reads the document again for every match (an expression index stores none), and
    the body is most of the work: 20,000 matches of 1.6 kB bodies take 10 s with the body,
    0.2 s without. Among equal ranks, the newest article comes first.
    """
    heading = SearchVector(_unaccent(F("title")), config=config, weight="A") + SearchVector(
        _unaccent(F("standfirst")), config=config, weight="B"
    )
    return SearchRank(heading, query)


def _postgresql_matching(queryset, words):
    config = text_search_config()
    query = search_query(words, config)
    return (
        queryset.alias(document=search_document(config))
        .filter(document=query)
        .annotate(rank=search_rank(query, config))
    )


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
    return queryset.annotate(body_start=Left("body", BODY_EXCERPT_CHARS))


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
    paragraphs, following = [], None  # words from the first match on
    for paragraph in markdown_start.split("\n\n"):
        paragraphs.append(plain_text(paragraph))
        if following is not None:
            following += len(_WORD.findall(paragraphs[-1]))
        elif (position := first_match(paragraphs[-1], is_match)) is not None:
            following = len(_WORD.findall(paragraphs[-1], position))
        if following is not None and following > EXCERPT_WORDS:
            break
    return excerpt(" ".join(filter(None, paragraphs)), is_match, more=more)


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
