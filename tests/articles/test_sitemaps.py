import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.utils import timezone

from articles.images import renditions
from articles.models import ArticleImage
from articles.sitemaps import SITEMAP_IMAGE_WIDTH
from tests.factories import (
    image_file,
    make_article,
    make_author,
    make_image,
    make_section,
    make_tag,
)

pytestmark = pytest.mark.django_db

NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "image": "http://www.google.com/schemas/sitemap-image/1.1",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}


def xml(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return ET.fromstring(response.content)


def locations(root):
    return [loc.text for loc in root.findall(".//s:loc", NS)]


def test_index_lists_every_sitemap(client):
    make_article()

    sitemaps = locations(xml(client, "/sitemap.xml"))

    for section in ["articles", "news", "sections", "tags", "authors"]:
        assert f"http://testserver/sitemap-{section}.xml" in sitemaps


def test_article_sitemap_lists_published_articles_with_lastmod_and_lead_image(client):
    live = make_article(title="Live")
    image = make_image(live, is_lead=True)
    draft = make_article(published=False)
    scheduled = make_article(published_at=timezone.now() + timedelta(days=1))

    root = xml(client, "/sitemap-articles.xml")
    urls = locations(root)

    assert f"http://testserver{live.get_absolute_url()}" in urls
    assert f"http://testserver{draft.get_absolute_url()}" not in urls
    assert f"http://testserver{scheduled.get_absolute_url()}" not in urls
    [entry] = root.findall("s:url", NS)
    assert entry.find("s:lastmod", NS).text.startswith(f"{live.updated_at:%Y-%m-%d}")
    [image_loc] = entry.findall("image:image/image:loc", NS)
    rendition = renditions.closest(image.renditions, SITEMAP_IMAGE_WIDTH)
    assert image_loc.text == f"http://testserver/media/{rendition['name']}"


def test_a_lead_image_without_renditions_is_not_listed(client):
    image = make_image(make_article(), is_lead=True, image=image_file("zq-waiting.jpg"))
    ArticleImage.objects.filter(pk=image.pk).update(renditions={})

    response = client.get("/sitemap-articles.xml")

    assert "image:image" not in response.content.decode()
    assert "zq-waiting" not in response.content.decode()


def test_news_sitemap_holds_only_the_last_48_hours(client):
    fresh = make_article(title="Fresh", published_at=timezone.now() - timedelta(hours=3))
    old = make_article(title="Old", published_at=timezone.now() - timedelta(days=3))

    root = xml(client, "/sitemap-news.xml")
    urls = locations(root)

    assert f"http://testserver{fresh.get_absolute_url()}" in urls
    assert f"http://testserver{old.get_absolute_url()}" not in urls
    assert root.find(".//news:news/news:title", NS).text == "Fresh"
    assert root.find(".//news:publication/news:language", NS).text == "en"


def test_section_tag_and_author_sitemaps(client):
    section, tag, author = make_section(), make_tag(), make_author()

    assert f"http://testserver{section.get_absolute_url()}" in locations(
        xml(client, "/sitemap-sections.xml")
    )
    assert f"http://testserver{tag.get_absolute_url()}" in locations(
        xml(client, "/sitemap-tags.xml")
    )
    assert f"http://testserver{author.get_absolute_url()}" in locations(
        xml(client, "/sitemap-authors.xml")
    )


def test_robots_txt_points_at_the_sitemap_and_keeps_admin_and_previews_out(client):
    response = client.get("/robots.txt")
    body = response.content.decode()

    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in body
    assert "Disallow: /admin/" in body
    assert "Disallow: /preview/" in body
