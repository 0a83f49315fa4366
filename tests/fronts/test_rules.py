"""The rules of what a front shows, as pure functions of its placements (fronts/rules.py)."""

from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

from fronts.models import Placement
from fronts.rules import choose, next_change

NOW = datetime(2025, 6, 15, 12, 0, tzinfo=UTC)
LEAD, TOP = Placement.Role.LEAD, Placement.Role.TOP


def placed(article_id, role=TOP, *, live=True, starts_at=None, ends_at=None):
    article = SimpleNamespace(pk=article_id)
    return SimpleNamespace(
        article=article,
        article_id=article_id,
        role=role,
        is_live=live,
        starts_at=starts_at,
        ends_at=ends_at,
    )


def ids(lead_and_top):
    lead, top = lead_and_top
    return (lead.pk if lead else None, [article.pk for article in top])


def test_the_first_live_lead_leads_and_live_top_stories_keep_their_order():
    placements = [placed(1, LEAD, live=False), placed(2), placed(3, LEAD), placed(4, LEAD)]
    placements += [placed(5, live=False), placed(6)]

    assert ids(choose(placements, top_stories=6)) == (3, [2, 6])


def test_no_article_shows_twice_and_the_lead_is_not_repeated():
    placements = [placed(1, LEAD), placed(1), placed(2), placed(2), placed(3)]

    assert ids(choose(placements, top_stories=6)) == (1, [2, 3])


def test_top_stories_stop_at_the_limit():
    placements = [placed(n) for n in range(1, 10)]

    assert ids(choose(placements, top_stories=3)) == (None, [1, 2, 3])
    assert ids(choose(placements, top_stories=0)) == (None, [])


def test_the_next_change_is_the_first_start_or_end_to_come():
    hour = timedelta(hours=1)
    placements = [
        placed(1, starts_at=NOW - hour, ends_at=NOW + 3 * hour),
        placed(2, starts_at=NOW + 2 * hour),
        placed(3, ends_at=NOW - hour),
        placed(4),
    ]

    assert next_change(placements, NOW) == NOW + 2 * hour
    assert next_change(placements[2:], NOW) is None
