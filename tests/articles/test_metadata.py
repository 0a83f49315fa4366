import json
import re
from html.parser import HTMLParser

import pytest

from tests.factories import make_article, make_author, make_image, make_section, make_tag

pytestmark = pytest.mark.django_db


class HeadParser(HTMLParser):
    """Collects <meta>, <link>, <title>, <html lang> and JSON-LD blocks of a page."""

    def __init__(self):
        super().__init__()
        self.meta, self.links, self.json_ld, self.title, self.lang = {}, [], [], "", None
        self._in = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        elif tag == "meta":
            key = attrs.get("property") or attrs.get("name")
            if key:
                self.meta.setdefault(key, []).append(attrs.get("content"))
        elif tag == "link":
            self.links.append(attrs)
        elif tag == "title" or (tag == "script" and attrs.get("type") == "application/ld+json"):
            self._in = tag

    def handle_endtag(self, tag):
        if tag == self._in:
            self._in = None

    def handle_data(self, data):
        if self._in == "title":
            self.title += data
        elif self._in == "script":
            self.json_ld.append(json.loads(data))


def head(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    parser = HeadParser()
    parser.feed(response.content.decode())
    return parser


@pytest.fixture
def article():
    section, tag = make_section(name="Science"), make_tag(name="Oceans")
    article = make_article(
        title="Reef recovers",
        standfirst="Coral is back after a decade.",
        section=section,
        tags=[tag],
        authors=[make_author(name="Ana Lopez")],
    )
    make_image(
        article,
        is_lead=True,
        alt_text="Coral and fish",
        caption="The reef in May",
        credit="J. Diver",
        credit_url="https://example.org/jdiver",
        licence="CC BY 4.0",
    )
    return article


def test_article_json_ld_describes_a_news_article(client, article):
    [data] = head(client, article.get_absolute_url()).json_ld
    url = f"http://testserver{article.get_absolute_url()}"

    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Reef recovers"
    assert data["datePublished"] == article.published_at.isoformat()
    assert data["dateModified"] == article.updated_at.isoformat()
    assert data["author"] == [
        {
            "@type": "Person",
            "name": "Ana Lopez",
            "url": "http://testserver/authors/" + article.byline_authors[0].slug + "/",
        }
    ]
    assert data["publisher"]["name"] == "Newsroom"
    assert data["publisher"]["logo"]["url"].startswith("http://testserver/static/img/logo")
    assert data["mainEntityOfPage"] == {"@type": "WebPage", "@id": url}
    [image] = data["image"]
    assert image["@type"] == "ImageObject"
    assert image["url"].startswith("http://testserver/media/")
    assert image["width"] > 0 and image["height"] > 0
    assert image["creditText"] == "J. Diver"
    assert image["creator"] == {
        "@type": "Person",
        "name": "J. Diver",
        "url": "https://example.org/jdiver",
    }
    assert image["license"] == "CC BY 4.0"


def test_json_ld_cannot_be_closed_by_editor_text(client):
    article = make_article(title="</script><script>alert(1)</script>")

    html = client.get(article.get_absolute_url()).content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)

    assert "<" not in block
    assert json.loads(block)["headline"] == "</script><script>alert(1)</script>"


def test_article_open_graph_and_twitter_card(client, article):
    meta = head(client, article.get_absolute_url()).meta

    assert meta["og:type"] == ["article"]
    assert meta["og:title"] == ["Reef recovers"]
    assert meta["og:description"] == ["Coral is back after a decade."]
    assert meta["article:published_time"] == [article.published_at.isoformat()]
    assert meta["article:modified_time"] == [article.updated_at.isoformat()]
    assert meta["article:section"] == ["Science"]
    assert meta["article:tag"] == ["Oceans"]
    assert meta["og:image"][0].startswith("http://testserver/media/")
    assert int(meta["og:image:width"][0]) > 0 and int(meta["og:image:height"][0]) > 0
    assert meta["twitter:card"] == ["summary_large_image"]


def test_every_page_has_lang_a_unique_title_a_description_and_a_canonical_url(client, article):
    author = article.byline_authors[0]
    urls = [
        "/",
        article.get_absolute_url(),
        article.section.get_absolute_url(),
        author.get_absolute_url(),
        article.tags.get().get_absolute_url(),
    ]
    titles = []
    for url in urls:
        page = head(client, url)
        assert page.lang == "en"
        assert page.meta["description"][0].strip(), url
        canonical = [link["href"] for link in page.links if link.get("rel") == "canonical"]
        assert canonical == [f"http://testserver{url}"], url
        titles.append(page.title.strip())
    assert len(set(titles)) == len(titles), titles


def test_canonical_url_keeps_the_page_number_and_drops_other_parameters(client):
    section = make_section()
    for _ in range(21):
        make_article(section=section)

    page_two = head(client, "/?page=2&utm_source=x")
    first = head(client, "/?utm_source=x")

    assert [link["href"] for link in page_two.links if link.get("rel") == "canonical"] == [
        "http://testserver/?page=2"
    ]
    assert [link["href"] for link in first.links if link.get("rel") == "canonical"] == [
        "http://testserver/"
    ]
    assert {"rel": "prev", "href": "/"} in page_two.links
    assert {"rel": "next", "href": "/?page=2"} in first.links
