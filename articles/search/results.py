"""A page of results as the search page shows it: of each article, the fields a result shows
and its bylines, read as rows rather than model instances (2 queries, however many bylines),
and how many articles match in all, counted by the page's query (``ResultPaginator``)."""

import math

from django.core.paginator import EmptyPage, Paginator

from ..models import Article, ArticleAuthor, Author, Section
from .columns import RESULT_FIELDS
from .excerpts import BODY_EXCERPT_CHARS, with_body_start
from .query import page_rows, with_match_count


class _Named:
    """A section or an author as a result shows it: name and address. Lighter than a model
    instance, which costs more to make than the rest of a result."""

    def __init__(self, pk, name, slug):
        self.pk, self.name, self.slug = pk, name, slug


class ResultSection(_Named):
    get_absolute_url = Section.get_absolute_url  # the model's own rule: it reads the slug


class ResultAuthor(_Named):
    get_absolute_url = Author.get_absolute_url


class Result:
    """One result: the fields of its article that ``load_results()`` reads, its section and its
    bylines' authors; ``add_highlights()`` adds the rest."""

    def __init__(self, row, authors):
        self.pk = row["pk"]
        self.title = row["title"]
        self.slug = row["slug"]
        self.standfirst = row["standfirst"]
        self.published_at = row["published_at"]
        self.body_start = row["body_start"]
        self.section = ResultSection(row["section_id"], row["section__name"], row["section__slug"])
        self.byline_authors = authors
        self.match_count = row.get("match_count")

    get_absolute_url = Article.get_absolute_url


def load_results(articles, *, counted=False):
    """A ``Result`` for each of ``articles`` (a queryset, such as a page of
    ``search_articles()``), in order, with their bylines. ``counted``: ``articles`` is a page
    of ``search_articles()``, and each result's ``match_count`` says how many articles match
    in all."""
    if articles.query.is_empty():  # no words searched: nothing to ask the database
        return []
    rows = page_rows(articles, BODY_EXCERPT_CHARS) if counted else None
    if rows is None:
        if counted:
            articles = with_match_count(articles)
        fields = (*RESULT_FIELDS, "body_start", *(("match_count",) if counted else ()))
        rows = list(with_body_start(articles).values(*fields))
    authors = {row["pk"]: [] for row in rows}
    bylines = ArticleAuthor.objects.filter(article_id__in=authors).values_list(
        "article_id", "author_id", "author__name", "author__slug"
    )
    for article_id, pk, name, slug in bylines:  # in the bylines' order
        authors[article_id].append(ResultAuthor(pk, name, slug))
    return [Result(row, authors[row["pk"]]) for row in rows]


class ResultPaginator(Paginator):
    """Pages of ``search_articles()``, each a list of ``Result``. A page's query counts the
    matches too: a paginator counts first, in a query of its own, only when asked for the
    last page. A page without results is the first (nothing matches) or past the last. Pages
    have no orphans."""

    def page(self, number):
        counted = "count" in self.__dict__  # for the last page: count first
        number = self.validate_number(number) if counted else self._whole_number(number)
        bottom = (number - 1) * self.per_page
        results = load_results(
            self.object_list[bottom : bottom + self.per_page], counted=not counted
        )
        if not counted:
            if not results and number > 1:
                raise EmptyPage(self.error_messages["no_results"])
            self.count = results[0].match_count if results else 0
        return self._get_page(results, number, self)

    def _whole_number(self, number):
        """``number`` checked as ``validate_number()`` checks it, the last page aside."""
        return self._validate_number(number, math.inf)
