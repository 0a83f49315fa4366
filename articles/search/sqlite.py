"""SQLite: an FTS5 table over title, standfirst and body (migration ``0004_search_index``),
ranked with ``bm25()`` in one pass of the index joined to the articles (``RankedMatches``); the
search page reads its page of results in the same SQL, written here (``sqlite_page_rows()``)."""

from django.db import connections
from django.db.models import FloatField, IntegerField
from django.db.models.sql.constants import INNER

from .columns import RESULT_FIELDS, UndeclaredColumn

FTS_TABLE = "articles_article_fts"
# bm25() weights of title, standfirst and body, in the table's column order.
FTS_WEIGHTS = (10.0, 4.0, 1.0)


def fts5_query(words):
    """An FTS5 query requiring every word, the last one as a prefix: ``"a" "b" "c"*``."""
    quoted = ['"{}"'.format(word.replace('"', '""')) for word in words]
    return " ".join(quoted) + "*"


# Where a search's SQL names its ranked matches, and the column of a page's ranked matches that
# counts all the visible ones (``with_match_count()``).
RANKED_ALIAS = "articles_search_ranked"
TOTAL_COLUMN = "total"


def sqlite_matching(queryset, words):
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


def sqlite_page_rows(page, body_chars):
    """The rows of ``page``, a slice of ``sqlite_matching()`` as it returned it (None for any
    other queryset), as ``load_results()`` reads them, with ``match_count``: in SQL written
    here rather than compiled by the ORM, which costs more than the SQL itself for a page of
    results. The same SQL as the ORM's for such a page (``RankedMatches``), the articles'
    visibility compiled from the queryset given to the search."""
    query = page.query
    rank = query.annotations.get("rank")
    ranked = query.alias_map.get(getattr(rank, "alias", None))
    if (
        not isinstance(ranked, RankedMatches)
        or query.high_mark is None
        or query.where != ranked.where
        or tuple(query.order_by) != SEARCH_ORDER
        or set(query.annotations) != {"rank"}
        or query.values_select
    ):
        return None
    connection = connections[page.db]
    matches, matches_params = ranked.page_sql(connection, query.high_mark)
    params = [body_chars, *matches_params, query.high_mark - query.low_mark, query.low_mark]
    with connection.cursor() as cursor:
        cursor.execute(_PAGE.format(matches=matches), params)
        rows = [dict(zip(_PAGE_COLUMNS, row, strict=True)) for row in cursor.fetchall()]
    for row in rows:
        row["published_at"] = connection.ops.convert_datetimefield_value(
            row["published_at"], None, connection
        )
    return rows


# The order of search_articles(): best first, then newest.
SEARCH_ORDER = ("-rank", "-published_at", "-id")
# In the order of the SQL's columns.
_PAGE_COLUMNS = (*RESULT_FIELDS, "body_start", "match_count")
_PAGE = f"""
    SELECT a.id, a.title, a.slug, a.standfirst, a.published_at, a.section_id, s.name, s.slug,
        SUBSTR(a.body, 1, %s), r.{TOTAL_COLUMN}
    FROM ({{matches}}) r
    INNER JOIN articles_article a ON a.id = r.id
    INNER JOIN articles_section s ON s.id = a.section_id
    ORDER BY r.rank DESC, a.published_at DESC, a.id DESC
    LIMIT %s OFFSET %s
"""


def sqlite_match_count(page):
    """The column of ``page`` (a slice of ``sqlite_matching()``) that counts every visible
    match, read from the matches the page's query ranks anyway."""
    alias = page.query.annotations["rank"].alias
    return UndeclaredColumn(TOTAL_COLUMN, IntegerField(), alias)


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
      few rows for a first page. 3 ms. Counting the visible matches there too costs nothing
      more, so a page can say how many matches there are (``sqlite_match_count()``).
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
        is_page = query.high_mark is not None and query.where == self.where
        if self._column_wanted(query, TOTAL_COLUMN) and not is_page:
            raise ValueError("Only a page of search results, as returned, counts its matches.")
        if not (
            query.order_by
            or query.extra_order_by
            or self._column_wanted(query, "rank")
            or self._column_wanted(query, TOTAL_COLUMN)
        ):
            join, params = "CROSS JOIN", [self.match]
            sql = f"WITH matches AS MATERIALIZED ({_MATCH_IDS}) SELECT id FROM matches"
        elif not is_page:
            join, params = "CROSS JOIN", [self.match]
            sql = f"WITH matches AS MATERIALIZED ({_MATCH_RANKS}) SELECT id, rank FROM matches"
        else:
            join = "INNER JOIN"
            sql, params = self.page_sql(connection, query.high_mark)
        alias = compiler.quote_name(self.table_alias)
        parent = compiler.quote_name(self.parent_alias)
        return f'{join} ({sql}) {alias} ON ({alias}."id" = {parent}."id")', params

    def page_sql(self, connection, high_mark):
        """``(sql, params)`` of the visible matches that can be among the first ``high_mark``
        results, ranked, with how many visible matches there are (``TOTAL_COLUMN``): the
        visible matches are all counted here anyway, so counting them is nearly free."""
        visible, visible_params = self.visible.get_compiler(connection=connection).as_sql()
        sql = (
            f"WITH matches AS MATERIALIZED ({_MATCH_RANKS}), "
            f"visible AS MATERIALIZED (SELECT id, rank FROM matches WHERE id IN ({visible})) "
            f"SELECT id, rank, (SELECT count(*) FROM visible) AS {TOTAL_COLUMN} "
            f"FROM visible WHERE rank >= "
            f"(SELECT min(rank) FROM (SELECT rank FROM visible ORDER BY rank DESC LIMIT %s))"
        )
        return sql, [self.match, *visible_params, high_mark]

    def _column_wanted(self, query, column):
        """Whether ``query`` selects or filters by ``column`` of the matches (count() reads
        none of them)."""
        pending = [query.where, *query.annotation_select.values()]
        while pending:
            node = pending.pop()
            if (
                isinstance(node, UndeclaredColumn)
                and node.alias == self.table_alias
                and node.column == column
            ):
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
    f"SELECT rowid AS id, -bm25({FTS_TABLE}, {', '.join(str(w) for w in FTS_WEIGHTS)}) AS rank "
    f"FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"
)


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
