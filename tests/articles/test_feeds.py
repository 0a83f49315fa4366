from datetime import timedelta

import feedparser
import pytest
from django.utils import timezone

from tests.factories import make_article, make_author, make_image, make_section, make_tag

pytestmark = pytest.mark.django_db


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, feed.get("bozo_exception")
    return feed


@pytest.fixture
def newsroom():
    section, tag, author = (
        make_section(name="Science"),
        make_tag(name="Space"),
        make_author(name="Lea Martin"),
    )
    live = make_article(
        title="Comet seen from Lyon",
        standfirst="Amateurs caught it at dawn.",
        section=section,
        tags=[tag],
        authors=[author],
    )
    make_image(live, is_lead=True)
    make_article(title="Draft comet", published=False, section=section, tags=[tag])
    make_article(
        title="Scheduled comet",
        published_at=timezone.now() + timedelta(hours=5),
        section=section,
        tags=[tag],
        authors=[author],
    )
    return {"section": section, "tag": tag, "author": author, "live": live}


def feed_urls(newsroom):
    urls = ["/feed/", "/feed/atom/"]
    for owner in ("section", "tag", "author"):
        base = newsroom[owner].get_absolute_url()
        urls += [f"{base}feed/", f"{base}feed/atom/"]
    return urls


def test_every_feed_is_well_formed_and_lists_only_published_articles(client, newsroom):
    for url in feed_urls(newsroom):
        feed = parse(client, url)
        assert [entry.title for entry in feed.entries] == ["Comet seen from Lyon"], url


def test_rss_items_carry_link_summary_dates_author_categories_and_image(client, newsroom):
    feed = parse(client, "/feed/")
    [entry] = feed.entries
    live = newsroom["live"]

    assert entry.link.endswith(live.get_absolute_url())
    assert entry.summary == "Amateurs caught it at dawn."
    assert entry.published_parsed is not None
    assert entry.author == "Lea Martin"
    assert {tag.term for tag in entry.tags} == {"Science", "Space"}
    [enclosure] = entry.enclosures
    assert enclosure.type.startswith("image/")
    assert int(enclosure.length) > 0


def test_atom_entries_carry_updated_time(client, newsroom):
    [entry] = parse(client, "/feed/atom/").entries

    assert entry.updated_parsed is not None
    assert entry.published_parsed is not None


def test_feed_holds_the_latest_thirty_articles(client):
    section = make_section()
    for _ in range(32):
        make_article(section=section)

    assert len(parse(client, "/feed/").entries) == 30


def test_feed_of_unknown_section_is_not_found(client):
    assert client.get("/sections/nowhere/feed/").status_code == 404


def test_pages_advertise_their_feeds(client, newsroom):
    home = client.get("/").content.decode()
    section = client.get(newsroom["section"].get_absolute_url()).content.decode()

    assert 'type="application/rss+xml"' in home and 'href="/feed/"' in home
    assert 'href="/feed/atom/"' in home
    assert f'href="{newsroom["section"].get_absolute_url()}feed/"' in section
