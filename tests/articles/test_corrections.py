"""Corrections and updates in public: at the article's end, under its title, in its structured
data and feeds, on the corrections page; and an unpublished article's address answering 410."""

from datetime import timedelta

import feedparser
import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, ArticleNote
from tests.articles.test_admin import change_form_data, management_form
from tests.articles.test_metadata import head
from tests.factories import make_article, make_editor

pytestmark = pytest.mark.django_db

CORRECTIONS_URL = reverse("articles:corrections")


def add_note(article, text, *, kind=ArticleNote.Kind.CORRECTION, days_ago=0):
    noted_at = timezone.now() - timedelta(days=days_ago)
    return ArticleNote.objects.create(article=article, kind=kind, text=text, noted_at=noted_at)


def test_notes_close_the_article_newest_first(client):
    article = make_article()
    add_note(article, "The vote was on Tuesday, not Monday.", days_ago=2)
    add_note(article, "The council has since approved the plan.", kind="update", days_ago=1)

    page = client.get(article.get_absolute_url()).content.decode()

    notes = page[page.index('id="article-notes"') :]
    assert notes.index("has since approved") < notes.index("on Tuesday, not Monday")
    assert "Corrections and updates" in page


def test_a_corrected_article_says_so_under_its_title(client):
    corrected, updated = make_article(), make_article()
    add_note(corrected, "The vote was on Tuesday.")
    add_note(updated, "The council met again.", kind=ArticleNote.Kind.UPDATE)

    assert (
        "This article was corrected" in client.get(corrected.get_absolute_url()).content.decode()
    )
    assert (
        "This article was corrected" not in client.get(updated.get_absolute_url()).content.decode()
    )


def test_corrections_are_in_the_json_ld_and_date_modified_follows_the_notes(client):
    article = make_article(published_at=timezone.now() - timedelta(days=5))
    Article.objects.filter(pk=article.pk).update(updated_at=timezone.now() - timedelta(days=5))
    correction = add_note(article, "The vote was on Tuesday.")
    add_note(article, "Earlier update.", kind=ArticleNote.Kind.UPDATE, days_ago=1)

    (data,) = head(client, article.get_absolute_url()).json_ld

    assert data["correction"] == [
        {
            "@type": "CorrectionComment",
            "text": "The vote was on Tuesday.",
            "datePublished": correction.noted_at.isoformat(),
        }
    ]
    assert data["dateModified"] == correction.noted_at.isoformat()


def test_a_correction_added_in_the_admin_updates_the_article_in_the_feeds(client):
    article = make_article(published_at=timezone.now() - timedelta(days=3))
    Article.objects.filter(pk=article.pk).update(updated_at=timezone.now() - timedelta(days=3))
    editor = make_editor()
    client.force_login(editor)
    data = change_form_data(article, status=article.status)
    data.update(management_form("notes", 1))
    data.update(
        {
            "notes-0-kind": "correction",
            "notes-0-noted_at_0": timezone.localdate().isoformat(),
            "notes-0-noted_at_1": "09:00:00",
            "notes-0-text": "The mayor's name was misspelled.",
        }
    )
    url = reverse("admin:articles_article_change", args=[article.pk])
    assert client.post(url, data).status_code == 302
    client.logout()

    (entry,) = feedparser.parse(client.get("/feed/atom/").content).entries
    updated = timezone.datetime(*entry.updated_parsed[:6], tzinfo=timezone.UTC)
    assert updated > timezone.now() - timedelta(minutes=5)
    assert article.notes.get().text == "The mayor's name was misspelled."


def test_the_corrections_page_lists_corrections_of_published_articles_newest_first(client):
    old, recent, withdrawn = make_article(), make_article(), make_article()
    add_note(old, "Old correction.", days_ago=10)
    add_note(recent, "Recent correction.", days_ago=1)
    add_note(recent, "Only an update.", kind=ArticleNote.Kind.UPDATE)
    add_note(withdrawn, "Correction of a withdrawn article.")
    withdrawn.status = Article.Status.UNPUBLISHED
    withdrawn.unpublished_reason = "Legal request."
    withdrawn.save()

    page = client.get(CORRECTIONS_URL).content.decode()

    assert page.index("Recent correction.") < page.index("Old correction.")
    assert "Only an update." not in page
    assert "Correction of a withdrawn article." not in page


def test_an_unpublished_article_answers_410_with_its_reason_and_leaves_every_list(client):
    article = make_article(title="Withdrawn story")
    article.status = Article.Status.UNPUBLISHED
    article.unpublished_reason = "It relied on a forged document."
    article.save()

    response = client.get(article.get_absolute_url())

    assert response.status_code == 410
    assert "It relied on a forged document." in response.content.decode()
    for url in ["/", article.section.get_absolute_url(), "/feed/", "/sitemap-articles.xml"]:
        assert "Withdrawn story" not in client.get(url).content.decode(), url
    assert "Withdrawn story" not in client.get("/search/", {"q": "withdrawn"}).content.decode()


def test_a_draft_stays_a_plain_404(client):
    draft = make_article(published=False)

    assert client.get(draft.get_absolute_url()).status_code == 404


def test_the_feeds_carry_the_latest_correction_or_update_with_the_article(client):
    article = make_article(standfirst="The council voted.")
    add_note(article, "An earlier version gave the wrong date.", days_ago=2)
    latest = add_note(article, "The mayor has since resigned.", kind=ArticleNote.Kind.UPDATE)

    for url in ["/feed/", "/feed/atom/"]:
        (entry,) = feedparser.parse(client.get(url).content).entries
        assert entry.summary.startswith("The council voted.")
        assert "Update," in entry.summary and "The mayor has since resigned." in entry.summary
        assert "wrong date" not in entry.summary  # only the latest
    (entry,) = feedparser.parse(client.get("/feed/atom/").content).entries
    updated = timezone.datetime(*entry.updated_parsed[:6], tzinfo=timezone.UTC)
    assert updated == latest.noted_at.replace(microsecond=0)  # the update dates the entry
