from django.utils.functional import SimpleLazyObject

from .dependencies import site_pages as cached_site_pages


def site_pages(request):
    """The footer's links to the site's pages (lazy: read only if the page shows them)."""
    return {"site_pages": SimpleLazyObject(cached_site_pages)}
