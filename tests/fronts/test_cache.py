"""Fronts and the alert in the page cache: never served past a change, written or timed.

Pages are kept for an hour here, far longer than the moments under test, so only what the
cache knows of those moments can make it serve the right page. Each test runs with the page
cache on, and off: then pages are made for each request from the parts kept (the stories
placed, the alert), which must be renewed as pages are.
"""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from fronts.models import Alert, Placement
from fronts.services import post_alert, withdraw_alert
from tests.factories import make_article, make_section
from tests.fronts.factories import make_lead, make_placement

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True, params=[True, False], ids=["pages kept", "parts kept"])
def long_lived_pages(request, settings):
    settings.NEWSROOM_PAGE_CACHE = request.param
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 3600


def lead_title(url="/"):
    page = Client().get(url).content.decode()
    return page.split('class="lead-story__title"><a href="', 1)[1].split(">", 1)[1].split("<")[0]


def test_a_front_changes_at_its_placements_start_and_end_time():
    now = timezone.now()
    make_article(title="The newest", published_at=now - timedelta(hours=1))
    planned = make_article(title="Lead at noon", published_at=now - timedelta(days=1))
    make_lead(planned, starts_at=now + timedelta(minutes=5), ends_at=now + timedelta(minutes=20))

    with time_machine.travel(now, tick=False):
        assert lead_title() == "The newest"
        response = Client().get("/")
        assert lead_title() == "The newest"  # kept...
        assert "s-maxage=60" in response["Cache-Control"]
    with time_machine.travel(now + timedelta(minutes=4, seconds=30), tick=False):
        # ...and a CDN may not keep it past the start either.
        assert "s-maxage=30" in Client().get("/?page=1")["Cache-Control"]

    with time_machine.travel(now + timedelta(minutes=5, seconds=1), tick=False):
        assert lead_title() == "Lead at noon"
        assert lead_title() == "Lead at noon"
    with time_machine.travel(now + timedelta(minutes=20, seconds=1), tick=False):
        assert lead_title() == "The newest"


def test_a_section_front_changes_at_its_placements_end_time():
    now = timezone.now()
    science = make_section(name="Science")
    make_article(title="The newest", section=science, published_at=now - timedelta(hours=1))
    old = make_article(title="Lead until noon", section=science, published_at=now - timedelta(1))
    make_lead(old, section=science, ends_at=now + timedelta(minutes=10))

    with time_machine.travel(now, tick=False):
        assert lead_title(science.get_absolute_url()) == "Lead until noon"
    with time_machine.travel(now + timedelta(minutes=10, seconds=1), tick=False):
        assert lead_title(science.get_absolute_url()) == "The newest"


def test_a_placement_saved_moved_or_removed_shows_at_once():
    now = timezone.now()
    make_article(title="The newest", published_at=now - timedelta(hours=1))
    placed = make_article(title="Placed", published_at=now - timedelta(days=1))
    assert lead_title() == "The newest"

    placement = make_lead(placed)
    assert lead_title() == "Placed"

    placement.role = Placement.Role.TOP
    placement.save()
    assert lead_title() == "The newest"
    assert 'class="top-stories"' in Client().get("/").content.decode()

    placement.delete()
    assert 'class="top-stories"' not in Client().get("/").content.decode()


def test_an_alert_posted_then_withdrawn_shows_and_goes_at_once():
    article = make_article()
    pages = ["/", article.get_absolute_url(), article.section.get_absolute_url()]
    for url in pages:
        assert "Bridge closed" not in Client().get(url).content.decode()

    alert = post_alert(Alert(text="Bridge closed", url="/"))
    assert all("Bridge closed" in Client().get(url).content.decode() for url in pages)

    withdraw_alert(alert)
    assert all("Bridge closed" not in Client().get(url).content.decode() for url in pages)


def test_an_alert_edited_shows_at_once():
    alert = post_alert(Alert(text="Bridge closed", url="/"))
    assert "Bridge closed" in Client().get("/").content.decode()

    alert.text = "Bridge closed until Friday"
    alert.save()

    assert "Bridge closed until Friday" in Client().get("/").content.decode()


def test_pages_with_an_alert_are_not_kept_past_its_end():
    now = timezone.now()
    make_placement(make_article())
    post_alert(Alert(text="Polls close", url="/", ends_at=now + timedelta(minutes=2)))

    with time_machine.travel(now, tick=False):
        assert "s-maxage=60" in Client().get("/")["Cache-Control"]
    with time_machine.travel(now + timedelta(minutes=1, seconds=30), tick=False):
        assert "s-maxage=30" in Client().get("/?page=1")["Cache-Control"]
