"""The site's pages in the page cache: what shows them, and what renews it.

``site-pages`` is what every HTML page shows of them: the footer's links and the comment
form's link to the privacy policy. ``page:<id>`` is a page as its own address shows it. A page
saved or deleted renews both; the footer's links are read once per change, like the menu.
"""

from dataclasses import dataclass

from pagecache import depends_on, fragment, renew

from .models import Page

SITE_PAGES = "site-pages"
page_name = "page:{}".format  # by primary key


def page_changed(sender, instance, **kwargs):
    renew(SITE_PAGES, page_name(instance.pk))


def declare_page(page):
    depends_on(page_name(page.pk))


@dataclass(frozen=True)
class SitePages:
    footer: list  # [(title, address)], in footer order
    privacy_url: str  # "" while the site has no published privacy policy


def site_pages():
    """The footer's page links and the privacy policy's address, made once until pages change."""
    return fragment("site-pages", _make_site_pages, depends_on=[SITE_PAGES])


def _make_site_pages():
    footer, privacy_url = [], ""
    for page in Page.objects.linked_from_every_page():
        if page.in_footer:
            footer.append((page.title, page.get_absolute_url()))
        if page.role == Page.Role.PRIVACY:
            privacy_url = page.get_absolute_url()
    return SitePages(footer=footer, privacy_url=privacy_url)
