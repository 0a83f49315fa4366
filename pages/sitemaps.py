from django.contrib.sitemaps import Sitemap

from pagecache import depends_on

from .dependencies import SITE_PAGES
from .models import Page


class PageSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        depends_on(SITE_PAGES)  # renewed by any page saved or deleted
        return Page.objects.published().order_by("pk")

    def lastmod(self, page):
        return page.updated_at
