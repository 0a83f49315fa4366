"""What readers see on a front: the lead story and top stories editors placed, then the latest
articles without them. Only articles readers may see ever show; a placement shows from its start
to its end time, by itself."""

import re
from dataclasses import dataclass
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from articles.models import Article
from tests.factories import make_article, make_section
from tests.fronts.factories import make_lead, make_placement

pytestmark = pytest.mark.django_db

LEAD = re.compile(r'class="lead-story__title"><a href="[^"]*">([^<]*)</a>')
CARD = re.compile(r'class="article-card__title"><a href="[^"]*">([^<]*)</a>')


@dataclass
class Front:
    lead: str | None
    top: list[str]
    latest: list[str]

    @property
    def titles(self):
        return [*([self.lead] if self.lead else []), *self.top, *self.latest]


def front(url="/"):
    """The titles a reader sees on a page, by part: lead story, top stories, the rest."""
    response = Client().get(url)
    assert response.status_code == 200
    page = response.content.decode()
    lead = LEAD.search(page)
    top, _, latest = page.partition("</section>") if "top-stories" in page else ("", "", page)
    return Front(
        lead=lead.group(1) if lead else None, top=CARD.findall(top), latest=CARD.findall(latest)
    )


def articles(*titles, **fields):
    """``{title: article}``: published articles, the first the newest, an hour apart."""
    now = timezone.now()
    return {
        title: make_article(title=title, published_at=now - timedelta(hours=n), **fields)
        for n, title in enumerate(titles, start=1)
    }


def test_a_front_with_nothing_placed_is_the_latest_articles_the_newest_leading():
    articles("Newest", "Older", "Oldest")

    assert front() == Front(lead="Newest", top=[], latest=["Older", "Oldest"])


def test_the_placed_lead_story_leads_whatever_its_age():
    s = articles("Newest", "Older", "Oldest")
    make_lead(s["Oldest"])

    assert front() == Front(lead="Oldest", top=[], latest=["Newest", "Older"])


def test_top_stories_follow_the_lead_in_the_editors_order_and_the_rest_without_them():
    s = articles("A", "B", "C", "D", "E")
    make_lead(s["C"])
    make_placement(s["E"], position=1)
    make_placement(s["A"], position=2)

    assert front() == Front(lead="C", top=["E", "A"], latest=["B", "D"])


def test_without_a_placed_lead_the_newest_article_not_placed_leads():
    s = articles("A", "B", "C")
    make_placement(s["A"])

    assert front() == Front(lead="B", top=["A"], latest=["C"])


def test_at_most_the_configured_number_of_top_stories_show(settings):
    settings.NEWSROOM_FRONT_TOP_STORIES = 2
    s = articles("A", "B", "C", "D")
    for article in [s["D"], s["C"], s["B"]]:
        make_placement(article)

    shown = front()

    # The third waits its turn; meanwhile it is one of the latest articles.
    assert shown == Front(lead="A", top=["D", "C"], latest=["B"])


def test_an_article_placed_twice_shows_once():
    s = articles("A", "B", "C")
    make_lead(s["C"])
    make_placement(s["C"])
    make_placement(s["B"])
    make_placement(s["B"])

    assert front() == Front(lead="C", top=["B"], latest=["A"])


def test_the_first_lead_story_shown_leads_the_others_wait():
    s = articles("A", "B", "C")
    make_lead(s["B"], position=1)
    make_lead(s["C"], position=2)

    assert front() == Front(lead="B", top=[], latest=["A", "C"])


@pytest.mark.parametrize(
    "change",
    [
        {"status": Article.Status.DRAFT},
        {"published_at": timezone.now() + timedelta(days=1)},
    ],
    ids=["draft", "scheduled"],
)
def test_a_placed_article_readers_may_not_see_is_skipped(change):
    s = articles("A", "B", "Hidden")
    Article.objects.filter(pk=s["Hidden"].pk).update(**change)
    make_lead(s["Hidden"])
    make_placement(s["Hidden"])

    shown = front()

    assert shown == Front(lead="A", top=[], latest=["B"])
    assert "Hidden" not in Client().get(s["Hidden"].section.get_absolute_url()).content.decode()


def test_a_placed_article_shows_once_published_and_leaves_when_unpublished():
    articles("A", "B")
    draft = make_article(title="Draft", published=False)
    make_placement(draft)
    assert front().top == []

    draft.status = Article.Status.PUBLISHED
    draft.save()
    assert front().top == ["Draft"]

    draft.status = Article.Status.DRAFT
    draft.save()
    assert front().top == []


def test_a_placement_shows_from_its_start_until_its_end(settings):
    settings.NEWSROOM_PAGE_CACHE = False  # this is about what shows, not about the cache
    s = articles("A", "B")
    now = timezone.now()
    make_placement(s["B"], starts_at=now + timedelta(hours=1), ends_at=now + timedelta(hours=2))

    assert front().top == []
    with time_machine.travel(now + timedelta(hours=1, seconds=1)):
        assert front().top == ["B"]
    with time_machine.travel(now + timedelta(hours=2)):
        assert front().top == []


def test_the_latest_articles_never_repeat_the_placed_ones_on_later_pages():
    stories = articles(*(f"Story {n:02}" for n in range(1, 23)))
    make_placement(stories["Story 22"])  # the oldest

    first, second = front(), front("/?page=2")

    assert first.top == ["Story 22"]
    assert second.lead is None
    assert second.latest == ["Story 21"]
    assert len(first.titles + second.titles) == len(set(first.titles + second.titles)) == 22


def test_a_section_front_has_its_own_lead_and_top_stories():
    science = make_section(name="Science")
    s = articles("A", "B", "C", section=science)
    make_lead(s["C"], section=science)
    make_placement(s["B"], section=science)

    assert front(science.get_absolute_url()) == Front(lead="C", top=["B"], latest=["A"])
    assert front() == Front(lead="A", top=[], latest=["B", "C"])


def test_the_home_page_placements_leave_section_pages_alone():
    science = make_section(name="Science")
    s = articles("A", "B", section=science)
    make_lead(s["B"])

    assert front(science.get_absolute_url()) == Front(lead="A", top=[], latest=["B"])


def test_a_front_without_any_article_says_so():
    page = Client().get("/").content.decode()

    assert "No articles yet." in page
