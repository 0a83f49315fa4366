"""Breaking news: one alert at a time, on every public page, until it ends or is withdrawn."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from fronts.models import Alert
from fronts.services import post_alert, withdraw_alert
from fronts.validators import validate_link, validate_one_line
from tests.factories import make_article, make_author, make_tag
from tests.fronts.factories import make_alert

pytestmark = pytest.mark.django_db

BANNER = 'class="breaking-news" role="status"'


def banner(url="/"):
    """The alert's text and link as a reader sees them on ``url``, or None."""
    page = Client().get(url).content.decode()
    if BANNER not in page:
        return None
    line = page.split(BANNER, 1)[1].split("</div>", 1)[0]
    return line


@pytest.fixture
def pages():
    tag, author = make_tag(), make_author()
    article = make_article(tags=[tag], authors=[author])
    month = timezone.localtime(article.published_at)
    return {
        "home": "/",
        "section": article.section.get_absolute_url(),
        "tag": tag.get_absolute_url(),
        "author": author.get_absolute_url(),
        "article": article.get_absolute_url(),
        "search": "/search/?q=article",
        "archive": f"/archive/{month.year}/{month.month:02}/",
        "not found": "/no-such-page/",
    }


def test_an_alert_shows_on_every_public_page_with_its_link(pages):
    make_alert(text="Storm: the coast road is closed", url="/articles/storm/")

    shown = {name: banner(url) for name, url in pages.items()}

    for name, line in shown.items():
        assert line is not None, name
        assert '<a class="breaking-news__link" href="/articles/storm/">' in line, name
        assert "Storm: the coast road is closed</a>" in line, name


def test_feeds_and_sitemaps_carry_no_alert():
    make_article()
    make_alert(text="Storm: the coast road is closed")

    for url in ["/feed/", "/feed/atom/", "/sitemap-articles.xml"]:
        assert "coast road" not in Client().get(url).content.decode(), url


def test_without_an_alert_pages_have_no_banner(pages):
    assert {name: banner(url) for name, url in pages.items()} == dict.fromkeys(pages)


def test_the_alert_text_and_link_are_escaped():
    make_alert(text='<script>alert("x")</script>', url='/search/?q="><b>')

    line = banner()

    assert "&lt;script&gt;" in line and "<script>" not in line
    assert 'href="/search/?q=&quot;&gt;&lt;b&gt;"' in line


def test_a_new_alert_replaces_the_one_showing():
    first = post_alert(Alert(text="First", url="/first/"))

    second = post_alert(Alert(text="Second", url="/second/"))

    first.refresh_from_db()
    assert first.withdrawn_at is not None
    assert second.withdrawn_at is None
    assert list(Alert.objects.showing()) == [second]
    assert "Second" in banner() and "First" not in banner()


def test_a_withdrawn_alert_shows_no_more():
    alert = post_alert(Alert(text="Gone soon", url="/"))

    withdraw_alert(alert)

    assert banner() is None
    assert Alert.objects.current() is None


def test_an_alert_leaves_every_page_by_itself_at_its_end(settings, pages):
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 3600  # pages would be kept longer than the alert
    now = timezone.now()
    make_alert(text="Until noon", ends_at=now + timedelta(minutes=5))
    with time_machine.travel(now, tick=False):
        assert all("Until noon" in banner(url) for url in pages.values())

    with time_machine.travel(now + timedelta(minutes=5, seconds=1), tick=False):
        assert {name: banner(url) for name, url in pages.items()} == dict.fromkeys(pages)


def test_the_newest_alert_showing_is_the_one_shown():
    """Two alerts showing at once (written behind the service's back) never show together."""
    make_alert(text="Older", created_at=timezone.now() - timedelta(minutes=5))
    make_alert(text="Newer")

    assert "Newer" in banner() and "Older" not in banner()


@pytest.mark.parametrize(
    "link",
    ["/articles/storm/", "/search/?q=storm#results", "https://example.org/live", "http://x.org"],
)
def test_an_alert_may_link_to_this_site_or_a_web_address(link):
    validate_link(link)


@pytest.mark.parametrize(
    "link",
    [
        "javascript:alert(1)",
        "data:text/html,hi",
        "ftp://example.org/file",
        "//elsewhere.example/",
        "/\\elsewhere.example/",
        "/articles/a story/",
        "articles/storm/",
        "",
    ],
)
def test_an_alert_refuses_other_links(link):
    with pytest.raises(ValidationError):
        validate_link(link)


@pytest.mark.parametrize("text", ["Two\nlines", "Two\rlines", "Two\u2028lines"])
def test_an_alert_keeps_to_one_line(text):
    with pytest.raises(ValidationError):
        validate_one_line(text)


def test_an_alert_cannot_end_before_it_is_posted():
    alert = Alert(text="Late", url="/", ends_at=timezone.now() - timedelta(minutes=1))

    with pytest.raises(ValidationError) as error:
        alert.full_clean()

    assert "ends_at" in error.value.message_dict
