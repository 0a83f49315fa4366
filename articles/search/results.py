"""A page of results as the search page shows it: of each article, the fields a result shows
and its bylines, read as rows rather than model instances (2 queries, however many bylines).
The page's articles are counted without them: counting needs no join."""

from ..models import Article, ArticleAuthor, Author, Section
from .excerpts import with_body_start

# What a result shows of its article (``body_start`` gives its excerpt).
RESULT_FIELDS = (
    "pk",
    "title",
    "slug",
    "standfirst",
    "published_at",
    "section_id",
    "section__name",
    "section__slug",
)


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

    get_absolute_url = Article.get_absolute_url


def load_results(articles):
    """A ``Result`` for each of ``articles`` (a queryset, such as a page of
    ``search_articles()``), in order, with their bylines."""
    rows = list(with_body_start(articles).values(*RESULT_FIELDS, "body_start"))
    authors = {row["pk"]: [] for row in rows}
    bylines = ArticleAuthor.objects.filter(article_id__in=authors).values_list(
        "article_id", "author_id", "author__name", "author__slug"
    )
    for article_id, pk, name, slug in bylines:  # in the bylines' order
        authors[article_id].append(ResultAuthor(pk, name, slug))
    return [Result(row, authors[row["pk"]]) for row in rows]
