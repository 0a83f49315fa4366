from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET
from django.views.static import serve


@require_GET
def robots_txt(request):
    """Crawlers may read everything public; the admin and staff previews stay out."""
    lines = [
        "User-agent: *",
        f"Disallow: {reverse('admin:index')}",
        f"Disallow: {reverse('articles:preview', kwargs={'pk': 0}).rsplit('0/', 1)[0]}",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def renditions(request, path):
    """A rendition file for the development server, with the headers nginx sends (no script
    may run in a media response). Never used in production, where nginx serves them."""
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
