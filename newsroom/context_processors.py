from django.conf import settings

from articles.models import Article, Section

FOOTER_ARCHIVE_MONTHS = 6


def site(request):
    """What every public page's header and footer need: the site's name, its sections and the
    latest months of the archive (lazy querysets: they run only if the page shows them)."""
    return {
        "site_name": settings.NEWSROOM_SITE_NAME,
        "canonical_url": canonical_url(request),
        "nav_sections": Section.objects.in_navigation(),
        "archive_months": Article.objects.published().dates("published_at", "month", order="DESC")[
            :FOOTER_ARCHIVE_MONTHS
        ],
    }


def canonical_url(request):
    """The page's own address without tracking or UI parameters; only ``page`` is kept."""
    url = request.build_absolute_uri(request.path)
    page = request.GET.get("page", "")
    return f"{url}?page={page}" if page.isdigit() and page != "1" else url
