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


class Result:
    """One result: the fields of its article that ``load_results()`` reads, its section and its
    bylines' authors (as unsaved models, for their URLs); ``add_highlights()`` adds the rest."""

    def __init__(self, row, authors):
        self.pk = row["pk"]
        self.title = row["title"]
        self.slug = row["slug"]
        self.standfirst = row["standfirst"]
        self.published_at = row["published_at"]
        self.body_start = row["body_start"]
        self.section = Section(
            pk=row["section_id"], name=row["section__name"], slug=row["section__slug"]
        )
        self.byline_authors = authors

    # The article's own rule, which reads only its slug.
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
        authors[article_id].append(Author(pk=pk, name=name, slug=slug))
    return [Result(row, authors[row["pk"]]) for row in rows]
