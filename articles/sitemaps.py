"""Sitemaps for search engines: articles (with their lead images), a Google News sitemap of the
last 48 hours, sections, tags and authors."""

from datetime import timedelta

from django.contrib.sitemaps import Sitemap
from django.core.files.storage import default_storage
from django.db.models import Max
from django.utils import timezone

from pagecache import depends_on

from . import dependencies
from .images import renditions
from .models import Article, Author, Section, Tag

NEWS_WINDOW = timedelta(hours=48)
SITEMAP_IMAGE_WIDTH = 1440


class ArticleSitemap(Sitemap):
    changefreq = "daily"
    limit = 5000

    def items(self):
        depends_on(dependencies.ARTICLES)
        return Article.objects.published().for_listing().order_by("-published_at", "-id")

    def lastmod(self, article):
        return article.updated_at

    def get_latest_lastmod(self):
        """For the sitemap index, in one query: Django's default loads every article."""
        return self.items().aggregate(latest=Max("updated_at"))["latest"]

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        base = f"{protocol or self.get_protocol()}://{self.get_domain(site)}"
        for url in urls:
            url["images"] = self.images_of(url["item"], base)
        return urls

    @staticmethod
    def images_of(article, base):
        image = article.lead_image
        if image is None:
            return []
        rendition = renditions.closest(image.renditions, SITEMAP_IMAGE_WIDTH)
        if rendition is None:  # not made yet; the original is never listed
            return []
        url = default_storage.url(rendition["name"])
        return [{"location": base + url, "caption": image.caption}]


class NewsSitemap(ArticleSitemap):
    """Articles published in the last 48 hours, in the Google News format."""

    def items(self):
        since = timezone.now() - NEWS_WINDOW
        return super().items().filter(published_at__gte=since)

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        for url in urls:
            url["news"] = {"title": url["item"].title, "published": url["item"].published_at}
        return urls


class OwnerSitemap(Sitemap):
    changefreq = "daily"
    model = None
    shown = None  # the page cache's name of them all

    def items(self):
        depends_on(self.shown)
        return self.model.objects.order_by("pk")


class SectionSitemap(OwnerSitemap):
    model, shown = Section, dependencies.NAV


class TagSitemap(OwnerSitemap):
    model, shown = Tag, dependencies.TAGS


class AuthorSitemap(OwnerSitemap):
    model, shown = Author, dependencies.AUTHORS


SITEMAPS = {
    "articles": ArticleSitemap,
    "news": NewsSitemap,
    "sections": SectionSitemap,
    "tags": TagSitemap,
    "authors": AuthorSitemap,
}
