"""Posts become articles: statuses, dates, slugs, standfirsts, authors, sections, tags, links."""

from datetime import UTC, datetime

import pytest

from articles.models import Article, Author, Section, Tag
from fronts.models import Front, Placement
from wordpress.models import ImportedObject

from .conftest import export, import_wordpress

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(uploads):
    return import_wordpress(export("newsroom.xml"), "--uploads", uploads)


def article(slug):
    return Article.objects.get(slug=slug)


def test_statuses_follow_wordpress(imported):
    live = set(Article.objects.published().values_list("slug", flat=True))
    scheduled = set(Article.objects.scheduled().values_list("slug", flat=True))
    drafts = set(
        Article.objects.filter(status=Article.Status.DRAFT).values_list("slug", flat=True)
    )

    assert live == {
        "harbour-reopens",
        "small-lead",
        "gallery-day",
        "second-story",
        "harbour-reopens-2",
    }
    assert scheduled == {"tomorrow"}
    # draft, pending and private posts, and the password-protected one
    assert drafts == {"work-in-progress", "awaiting-review", "staff-only", "members-story"}
    assert not Article.objects.filter(title="Thrown away").exists()
    assert "Post 108 “Members' story” was protected by a password: it is now a draft." in imported
    assert "1 articles: status “trash”" in imported


def test_dates_come_from_the_gmt_fields_and_no_date_is_none(imported):
    assert article("harbour-reopens").published_at == datetime(2024, 3, 10, 8, 0, tzinfo=UTC)
    assert article("tomorrow").published_at == datetime(2099, 1, 1, 6, 0, tzinfo=UTC)
    assert article("work-in-progress").published_at is None


def test_titles_are_decoded_and_slugs_kept_or_made_unique(imported):
    assert article("harbour-reopens").title == "Harbour reopens & ships return"
    assert article("harbour-reopens-2").title == "Harbour reopens, again"  # same post_name
    assert article("work-in-progress").title == "Work in progress"  # no post_name: from the title


def test_the_standfirst_is_the_excerpt_or_the_first_paragraph(imported):
    assert article("harbour-reopens").standfirst == "Ships are back in port."
    assert article("gallery-day").standfirst == "Two views of the quay."


def test_wordpress_authors_become_authors(imported):
    assert [a.author.name for a in article("harbour-reopens").bylines.all()] == ["Alice Martin"]
    assert [a.author.name for a in article("small-lead").bylines.all()] == ["Bob Stone"]
    assert Author.objects.filter(slug="carol", name="carol").exists()  # not listed in the export


def test_the_primary_or_first_category_is_the_section_and_the_others_tags(imported):
    first = article("harbour-reopens")
    primary = article("gallery-day")  # Yoast's primary category: science, listed second

    assert first.section.slug == "science" and first.section.name == "Science & Nature"
    assert set(first.tags.values_list("slug", flat=True)) == {"culture", "climate"}
    assert primary.section.slug == "science"
    assert set(primary.tags.values_list("slug", flat=True)) == {"news"}
    assert set(Section.objects.values_list("slug", flat=True)) == {"news", "science", "culture"}
    assert Tag.objects.filter(slug="unused", name="Never used").exists()


def test_a_site_without_categories_gets_one_default_section():
    import_wordpress(export("no-categories.xml"))

    assert list(Section.objects.values_list("name", flat=True)) == ["News"]
    assert Article.objects.filter(section__slug="news").count() == 2


def test_the_default_section_can_be_named():
    import_wordpress(export("no-categories.xml"), "--default-section", "Actualités")

    assert list(Section.objects.values_list("name", "slug")) == [("Actualités", "actualites")]


def test_sticky_posts_become_top_stories_of_the_home_page_once(imported):
    assert "Sticky posts, now top stories of the home page (1):\n  Small lead" in imported
    import_wordpress(export("newsroom.xml"))  # again: nothing placed twice

    top = Front.objects.home().placements.filter(role=Placement.Role.TOP)
    assert [placement.article.slug for placement in top] == ["small-lead"]


def test_comments_follow_the_posts_setting(imported):
    assert article("harbour-reopens").comments_enabled
    assert not article("small-lead").comments_enabled


def test_links_to_other_imported_posts_lead_to_their_new_address_and_make_teasers(imported):
    first, second = article("harbour-reopens"), article("second-story")

    assert "[the second story](/articles/second-story/)" in first.body  # was /?p=104
    assert "\n[Second story](/articles/second-story/)\n" in first.body  # a later post
    assert first.teaser_ids == [second.pk]
    assert second.teaser_ids == [first.pk]


def test_nothing_unsafe_reaches_the_page(imported, client):
    html = client.get(article("harbour-reopens").get_absolute_url()).content.decode()

    assert 'alert("no")' not in html and "onclick" not in html
    assert "Clean paragraph." in html


def test_unknown_shortcodes_are_counted_in_the_summary(imported):
    assert "Shortcodes dropped (1):\n  contact-form-7 ×1" in imported
    assert "Shortcodes kept as text (1):\n  highlight ×1" in imported
    assert "Highlighted words stay." in article("harbour-reopens").body


def test_block_posts_are_imported_with_their_blocks_counted(tmp_path):
    from .conftest import draw

    draw(tmp_path, "2025/01/quay.jpg")
    output = import_wordpress(export("blocks.xml"), "--uploads", tmp_path)

    post = article("a-post-in-blocks")
    assert post.body.startswith("An opening paragraph with **strong** words.\n\n### A subheading")
    assert "[figure 1]" in post.body
    assert "[The harbour in a minute](https://www.youtube.com/watch?v=xyz)" in post.body
    assert "> Boats are back." in post.body
    assert "Classic text between blocks.  \nWith a line break." in post.body
    assert "Subscribe to our letter." in post.body
    assert [(i.alt_text, i.caption) for i in post.images.all()] == [
        ("A stone quay", "The quay at noon")
    ]
    assert "Blocks dropped (1):\n  latest-posts ×1" in output
    assert "Blocks kept as text (1):\n  acme/newsletter-signup ×1" in output


def test_french_content_keeps_its_accents_spaces_and_quotes(client):
    import_wordpress(export("francais.xml"))

    post = Article.objects.get(slug="l-ete-a-paris-les-quais")
    assert post.title == "L’été à Paris\u00a0: « Les quais »"
    assert post.standfirst.startswith(
        "Les quais de Seine accueillent les promeneurs\u00a0: c’est l’été."
    )
    assert (
        "« Nous venons chaque année », dit une habitante. Ça ne désemplit pas\u00a0!" in post.body
    )
    assert post.section.name == "Société" and post.tags.get().name == "Économie"
    assert [b.author.name for b in post.bylines.all()] == ["Hélène Lefèvre"]
    # www. or not, the link leads to the other imported post
    assert post.body.endswith("[La suite](/articles/la-suite/)\n")
    html = client.get(post.get_absolute_url()).content.decode()
    assert "Très bel article\u00a0! « Enfin » des quais propres." in html


def test_everything_made_is_recorded_under_its_wordpress_id(imported):
    recorded = ImportedObject.objects.filter(site="old.example.com", kind="post")

    assert recorded.count() == Article.objects.count() == 10
    assert recorded.get(wordpress_id="104").target == article("second-story")
