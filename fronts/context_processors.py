from django.utils.functional import SimpleLazyObject

from .pages import breaking_news as current_breaking_news


def breaking_news(request):
    """The breaking-news alert for base.html (lazy: read only by pages that show it)."""
    return {"breaking_news": SimpleLazyObject(current_breaking_news)}
