from django.conf import settings

from articles.models import Section


def site(request):
    """What every public page's header and footer need: the site's name and its sections."""
    return {
        "site_name": settings.NEWSROOM_SITE_NAME,
        "nav_sections": Section.objects.in_navigation(),
    }
