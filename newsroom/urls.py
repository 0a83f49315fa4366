from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _

from articles.sitemaps import SITEMAPS as ARTICLE_SITEMAPS
from pages.sitemaps import PageSitemap

from . import health
from .views import renditions, robots_txt

SITEMAPS = {**ARTICLE_SITEMAPS, "pages": PageSitemap}

admin.site.site_header = _("Newsroom administration")
admin.site.site_title = _("Newsroom")
admin.site.index_title = _("Publishing and moderation")

urlpatterns = [
    path(settings.NEWSROOM_ADMIN_PATH, admin.site.urls),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("healthz", health.healthz, name="healthz"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS, "template_name": "sitemaps/sitemap.xml"},
        name="sitemap_section",
    ),
    path("", include("comments.urls")),
    path("", include("articles.urls")),
    # Last: a page's address (/about/) is any that no other part of the site answers.
    path("", include("pages.urls")),
]


def development_media():
    """What the development server (``make run``) serves of uploads: renditions, from
    MEDIA_ROOT, as nginx does in production (deploy/nginx). Originals have no URL at all."""
    prefix = settings.MEDIA_URL.strip("/")
    return [re_path(rf"^{prefix}/(?P<path>renditions/.+)$", renditions, name="renditions")]


if settings.DEBUG:
    urlpatterns += development_media()
