"""The article page's header is kept as made until the article or its authors change; its
comment count is that of now."""

import pytest

from articles.models import ArticleNote
from comments.models import Comment
from tests.comments.factories import make_comment
from tests.factories import make_article, make_author

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("uncached_pages")]

HEADER = "articles/article_header.html"


def header(response):
    html = response.content.decode()
    return html[
        html.index('<header class="article-header">') : html.index(
            "</header>", html.index('<header class="article-header">')
        )
    ]


def rendered(response):
    return {template.name for template in response.templates}


def test_the_header_is_kept_and_its_comment_count_is_that_of_now(client):
    article = make_article(title="Tides at their highest")
    first = client.get(article.get_absolute_url())
    assert HEADER in rendered(first)
    assert "comment" not in header(first)

    make_comment(article).moderate(Comment.Status.APPROVED, by=None)
    again = client.get(article.get_absolute_url())

    assert HEADER not in rendered(again)
    assert "Tides at their highest" in header(again)
    assert "1 comment" in header(again)


def test_a_correction_and_a_renamed_author_show_in_the_header_at_once(client):
    author = make_author(name="Ada Lovelace")
    article = make_article(authors=[author])
    assert "Ada Lovelace" in header(client.get(article.get_absolute_url()))

    ArticleNote.objects.create(article=article, text="A date was wrong.")
    author.name = "Ada King"
    author.save()

    now = header(client.get(article.get_absolute_url()))
    assert "This article was corrected" in now
    assert "Ada King" in now and "Ada Lovelace" not in now


def test_an_update_alone_does_not_say_corrected(client):
    article = make_article()
    ArticleNote.objects.create(article=article, kind=ArticleNote.Kind.UPDATE, text="More later.")

    assert "This article was corrected" not in header(client.get(article.get_absolute_url()))
