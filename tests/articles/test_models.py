"""Articles and their parts: visibility, slugs, derived body, images, related articles."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from articles.models import Article, ArticleAuthor, ArticleImage, OldSlug, Source
from tests.factories import (
    image_file,
    make_article,
    make_author,
    make_image,
    make_section,
    make_source,
    make_tag,
)

pytestmark = pytest.mark.django_db

NOON = datetime(2026, 3, 14, 12, 0, tzinfo=UTC)


# Visibility ----------------------------------------------------------------------------------


def test_published_includes_live_articles_and_excludes_drafts_and_scheduled_ones():
    live = make_article()
    make_article(published=False)
    make_article(published_at=timezone.now() + timedelta(hours=1))

    assert list(Article.objects.published()) == [live]


def test_draft_with_a_past_publication_time_is_not_published():
    make_article(published=False, published_at=timezone.now() - timedelta(days=1))

    assert not Article.objects.published().exists()


def test_scheduled_article_appears_once_its_time_has_come():
    with time_machine.travel(NOON, tick=False):
        article = make_article(published_at=NOON + timedelta(hours=2))
        assert article not in Article.objects.published()
        assert article in Article.objects.scheduled()

    with time_machine.travel(NOON + timedelta(hours=2, seconds=1), tick=False):
        assert article in Article.objects.published()
        assert article not in Article.objects.scheduled()


def test_scheduled_article_is_published_at_the_exact_time_given():
    with time_machine.travel(NOON, tick=False):
        article = make_article(published_at=NOON + timedelta(hours=2))

    with time_machine.travel(NOON + timedelta(hours=2), tick=False):
        assert article in Article.objects.published()


def test_state_is_draft_scheduled_or_live():
    with time_machine.travel(NOON, tick=False):
        draft = make_article(published=False)
        scheduled = make_article(published_at=NOON + timedelta(minutes=5))
        live = make_article(published_at=NOON - timedelta(minutes=5))

        assert draft.state == Article.State.DRAFT
        assert scheduled.state == Article.State.SCHEDULED
        assert live.state == Article.State.LIVE
        assert [draft.is_live, scheduled.is_live, live.is_live] == [False, False, True]

    with time_machine.travel(NOON + timedelta(minutes=6), tick=False):
        assert scheduled.state == Article.State.LIVE


def test_draft_scheduled_for_later_is_still_a_draft():
    article = make_article(published=False, published_at=timezone.now() + timedelta(days=1))

    assert article.state == Article.State.DRAFT


def test_publishing_without_a_time_stamps_the_current_time():
    with time_machine.travel(NOON, tick=False):
        article = make_article(published_at=None)

    article.refresh_from_db()
    assert article.published_at == NOON


def test_saving_a_draft_leaves_its_publication_time_empty():
    article = make_article(published=False)

    article.refresh_from_db()
    assert article.published_at is None


def test_publishing_a_draft_later_stamps_the_time_of_publication():
    with time_machine.travel(NOON, tick=False):
        article = make_article(published=False)
    with time_machine.travel(NOON + timedelta(days=2), tick=False):
        article.status = Article.Status.PUBLISHED
        article.save()

    article.refresh_from_db()
    assert article.published_at == NOON + timedelta(days=2)


def test_was_updated_is_false_for_a_correction_right_after_publishing():
    with time_machine.travel(NOON, tick=False):
        article = make_article(published_at=None)
    with time_machine.travel(NOON + timedelta(minutes=9), tick=False):
        article.title = "Corrected title"
        article.save()

    article.refresh_from_db()
    assert not article.was_updated


def test_was_updated_is_true_for_an_edit_more_than_ten_minutes_after_publishing():
    with time_machine.travel(NOON, tick=False):
        article = make_article(published_at=None)
    with time_machine.travel(NOON + timedelta(minutes=11), tick=False):
        article.body += "\n\nA new development."
        article.save()

    article.refresh_from_db()
    assert article.was_updated


def test_draft_is_never_updated():
    with time_machine.travel(NOON, tick=False):
        article = make_article(published=False)
    with time_machine.travel(NOON + timedelta(days=1), tick=False):
        article.save()

    assert not article.was_updated


# Slugs ---------------------------------------------------------------------------------------


def test_slug_is_made_from_the_title_with_accents_transliterated():
    article = make_article(title="Étude sur l\u2019été à Noël")

    article.refresh_from_db()
    assert article.slug == "etude-sur-l-ete-a-noel"


def test_two_articles_with_the_same_title_get_distinct_slugs():
    first = make_article(title="Grève générale")
    second = make_article(title="Grève générale")
    third = make_article(title="Grève générale")

    assert [first.slug, second.slug, third.slug] == [
        "greve-generale",
        "greve-generale-2",
        "greve-generale-3",
    ]


def test_slug_chosen_by_the_editor_is_kept():
    article = make_article(title="Grève générale", slug="strike")

    assert article.slug == "strike"


def test_new_slug_avoids_an_address_another_article_had():
    article = make_article(title="Budget")
    article.slug = "budget-2026"
    article.save()

    newcomer = make_article(title="Budget")

    assert newcomer.slug == "budget-2"
    assert OldSlug.objects.get(slug="budget").article == article


def test_changing_the_slug_of_a_published_article_keeps_the_old_one_pointing_at_it():
    article = make_article(title="Storm warning")

    article.slug = "storm-warning-for-the-coast"
    article.save()

    assert list(OldSlug.objects.values_list("slug", "article")) == [("storm-warning", article.pk)]


def test_changing_the_slug_twice_keeps_both_old_slugs():
    article = make_article(title="Storm warning")
    article.slug = "storm"
    article.save()
    article.slug = "coastal-storm"
    article.save()

    assert set(article.old_slugs.values_list("slug", flat=True)) == {"storm-warning", "storm"}


def test_changing_the_slug_back_removes_the_old_slug_it_had_become():
    article = make_article(title="Storm warning")
    article.slug = "storm"
    article.save()

    article.slug = "storm-warning"
    article.save()

    assert list(OldSlug.objects.values_list("slug", "article")) == [("storm", article.pk)]


def test_changing_the_slug_of_a_draft_records_nothing():
    article = make_article(title="Storm warning", published=False)

    article.slug = "storm"
    article.save()

    assert not OldSlug.objects.exists()


def test_saving_without_changing_the_slug_records_nothing():
    article = make_article(title="Storm warning")

    article.save()

    assert not OldSlug.objects.exists()


def test_clean_refuses_a_slug_another_article_used_to_have():
    moved = make_article(title="Storm warning")
    moved.slug = "storm"
    moved.save()
    other = make_article(title="Flood")

    other.slug = "storm-warning"
    with pytest.raises(ValidationError) as error:
        other.clean()

    assert "slug" in error.value.message_dict


def test_clean_accepts_the_articles_own_former_slug():
    article = make_article(title="Storm warning")
    article.slug = "storm"
    article.save()

    article.slug = "storm-warning"
    article.clean()


# Body ----------------------------------------------------------------------------------------


def test_body_is_rendered_and_sanitized_on_save():
    article = make_article(body="## Facts\n\nIt *rained*.<script>alert(1)</script>")

    assert article.body_html == "<h2>Facts</h2>\n<p>It <em>rained</em>.</p>"


def test_figure_in_the_body_is_the_image_with_that_number():
    article = make_article(body="Intro.\n\n[figure 2]\n\nOutro.")
    make_image(article, order=1)
    second = make_image(article, order=2, alt_text="A flooded street")

    article.render_body()
    article.save()

    assert article.body_html == f"<p>Intro.</p>\n<!--figure:{second.pk}-->\n<p>Outro.</p>"
    assert article.body_blocks() == [
        ("html", "<p>Intro.</p>\n"),
        ("figure", second),
        ("html", "\n<p>Outro.</p>"),
    ]


def test_refresh_body_stores_the_figures_of_images_added_after_saving():
    article = make_article(body="[figure 1]")
    image = make_image(article)

    article.refresh_body()

    article.refresh_from_db()
    assert article.body_html == f"<!--figure:{image.pk}-->"


def test_figure_whose_image_was_deleted_is_left_out_of_the_blocks():
    article = make_article(body="[figure 1]\n\nText.")
    image = make_image(article)
    article.render_body()
    article.save()

    image.delete()

    assert [kind for kind, _ in article.body_blocks()] == ["html"]


def test_teaser_link_to_another_article_becomes_a_teaser_block():
    other = make_article(title="Earlier story")
    article = make_article(body=f"Intro.\n\n[Read also]({other.get_absolute_url()})\n\nOutro.")

    blocks = article.body_blocks(teasers=[other])

    assert article.teaser_ids == [other.pk]
    assert [(kind, value) for kind, value in blocks if kind != "html"] == [("teaser", other)]
    assert [kind for kind, _ in blocks] == ["html", "teaser", "html"]


def test_teaser_block_is_left_out_when_its_article_is_not_given():
    other = make_article(title="Earlier story")
    article = make_article(body=f"[Read also]({other.get_absolute_url()})\n\nText.")

    assert [kind for kind, _ in article.body_blocks()] == ["html"]


def test_teaser_link_to_a_former_slug_points_to_the_article():
    other = make_article(title="Earlier story")
    old_url = other.get_absolute_url()
    other.slug = "earlier-story-updated"
    other.save()

    article = make_article(body=f"[Read also]({old_url})")

    assert article.teaser_ids == [other.pk]


def test_teaser_pointing_to_the_article_itself_is_dropped():
    article = make_article(title="Self reference")
    article.body = f"Text.\n\n[Read also]({article.get_absolute_url()})"
    article.save()

    blocks = article.body_blocks(teasers=[article])

    assert article.teaser_ids == [article.pk]
    assert [kind for kind, _ in blocks] == ["html"]


@pytest.mark.parametrize(
    ("words", "minutes"), [(0, 1), (1, 1), (230, 1), (231, 2), (460, 2), (1000, 5)]
)
def test_reading_minutes_at_230_words_a_minute_and_at_least_one(words, minutes):
    article = make_article(body=" ".join(["word"] * words))

    assert article.reading_minutes == minutes


# Images --------------------------------------------------------------------------------------


def unsaved_image(article, **fields):
    fields.setdefault("image", image_file("photo.jpg"))
    fields.setdefault("alt_text", "Firefighters on a ladder")
    return ArticleImage(article=article, **fields)


def test_image_with_a_description_is_valid():
    unsaved_image(make_article()).full_clean()


@pytest.mark.parametrize("alt_text", ["", "   "])
def test_image_needs_alt_text_unless_decorative(alt_text):
    image = unsaved_image(make_article(), alt_text=alt_text)

    with pytest.raises(ValidationError) as error:
        image.full_clean()

    assert "alt_text" in error.value.message_dict


def test_decorative_image_has_empty_alt_text():
    image = unsaved_image(make_article(), alt_text="Some texture", is_decorative=True)

    image.full_clean()

    assert image.alt_text == ""
    assert image.alt == ""


def test_decorative_image_needs_no_alt_text():
    image = unsaved_image(make_article(), alt_text="", is_decorative=True)

    image.full_clean()


@pytest.mark.parametrize("alt_text", ["photo.jpg", "photo", "PHOTO.JPG", " Photo "])
def test_file_name_is_refused_as_alt_text(alt_text):
    image = unsaved_image(make_article(), alt_text=alt_text)

    with pytest.raises(ValidationError) as error:
        image.full_clean()

    assert "alt_text" in error.value.message_dict


def test_alt_text_merely_containing_the_file_name_is_accepted():
    unsaved_image(make_article(), alt_text="A photo of the harbour").full_clean()


def test_image_size_is_stored_from_the_uploaded_file():
    image = make_image(make_article())

    image.refresh_from_db()
    assert (image.width, image.height) == (64, 48)


def test_article_can_have_only_one_lead_image():
    article = make_article()
    make_image(article, is_lead=True)

    with pytest.raises(IntegrityError), transaction.atomic():
        make_image(article, is_lead=True)


def test_lead_images_of_different_articles_and_other_images_are_allowed():
    first, second = make_article(), make_article()
    make_image(first, is_lead=True)
    make_image(first)
    make_image(second, is_lead=True)

    assert ArticleImage.objects.filter(is_lead=True).count() == 2
    assert ArticleImage.objects.count() == 3


def test_lead_image_is_the_one_marked_lead():
    article = make_article()
    body_image = make_image(article)
    lead = make_image(article, is_lead=True)

    assert article.lead_image == lead
    assert article.body_images == [body_image]
    assert Article.objects.for_listing().get(pk=article.pk).lead_image == lead
    assert Article.objects.for_detail().get(pk=article.pk).lead_image == lead


def test_article_without_a_lead_image_has_none():
    article = make_article()
    make_image(article)

    assert article.lead_image is None
    assert Article.objects.for_listing().get(pk=article.pk).lead_image is None


# Bylines and sources -------------------------------------------------------------------------


def test_byline_authors_follow_the_order_editors_gave():
    article = make_article(authors=[])
    zoe, adam, mia = make_author(name="Zoé"), make_author(name="Adam"), make_author(name="Mia")
    ArticleAuthor.objects.create(article=article, author=zoe, order=2)
    ArticleAuthor.objects.create(article=article, author=adam, order=0)
    ArticleAuthor.objects.create(article=article, author=mia, order=1)

    assert article.byline_authors == [adam, mia, zoe]
    assert Article.objects.for_listing().get(pk=article.pk).byline_authors == [adam, mia, zoe]


def test_sources_of_kind_keeps_only_that_kind_in_order():
    article = make_article()
    second_story = make_source(article, kind=Source.Kind.STORY, order=2)
    photo = make_source(article, kind=Source.Kind.IMAGE, order=0)
    first_story = make_source(article, kind=Source.Kind.STORY, order=1)

    assert article.sources_of_kind(Source.Kind.STORY) == [first_story, second_story]
    assert article.sources_of_kind(Source.Kind.IMAGE) == [photo]
    assert article.sources_of_kind(Source.Kind.OTHER) == []


# Related articles ----------------------------------------------------------------------------


def test_related_for_readers_lists_explicit_ones_first_then_latest_of_the_section():
    section = make_section()
    now = timezone.now()
    article = make_article(section=section, published_at=now - timedelta(days=1))
    explicit = make_article(published_at=now - timedelta(days=30))
    explicit_draft = make_article(published=False)
    explicit_scheduled = make_article(published_at=now + timedelta(days=1))
    article.related.add(explicit, explicit_draft, explicit_scheduled)
    older = make_article(section=section, published_at=now - timedelta(days=3))
    newer = make_article(section=section, published_at=now - timedelta(days=2))
    make_article(section=section, published=False)
    make_article(section=section, published_at=now + timedelta(hours=1))
    make_article(published_at=now - timedelta(hours=1))  # another section

    assert article.related_for_readers() == [explicit, newer, older]


def test_related_for_readers_stops_at_the_limit():
    section = make_section()
    now = timezone.now()
    article = make_article(section=section)
    explicit = make_article()
    article.related.add(explicit)
    newest = make_article(section=section, published_at=now - timedelta(minutes=1))
    make_article(section=section, published_at=now - timedelta(days=5))

    assert article.related_for_readers(limit=2) == [explicit, newest]
    assert article.related_for_readers(limit=1) == [explicit]


def test_related_for_readers_lists_an_explicit_article_of_the_section_once():
    section = make_section()
    now = timezone.now()
    article = make_article(section=section)
    both = make_article(section=section, published_at=now - timedelta(days=2))
    other = make_article(section=section, published_at=now - timedelta(days=1))
    article.related.add(both)

    assert article.related_for_readers() == [both, other]


def test_related_for_readers_never_lists_the_article_itself():
    section = make_section()
    article = make_article(section=section, published_at=timezone.now())
    older = make_article(section=section)

    assert article.related_for_readers() == [older]


# Query counts --------------------------------------------------------------------------------


@pytest.mark.parametrize("count", [2, 10])
def test_listing_costs_three_queries_however_many_articles(count, django_assert_num_queries):
    for _ in range(count):
        article = make_article(authors=[make_author(), make_author()])
        make_image(article, is_lead=True)
        make_image(article)

    with django_assert_num_queries(3):
        cards = [
            (article.section.name, [a.name for a in article.byline_authors], article.lead_image)
            for article in Article.objects.published().for_listing()
        ]

    assert len(cards) == count
    assert all(len(authors) == 2 and lead is not None for _, authors, lead in cards)


@pytest.mark.parametrize("count", [1, 4])
def test_detail_costs_six_queries_however_many_parts(count, django_assert_num_queries):
    article = make_article(
        authors=[make_author() for _ in range(count)],
        tags=[make_tag() for _ in range(count)],
        body="\n\n".join(f"[figure {n}]" for n in range(1, count + 1)),
    )
    make_image(article, is_lead=True, order=0)
    for number in range(1, count + 1):
        make_image(article, order=number)
        make_source(article)
    article.render_body()
    article.save()

    with django_assert_num_queries(6):  # with its corrections and updates
        page = Article.objects.published().for_detail().get(pk=article.pk)
        page.load_parts()
        seen = (
            page.section.name,
            [a.name for a in page.byline_authors],
            page.lead_image,
            page.body_images,
            page.body_blocks(),
            page.sources_of_kind(Source.Kind.STORY),
            page.sources_of_kind(Source.Kind.IMAGE),
            bool(page.tags.all()),
            [t.name for t in page.tags.all()],
        )

    assert len(seen[1]) == count
    assert len([kind for kind, _ in seen[4] if kind == "figure"]) == count


# Strings and URLs ----------------------------------------------------------------------------


def test_every_model_reads_as_its_name():
    section = make_section(name="Politique")
    tag = make_tag(name="Élections")
    author = make_author(name="Camille Martin")
    article = make_article(title="Le vote", section=section, authors=[author])
    image = make_image(article, alt_text="Voters in a queue")
    source = make_source(article, label="Préfecture")
    article.slug = "le-vote-2026"
    article.save()

    assert str(section) == "Politique"
    assert str(tag) == "Élections"
    assert str(author) == "Camille Martin"
    assert str(article) == "Le vote"
    assert str(article.bylines.get()) == "Camille Martin"
    assert str(image) == "Voters in a queue"
    assert str(source) == "Préfecture"
    assert str(article.old_slugs.get()) == "le-vote"


def test_image_without_alt_text_reads_as_its_caption_then_its_file():
    article = make_article()
    captioned = make_image(article, is_decorative=True, alt_text="", caption="The square")
    bare = make_image(article, is_decorative=True, alt_text="")

    assert str(captioned) == "The square"
    assert str(bare) == bare.image.name
    assert str(bare).startswith("articles/")
    assert str(bare).endswith(".jpg")


def test_pages_have_their_addresses():
    section = make_section(slug="politique")
    article = make_article(slug="le-vote", section=section)

    assert article.get_absolute_url() == "/articles/le-vote/"
    assert section.get_absolute_url() == "/sections/politique/"
    assert make_tag(slug="elections").get_absolute_url() == "/tags/elections/"
    assert make_author(slug="camille-martin").get_absolute_url() == "/authors/camille-martin/"
    assert article.get_preview_url() == f"/preview/{article.pk}/"
