import io

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command

from articles import demo
from articles.models import Article, ArticleImage, Author, Source

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def small_pictures(monkeypatch):
    monkeypatch.setattr(demo, "IMAGE_SIZE", (160, 90))
    monkeypatch.setattr(demo, "PORTRAIT_SIZE", (60, 60))


def seed_demo(*args):
    output = io.StringIO()
    call_command("seed_demo", *args, stdout=output)
    return output.getvalue()


def counts():
    return {
        model.__name__: model.objects.count() for model in (Article, ArticleImage, Author, Source)
    }


def test_seed_demo_creates_published_scheduled_and_draft_articles():
    seed_demo()

    published = Article.objects.published()
    assert published.count() == len(demo.STORIES)
    assert Article.objects.scheduled().get().slug == demo.SCHEDULED_STORY.slug
    draft = Article.objects.get(status=Article.Status.DRAFT)
    assert draft.slug == demo.DRAFT_STORY.slug
    assert not published.filter(pk__in=[draft.pk, Article.objects.scheduled().get().pk]).exists()


def test_seed_demo_twice_creates_nothing_new():
    seed_demo()
    before = counts()

    output = seed_demo()

    assert counts() == before
    assert "Demo content already present." in output


def test_published_demo_articles_have_lead_images_with_size_and_alt_text():
    seed_demo()

    published = Article.objects.published()
    leads = ArticleImage.objects.filter(article__in=published, is_lead=True)
    assert leads.count() == published.count()
    stored = leads.values_list("width", "height", "alt_text", "image")
    for width, height, alt_text, name in stored:
        assert (width, height) == (160, 90)
        assert alt_text.strip()
        assert default_storage.exists(name)


def test_demo_bodies_resolve_figures_and_read_also_teasers():
    seed_demo()

    bodies = list(Article.objects.values_list("body_html", flat=True))
    assert any("<!--figure:" in body for body in bodies)
    assert any("<!--teaser:" in body for body in bodies)


def test_demo_teaser_points_at_the_linked_demo_article():
    seed_demo()

    article = Article.objects.get(slug="small-language-models-old-laptops")
    linked = Article.objects.get(slug="harbourton-permit-office-open-source")
    assert article.teaser_ids == [linked.pk]


def test_teaser_to_a_story_added_by_a_later_run_resolves():
    seed_demo("--articles", "5")  # the heat pump story links to the energy bills story, 8th
    seed_demo()

    article = Article.objects.get(slug="heat-pumps-coldest-winter-field-study")
    linked = Article.objects.get(slug="household-energy-bills-fall-third-quarter")
    assert article.teaser_ids == [linked.pk]


def test_demo_articles_have_bylines_tags_and_sources():
    seed_demo()

    for article in Article.objects.published():
        assert 1 <= article.bylines.count() <= 3
        assert 1 <= article.tags.count() <= 3
        assert 1 <= article.sources.count() <= 3


def test_some_demo_authors_have_portraits():
    seed_demo()

    stored_sizes = Author.objects.exclude(photo="").values_list("photo_width", "photo_height")
    assert list(stored_sizes) == [(60, 60), (60, 60)]


def test_seed_demo_with_more_articles_adds_synthetic_stories():
    output = seed_demo("--articles", "30")

    assert Article.objects.published().count() >= 30
    synthetic = Article.objects.get(slug="demo-story-30")
    assert synthetic.title.startswith("Demo story 30")
    assert "<h2>" in synthetic.body_html
    assert synthetic.lead_image.alt_text
    assert synthetic.bylines.exists()
    assert "Created 32 articles" in output  # 30 published, a scheduled and a draft


def test_seed_demo_with_more_articles_twice_creates_nothing_new():
    seed_demo("--articles", "20")
    before = counts()

    seed_demo("--articles", "20")

    assert counts() == before
