"""What every public page's header and footer list: the menu's sections and the archive's latest
months, read once until they change."""

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import DateField, Min
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import get_language

from articles.dependencies import NAV
from articles.models import Article, Section
from pagecache import fragment

FOOTER_ARCHIVE_MONTHS = 6


@dataclass(frozen=True)
class SiteLists:
    sections: list[Section]
    archive_months: list[date]
    # When a scheduled article comes out in a month the archive does not list yet.
    valid_until: datetime | None


def site_lists():
    """The menu's sections and the footer's months, made once until pages change.

    Finding the months reads the date of every published article (on SQLite, through a Python
    function), so they are kept in the fragment cache. A scheduled article comes out without a
    write, so the lists also hold when a new month appears by itself, and are made again then.
    """
    return fragment(
        f"site-lists:{get_language()}:{timezone.get_current_timezone_name()}",
        _make_site_lists,
        depends_on=[NAV],
        is_current_value=lambda lists: (
            lists.valid_until is None or timezone.now() < lists.valid_until
        ),
    )


def _make_site_lists():
    sections = list(Section.objects.in_navigation())
    # Each month of published articles, scheduled ones included, with its first publication
    # time: a month whose first article is still to come joins the archive at that time.
    months = (
        Article.objects.published_or_scheduled()
        .annotate(month=TruncMonth("published_at", output_field=DateField()))
        .values("month")
        .annotate(first=Min("published_at"))
        .order_by("-month")
    )
    now = timezone.now()
    shown, coming = [], []
    for month in months:
        if month["first"] <= now:
            shown.append(month["month"])
        else:
            coming.append(month["first"])
    return SiteLists(
        sections=sections,
        archive_months=shown[:FOOTER_ARCHIVE_MONTHS],
        valid_until=min(coming, default=None),
    )
