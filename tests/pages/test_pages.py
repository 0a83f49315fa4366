import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError
from django.urls import reverse

from pages.models import Page
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def make_page(**fields):
    fields.setdefault("title", "About us")
    fields.setdefault("slug", "about")
    fields.setdefault("body", "We are a *small* newsroom.\n\n## Contact\n\nWrite to us.")
    return Page.objects.create(**fields)


def test_a_page_is_shown_at_its_own_address(client):
    page = make_page()

    response = client.get("/about/")

    assert page.get_absolute_url() == "/about/"
    assert response.status_code == 200
    html = response.content.decode()
    assert "<em>small</em>" in html and "<h2>Contact</h2>" in html


def test_an_unpublished_page_is_not_found(client):
    make_page(is_published=False)

    assert client.get("/about/").status_code == 404


def test_the_body_goes_through_the_articles_sanitizer(client):
    page = make_page(
        body='<script>alert("x")</script>[click](javascript:alert(1)) <img src=x onerror=y>'
    )

    assert "<script" not in page.body_html
    assert "javascript:" not in page.body_html
    assert "onerror" not in page.body_html


def test_a_page_cannot_take_an_address_another_part_of_the_site_answers():
    for slug in ["search", "feed", "admin"]:
        with pytest.raises(ValidationError) as raised:
            Page(title="Clash", slug=slug).full_clean()
        assert "slug" in raised.value.message_dict


def test_each_role_belongs_to_one_page_at_most():
    make_page(slug="privacy", role=Page.Role.PRIVACY)

    with pytest.raises(IntegrityError):
        make_page(slug="privacy-2", role=Page.Role.PRIVACY)


def test_several_pages_may_have_no_role():
    make_page(slug="one")
    make_page(slug="two")

    assert Page.objects.filter(role="").count() == 2


def test_footer_links_to_published_footer_pages_in_order(client):
    make_page(title="Legal notice", slug="legal", in_footer=True, footer_position=2)
    make_page(title="About us", slug="about", in_footer=True, footer_position=1)
    make_page(title="Hidden draft", slug="draft", in_footer=True, is_published=False)
    make_page(title="Not in the footer", slug="elsewhere")

    html = client.get(reverse("articles:home")).content.decode()

    footer = html[html.index('<footer class="site-footer">') :]
    assert footer.index('href="/about/"') < footer.index('href="/legal/"')
    assert "Hidden draft" not in footer and "Not in the footer" not in footer


def test_saving_a_page_renews_cached_pages(client, settings):
    settings.NEWSROOM_PAGE_CACHE = True
    page = make_page(in_footer=True)
    assert "About us" in client.get("/").content.decode()

    page.title = "Who we are"
    page.save()

    assert "Who we are" in client.get("/").content.decode()


def test_pages_are_cached_like_other_pages(client, settings):
    settings.NEWSROOM_PAGE_CACHE = True
    make_page()

    first = client.get("/about/")
    Page.objects.filter(slug="about").update(title="Changed without a save")
    second = client.get("/about/")

    assert "public" in first["Cache-Control"]
    assert second.content == first.content


def test_the_comment_form_notice_links_to_the_privacy_policy(client):
    article = make_article()
    make_page(title="Privacy policy", slug="privacy", role=Page.Role.PRIVACY)

    html = client.get(article.get_absolute_url()).content.decode()

    notice = html[html.index('id="comment-notes"') :].split("</p>")[0]
    assert 'href="/privacy/"' in notice
    assert "will not be published" in notice


def test_without_a_privacy_policy_the_notice_has_no_link(client):
    article = make_article()

    html = client.get(article.get_absolute_url()).content.decode()

    notice = html[html.index('id="comment-notes"') :].split("</p>")[0]
    # Only the link to the commenter's own data, no privacy policy's.
    assert re.findall(r'href="([^"]*)"', notice) == [reverse("comments:your-data")]


def test_published_pages_are_in_the_sitemap(client):
    make_page()
    make_page(slug="draft", title="Draft", is_published=False)

    xml = client.get(reverse("sitemap_section", kwargs={"section": "pages"})).content.decode()

    assert "/about/</loc>" in xml
    assert "/draft/" not in xml
    assert "sitemap-pages.xml" in client.get(reverse("sitemap")).content.decode()


def test_editors_edit_pages_in_the_admin(admin_client):
    response = admin_client.post(
        reverse("admin:pages_page_add"),
        {
            "title": "Legal notice",
            "slug": "legal",
            "body": "Publisher: **Newsroom Media**.",
            "role": "legal",
            "is_published": "on",
            "in_footer": "on",
            "footer_position": "2",
        },
    )

    assert response.status_code == 302
    assert "<strong>Newsroom Media</strong>" in Page.objects.get(slug="legal").body_html


@pytest.mark.parametrize(
    ("language", "titles"),
    [
        ("en", {"About us", "Legal notice", "Privacy policy"}),
        ("fr", {"Qui sommes-nous ?", "Mentions légales", "Politique de confidentialité"}),
    ],
)
@pytest.mark.usefixtures("small_demo_pictures")
def test_seed_demo_creates_the_three_pages_in_each_language(language, titles):
    call_command("seed_demo", "--language", language, "--articles", "0", stdout=io.StringIO())
    call_command("seed_demo", "--language", language, "--articles", "0", stdout=io.StringIO())

    pages = Page.objects.all()
    assert {page.title.replace("\u00a0", " ") for page in pages} == titles
    assert {page.role for page in pages} == {"about", "legal", "privacy"}
    assert {page.slug for page in pages} == {"about", "legal", "privacy"}
    assert all(page.in_footer and page.is_published and page.body_html for page in pages)
