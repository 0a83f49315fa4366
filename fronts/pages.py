"""What public pages show of fronts, each declared to the page cache where it is read: the
stories placed on a front (``placed_on``, registered with ``articles.fronts``) and the
breaking-news alert (``breaking_news``, through the context processor)."""

from django.conf import settings
from django.utils import timezone

from articles.dependencies import article_name
from articles.fronts import Placed
from pagecache import depends_on, fragment, keep_until

from . import rules
from .dependencies import BREAKING_NEWS, front_name
from .models import Alert, Placement


def placed_on(section_id):
    """The lead story and top stories readers see now on the front of a section, or of the
    home page (``None``), in one query, kept until the front or one of its articles changes,
    or a placement starts or ends: a list page made again after a comment reads none of it."""
    return fragment(
        f"placed-on:{section_id}",
        lambda: _placed_now(section_id),
        depends_on=[front_name(section_id)],
    )


def _placed_now(section_id):
    placements = list(
        Placement.objects.on_front_of(section_id).not_ended().with_liveness().for_front()
    )
    # Every placed article, shown or not: publishing or unpublishing one changes the front.
    depends_on(*{article_name(placement.article_id) for placement in placements})
    keep_until(rules.next_change(placements, timezone.now()))
    lead, top = rules.choose(placements, top_stories=settings.NEWSROOM_FRONT_TOP_STORIES)
    return Placed(lead=lead, top=top)


def breaking_news():
    """The alert at the top of every HTML page, or None: read once, then kept until an alert
    is written or this one ends."""
    return fragment(
        "breaking-news",
        _current_alert,
        depends_on=[BREAKING_NEWS],
        is_current_value=lambda alert: (
            alert is None or alert.ends_at is None or timezone.now() < alert.ends_at
        ),
    )


def _current_alert():
    alert = Alert.objects.current()
    if alert is not None:
        keep_until(alert.ends_at)
    return alert
