import io
import re

import pytest
from django.core.management import call_command

from articles import demo, markup
from articles.demo import FRENCH
from articles.models import Article, ArticleImage, Author, Section, Source, Tag
from articles.slugs import ascii_slug

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("small_demo_pictures")]

ARTICLE_LINK = re.compile(r"\]\(/articles/([\w-]+)/\)")


@pytest.fixture(autouse=True)
def english_site(settings):
    """Without --language the demo follows LANGUAGE_CODE: English here unless a test says so."""
    settings.LANGUAGE_CODE = "en"


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
        assert ArticleImage._meta.get_field("image").storage.exists(name)


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


# French: a French tech-news site -------------------------------------------------------------


def test_seed_demo_in_french_creates_french_sections_authors_and_stories():
    seed_demo("--language", "fr")

    published = Article.objects.published()
    assert set(published.values_list("title", flat=True)) == {s.title for s in FRENCH.stories}
    sections = set(Section.objects.values_list("name", flat=True))
    assert sections == {"Tech", "Sciences", "Jeux vidéo", "Économie"}
    assert Author.objects.filter(name="Rédaction").exists()
    assert Tag.objects.filter(name="Cybersécurité").exists()
    assert not Article.objects.filter(slug__in=[s.slug for s in demo.STORIES]).exists()


def test_french_scheduled_and_draft_stories_stay_out_of_published():
    seed_demo("--language", "fr", "--articles", "0")

    scheduled = Article.objects.get(slug=FRENCH.scheduled.slug)
    draft = Article.objects.get(slug=FRENCH.draft.slug)
    assert scheduled.state == Article.State.SCHEDULED
    assert draft.state == Article.State.DRAFT
    assert not Article.objects.published().exists()


def test_seed_demo_in_french_twice_creates_nothing_new():
    seed_demo("--language", "fr")
    before = counts()

    output = seed_demo("--language", "fr")

    assert counts() == before
    assert "Demo content already present." in output


def test_french_demo_teasers_and_figures_resolve():
    seed_demo("--language", "fr")

    articles = {article.slug: article for article in Article.objects.all()}
    teasers = figures = 0
    for story in FRENCH.stories:
        article = articles[story.slug]
        linked = ARTICLE_LINK.findall(story.body)
        assert article.teaser_ids == [articles[slug].pk for slug in linked]
        teasers += len(linked)
        if "[figure 2]" in story.body:
            second = article.images.get(order=2)
            assert markup.marked_ids(article.body_html, "figure") == [second.pk]
            figures += 1
    assert teasers >= 2
    assert figures >= 2


def test_seed_demo_follows_a_french_site_by_default(settings):
    settings.LANGUAGE_CODE = "fr"

    seed_demo("--articles", "0")  # only the scheduled and the draft story

    slugs = set(Article.objects.values_list("slug", flat=True))
    assert slugs == {FRENCH.scheduled.slug, FRENCH.draft.slug}


def test_french_synthetic_stories_are_in_french():
    output = seed_demo("--language", "fr", "--articles", "14")

    synthetic = Article.objects.get(slug="article-de-demonstration-14")
    assert synthetic.title.startswith("Article de démonstration 14")
    assert synthetic.lead_image.caption == "Illustration de l’article de démonstration 14."
    assert "<h2>" in synthetic.body_html
    assert "Created 16 articles" in output


def test_french_demo_data_is_typeset_and_has_clean_slugs():
    stories = [*FRENCH.stories, FRENCH.scheduled, FRENCH.draft]
    slugs = {story.slug for story in stories}
    for story in stories:
        assert ascii_slug(story.slug) == story.slug
        assert set(ARTICLE_LINK.findall(story.body)) <= slugs
        for text in (story.title, story.standfirst, story.body):
            # French typography: a no-break space before these marks, never a breaking one.
            assert not re.search(r"[ \n][:;?!»%]", text), text


def test_english_and_french_demos_can_share_a_database():
    seed_demo("--language", "en", "--articles", "0")

    seed_demo("--language", "fr", "--articles", "0")

    assert Article.objects.count() == 4  # a scheduled and a draft story each
    assert Section.objects.count() == len(demo.ENGLISH.sections) + len(FRENCH.sections)
    assert Tag.objects.count() == len(demo.ENGLISH.tags) + len(FRENCH.tags)
