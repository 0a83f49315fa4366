"""Importing a WordPress export: ``WordPressImport(path, uploads=…).run(dry_run=…)``.

Two readings of the file. The first checks all of it (a malformed file stops here, before any
write) and plans what the second needs to know ahead: every post's new address (so that links
between posts can be rewritten, whatever their order), sections, tags and attachments. The
second writes, in one transaction: a failure leaves the database as it was, and the picture
files stored so far are deleted.

Each object made is recorded in ``ImportedObject`` under its WordPress id, so a second run
updates what changed and leaves the rest alone. Posts, pages, comments and pictures follow the
export; sections, tags and authors, once made, are the editors' and are not changed again.
"""

from dataclasses import dataclass, field
from urllib.parse import unquote

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.models import Article, ArticleAuthor
from articles.slugs import ascii_slug
from articles.storage import delete_files
from fronts.models import Front
from fronts.services import add_top_stories
from pages.models import Page

from . import convert, media, wxr
from .import_addresses import AddressesMixin
from .import_comments import CommentsMixin
from .import_images import ImagesMixin
from .import_records import RecordsMixin
from .import_terms import TermsMixin
from .models import ImportedObject
from .report import Report
from .rules import (
    PUBLISHED,
    SCHEDULED,
    fit,
    host_of,
    is_imported,
    site_key,
)

Kind = ImportedObject.Kind
# Where SEO plugins keep a post's primary category (a term id).
PRIMARY_CATEGORY_KEYS = ("_yoast_wpseo_primary_category", "rank_math_primary_category")


@dataclass
class _Plan:
    """What the first reading learns for the second."""

    site: wxr.Site | None = None
    authors: dict = field(default_factory=dict)  # login -> wxr.Author
    terms: dict = field(default_factory=dict)  # (taxonomy, slug) -> wxr.Term
    items: dict = field(default_factory=dict)  # id -> wxr.Item, without content or comments
    item_count: int = 0
    sections: dict = field(default_factory=dict)  # post id -> category slug, or None
    post_tags: dict = field(default_factory=dict)  # post id -> [(taxonomy, slug)]
    slugs: dict = field(default_factory=dict)  # (kind, id) -> slug
    addresses: dict = field(default_factory=dict)  # old address (lookup form) -> new address
    article_slugs: dict = field(default_factory=dict)  # new address of a post -> its slug


class WordPressImport(ImagesMixin, CommentsMixin, TermsMixin, AddressesMixin, RecordsMixin):
    def __init__(self, path, *, uploads=None, default_section=None, progress=None):
        self.path = path
        self.uploads = media.Uploads(uploads)
        self.default_section_name = default_section
        self.progress = progress or (lambda done, total: None)

    # The run --------------------------------------------------------------------------------

    def run(self, *, dry_run=False):
        """Import the file; return a ``Report``. ``wxr.ExportError`` if it cannot be read,
        before anything is written."""
        self.report = Report(dry_run=dry_run)
        self.plan = _Plan()
        self._scan()
        self.stored = []  # image files written, deleted again if the import fails
        try:
            with transaction.atomic():
                self._prepare()
                self._import()
                if dry_run:
                    transaction.set_rollback(True)
        except BaseException:
            delete_files(self.stored)
            raise
        return self.report

    # First reading: check and plan ----------------------------------------------------------

    def _scan(self):
        plan = self.plan
        for part in wxr.read_export(self.path):
            if isinstance(part, wxr.Site):
                plan.site = part
            elif isinstance(part, wxr.Author):
                plan.authors[part.login] = part
            elif isinstance(part, wxr.Term):
                plan.terms[(part.taxonomy, part.slug)] = part
            else:
                part.content = ""
                part.comments = []
                plan.items[part.id] = part
                plan.item_count += 1
        self.site_key, self.host = site_key(plan.site.link), host_of(plan.site.link)
        self.attachments = {
            i.id: i for i in plan.items.values() if i.type == "attachment" and i.attachment_url
        }
        self.posts = [i for i in plan.items.values() if i.type == "post" and is_imported(i)]
        self.pages = [i for i in plan.items.values() if i.type == "page" and is_imported(i)]
        for post in self.posts:
            self._plan_terms(post)

    def _plan_terms(self, post):
        categories = []
        for taxonomy, slug, name in post.terms:
            if taxonomy in {"category", "post_tag"} and slug:
                self.plan.terms.setdefault((taxonomy, slug), wxr.Term(taxonomy, slug, name))
                if taxonomy == "category":
                    categories.append(slug)
        primary_ids = {post.meta_id(key) for key in PRIMARY_CATEGORY_KEYS} - {None}
        primary = next(
            (slug for slug in categories if self.plan.terms[("category", slug)].id in primary_ids),
            categories[0] if categories else None,
        )
        self.plan.sections[post.id] = primary
        self.plan.post_tags[post.id] = [
            (taxonomy, slug)
            for taxonomy, slug, _name in post.terms
            if slug and (taxonomy == "post_tag" or (taxonomy == "category" and slug != primary))
        ]

    # Second reading: write ------------------------------------------------------------------

    def _prepare(self):
        """Read what earlier runs made, and plan addresses: inside the transaction."""
        self.mapping = {
            (kind, wordpress_id): (pk, object_id)
            for pk, kind, wordpress_id, object_id in ImportedObject.objects.filter(
                site=self.site_key
            ).values_list("pk", "kind", "wordpress_id", "object_id")
        }
        self.objects = {}  # kind -> {object id: object}, loaded when first needed
        self.new_mappings = []
        self.comments_made = {}  # WordPress comment id -> Comment
        self.linking = []  # articles whose body links to articles imported after them
        self.saved_slugs = set(Article.objects.values_list("slug", flat=True))
        self.checked = {}  # file path -> media.Picture or the reason it was refused
        self.stored_names = {}  # file path -> stored name, for pictures used twice
        self.without_alt = 0
        self._plan_slugs()
        self._plan_addresses()
        self.converter_site = self._converter_site()

    def _import(self):
        self.authors = {login: self._author(author) for login, author in self.plan.authors.items()}
        self.sections, self.tags, self.sticky = {}, {}, []
        for (taxonomy, slug), term in self.plan.terms.items():
            if taxonomy == "category" and slug in self.plan.sections.values():
                self.sections[slug] = self._section(term)
        # Every tag is a tag; so is every other category, and a section's category where it
        # is not a post's first.
        secondary = {key for keys in self.plan.post_tags.values() for key in keys}
        for (taxonomy, slug), term in self.plan.terms.items():
            if (
                taxonomy == "post_tag"
                or slug not in self.sections
                or (taxonomy, slug) in secondary
            ):
                self.tags[(taxonomy, slug)] = self._tag(term)
        done, total = 0, self.plan.item_count
        for part in wxr.read_export(self.path):
            if not isinstance(part, wxr.Item):
                continue
            self._item(part)
            done += 1
            self.progress(done, total)
        self._render_teasers()
        self._redirects()
        self._save_mappings()
        # WordPress kept them on top of its home page: here, its top stories.
        add_top_stories(Front.objects.home(), self.sticky)
        if self.without_alt:
            self.report.warnings.append(
                _("%(count)s images have no alternative text: describe them in the admin.")
                % {"count": self.without_alt}
            )

    def _item(self, item):
        if item.type == "post" and is_imported(item):
            self._post(item)
        elif item.type == "page" and is_imported(item):
            self._page(item)
        elif item.type in {"post", "page"}:
            kind = "articles" if item.type == "post" else "pages"
            self.report.skip(kind, _("status “%(status)s”") % {"status": item.status})
        elif item.type != "attachment":
            self.report.skip("other", _("“%(type)s” items") % {"type": item.type})

    # Posts ----------------------------------------------------------------------------------

    def _post(self, item):
        title = self._title(item)
        self.linked_slugs = set()  # filled by _new_address() while the body is converted
        converted = convert.convert_body(
            item.content, post_id=item.id, site=self.converter_site, report=self.report
        )
        pictures, numbers = self._pictures(item, converted)
        body = convert.place_figures(converted.markdown, numbers)
        status, published_at = self._status(item)
        values = {
            "title": title,
            "slug": self.plan.slugs[(Kind.POST, item.id)],
            "standfirst": fit(
                convert.one_line(item.excerpt) or converted.first_paragraph, 600, cut=True
            ),
            "body": body,
            "section_id": self._section_for(item).pk,
            "status": status,
            "published_at": published_at,
            "comments_enabled": item.comments_open,
        }
        article, outcome = self._upsert(Kind.POST, item.id, Article, values)
        is_new = outcome == "created"
        changed = self._bylines(article, item, is_new) | self._tags_of(article, item, is_new)
        if self._images(article, item, pictures):
            article.refresh_body()  # figures name images that exist only now
            changed = True
        if changed and outcome == "unchanged":
            outcome = "updated"
        self.report.count("articles", outcome)
        self.saved_slugs.add(article.slug)
        if self.linked_slugs - self.saved_slugs:
            self.linking.append(article)  # a teaser to an article not made yet
        if item.is_sticky:
            self.report.sticky.append(title)
            self.sticky.append(article)
        self._comments(item, article)

    def _title(self, item):
        title = fit(convert.one_line(item.title), 200)
        if title:
            return title
        named = unquote(item.slug).replace("-", " ").strip().capitalize()
        title = named or _("Untitled")
        self.report.warnings.append(
            _("%(kind)s %(id)s has no title: it is called “%(title)s”.")
            % {"kind": item.type, "id": item.id, "title": title}
        )
        return title

    def _status(self, item):
        if item.password:
            self.report.warnings.append(
                _("Post %(id)s “%(title)s” was protected by a password: it is now a draft.")
                % {"id": item.id, "title": convert.one_line(item.title)}
            )
            return Article.Status.DRAFT, None
        if item.status in {PUBLISHED, SCHEDULED}:
            return Article.Status.PUBLISHED, item.date_gmt or timezone.now()
        return Article.Status.DRAFT, None

    def _section_for(self, item):
        slug = self.plan.sections.get(item.id)
        return self.sections[slug] if slug else self._default_section()

    def _default_section(self):
        if not hasattr(self, "default_section"):
            name = self.default_section_name or _("News")
            term = wxr.Term("category", ascii_slug(name, 100) or "news", name)
            self.default_section = self._section(term, wordpress_id="(posts without category)")
        return self.default_section

    def _bylines(self, article, item, is_new):
        wanted = [self._author_of(item.creator).pk]
        if not is_new:
            if [b.author_id for b in article.bylines.all()] == wanted:
                return False
            article.bylines.all().delete()
        ArticleAuthor.objects.create(article=article, author_id=wanted[0], order=0)
        return True

    def _tags_of(self, article, item, is_new):
        wanted = {
            self.tags[key].pk
            for key in self.plan.post_tags.get(item.id, [])
            if key in self.tags and self.tags[key] is not None
        }
        if is_new:
            article.tags.add(*wanted)
            return bool(wanted)
        if set(article.tags.values_list("pk", flat=True)) == wanted:
            return False
        article.tags.set(wanted)
        return True

    def _render_teasers(self):
        """Links to articles imported after the one that links to them become teasers now."""
        for article in self.linking:
            article.refresh_body()

    # Pages ----------------------------------------------------------------------------------

    def _page(self, item):
        self.linked_slugs = set()
        converted = convert.convert_body(
            item.content, post_id=item.id, site=self.converter_site, report=self.report
        )
        for _figure in {str(f.attachment_id or f.url) for f in converted.figures}:
            self.report.skip("images", _("on pages, which show no images"))
        values = {
            "title": self._title(item),
            "slug": self.plan.slugs[(Kind.PAGE, item.id)],
            "body": convert.place_figures(converted.markdown, {}),
            "is_published": item.status == PUBLISHED and not item.password,
        }
        _page, outcome = self._upsert(Kind.PAGE, item.id, Page, values)
        self.report.count("pages", outcome)
        for _comment in item.comments:
            self.report.skip("comments", _("on pages, which take no comments"))
