"""RSS 2.0 and Atom feeds of the latest published articles: the whole site, or one section,
tag or author."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.core.files.storage import default_storage
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed, Enclosure
from django.utils.translation import gettext_lazy as _

from pagecache import depends_on

from . import dependencies
from .images import renditions
from .models import Article, Author, Section, Tag
from .models.notes import with_latest_note

FEED_LENGTH = 30
ENCLOSURE_WIDTH = 1200


def as_view(feed_class):
    """A view making a new feed for each request: feeds keep the request (for absolute image
    URLs), which one instance shared by every thread of the server must not."""

    def view(request, *args, **kwargs):
        return feed_class()(request, *args, **kwargs)

    return view


class LatestArticlesFeed(Feed):
    description = _("The latest articles.")

    def title(self, obj=None):
        return settings.NEWSROOM_SITE_NAME

    def link(self, obj=None):
        return "/"

    def articles(self, obj):
        return Article.objects.published()

    def shown_list(self, obj):
        return dependencies.ARTICLES

    def items(self, obj=None):
        articles = self.articles(obj).for_listing().prefetch_related("tags", "notes")
        items = list(articles[:FEED_LENGTH])
        # Categories: section names (the menu's) and tag names.
        tags = {tag.pk for item in items for tag in item.tags.all()}
        depends_on(self.shown_list(obj), dependencies.NAV, *map(dependencies.tag_name, tags))
        dependencies.declare_cards(items)
        return items

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return with_latest_note(item.standfirst, item.notes.all())

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return max([item.updated_at, *(note.noted_at for note in item.notes.all())])

    def item_author_name(self, item):
        return ", ".join(author.name for author in item.byline_authors) or None

    def item_categories(self, item):
        return [item.section.name, *(tag.name for tag in item.tags.all())]

    def item_enclosures(self, item):
        image = item.lead_image
        rendition = renditions.closest(image.renditions, ENCLOSURE_WIDTH) if image else None
        if rendition is None:
            return []
        name = rendition["name"]
        # Renditions made before their sizes were recorded have no "bytes".
        length = rendition.get("bytes") or default_storage.size(name)
        url = self.request.build_absolute_uri(default_storage.url(name))
        return [Enclosure(url, str(length), renditions.MIME_TYPES["jpeg"])]

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return None


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = Atom1Feed
    subtitle = LatestArticlesFeed.description


class OwnerFeedMixin:
    """A feed of one section's, tag's or author's articles, found by slug."""

    owner_model = None
    owner_filter = None
    owner_names = ()  # the page cache's names of the owner and of its list, by primary key

    def get_object(self, request, slug):
        self.request = request
        return get_object_or_404(self.owner_model, slug=slug)

    def title(self, obj):
        return f"{obj} — {settings.NEWSROOM_SITE_NAME}"

    def link(self, obj):
        return obj.get_absolute_url()

    def articles(self, obj):
        return getattr(Article.objects.published(), self.owner_filter)(obj)

    def shown_list(self, obj):
        owner, articles = self.owner_names
        depends_on(owner(obj.pk))
        return articles(obj.pk)


def owner_feeds(model, queryset_method, names):
    attributes = {"owner_model": model, "owner_filter": queryset_method, "owner_names": names}
    rss = type(f"{model.__name__}Feed", (OwnerFeedMixin, LatestArticlesFeed), attributes)
    atom = type(f"{model.__name__}AtomFeed", (OwnerFeedMixin, LatestArticlesAtomFeed), attributes)
    return rss, atom


def _nav(pk):
    return dependencies.NAV  # where section names are


SectionFeed, SectionAtomFeed = owner_feeds(
    Section, "in_section", (_nav, dependencies.section_articles)
)
TagFeed, TagAtomFeed = owner_feeds(
    Tag, "tagged", (dependencies.tag_name, dependencies.tag_articles)
)
AuthorFeed, AuthorAtomFeed = owner_feeds(
    Author, "by_author", (dependencies.author_name, dependencies.author_articles)
)
