"""The site's pages and the page cache, in one place.

A page's title, address or text is on every public page (the footer links, the comment form's
privacy link), so saving or deleting one makes every cached page out of date. The footer's
links are read once per change, like the menu's sections.
"""

from dataclasses import dataclass

from newsroom.pagecache import fragment, pages_changed


def page_changed(sender, **kwargs):
    pages_changed()


@dataclass(frozen=True)
class SitePages:
    footer: list  # [(title, address)], in footer order
    privacy_url: str  # "" while the site has no published privacy policy


def site_pages():
    """The footer's page links and the privacy policy's address, made once until pages change."""
    return fragment("site-pages", _make_site_pages)


def _make_site_pages():
    from .models import Page

    footer, privacy_url = [], ""
    for page in Page.objects.linked_from_every_page():
        if page.in_footer:
            footer.append((page.title, page.get_absolute_url()))
        if page.role == Page.Role.PRIVACY:
            privacy_url = page.get_absolute_url()
    return SitePages(footer=footer, privacy_url=privacy_url)
