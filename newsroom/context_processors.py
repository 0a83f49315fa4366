from django.conf import settings
from django.core.exceptions import DisallowedHost


def site(request):
    """The site's name and the page's canonical address. The header and footer, which show its
    sections and the latest months of the archive, are kept parts (``{% site_header %}``,
    ``{% site_footer %}``)."""
    return {
        "site_name": settings.NEWSROOM_SITE_NAME,
        "canonical_url": canonical_url(request),
    }


def canonical_url(request):
    """The page's own address without tracking or UI parameters; only ``page`` is kept.

    None for a request to a host the site does not serve: its 400 page names no address.
    """
    try:
        url = request.build_absolute_uri(request.path)
    except DisallowedHost:
        return None
    page = request.GET.get("page", "")
    return f"{url}?page={page}" if page.isdigit() and page != "1" else url
