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

import ipaddress
from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.images.renditions import all_names
from articles.models import Article, ArticleAuthor, ArticleImage, Author, OldSlug, Section, Tag
from articles.slugs import ascii_slug, unique_slug
from articles.storage import delete_files
from comments.models import Comment
from fronts.models import Front
from fronts.services import add_top_stories
from pages.models import Page, is_reserved
from redirects.models import Redirect, normalize_old_path

from . import convert, media, wxr
from .models import ImportedObject
from .report import Report

Kind = ImportedObject.Kind
REPORT_KINDS = {
    Kind.AUTHOR: "authors",
    Kind.SECTION: "sections",
    Kind.TAG: "tags",
    Kind.POST: "articles",
    Kind.IMAGE: "images",
    Kind.COMMENT: "comments",
    Kind.PAGE: "pages",
}
PUBLISHED, SCHEDULED = "publish", "future"
DRAFT_STATUSES = {"draft", "pending", "private"}
COMMENT_STATUSES = {
    "1": Comment.Status.APPROVED,
    "approve": Comment.Status.APPROVED,
    "0": Comment.Status.PENDING,
    "hold": Comment.Status.PENDING,
    "spam": Comment.Status.SPAM,
    "trash": Comment.Status.REMOVED,
    "post-trashed": Comment.Status.REMOVED,
}
SKIPPED_COMMENT_TYPES = {"pingback": "pingbacks", "trackback": "trackbacks"}
# Where SEO plugins keep a post's primary category (a term id).
PRIMARY_CATEGORY_KEYS = ("_yoast_wpseo_primary_category", "rank_math_primary_category")
PLACEHOLDER = "NRFIGURE{}NR"


@dataclass
class _Picture:
    """One picture of a post: where it comes from, and what it became."""

    key: str  # the attachment id, or the file's path for pictures that are not attachments
    url: str
    alt: str = ""
    caption: str = ""
    is_lead: bool = False
    number: int | None = None
    checked: media.Picture | None = None


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


class WordPressImport:
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
        self.site_key, self.host = _site_key(plan.site.link), _host(plan.site.link)
        self.attachments = {
            i.id: i for i in plan.items.values() if i.type == "attachment" and i.attachment_url
        }
        self.posts = [i for i in plan.items.values() if i.type == "post" and _imported(i)]
        self.pages = [i for i in plan.items.values() if i.type == "page" and _imported(i)]
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
        if item.type == "post" and _imported(item):
            self._post(item)
        elif item.type == "page" and _imported(item):
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
            "standfirst": _fit(
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
        title = _fit(convert.one_line(item.title), 200)
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

    # Pictures -------------------------------------------------------------------------------

    def _pictures(self, item, converted):
        """The post's pictures, numbered, and the figure number of each placeholder."""
        pictures, keys = {}, {}
        lead_id = item.meta_id("_thumbnail_id")
        if lead_id is not None:
            if lead_id in self.attachments:
                pictures[str(lead_id)] = self._picture(str(lead_id), lead_id, None)
                pictures[str(lead_id)].is_lead = True
            else:
                self.report.missing_media.append(
                    _("Post %(id)s: its featured image (attachment %(attachment)s) is not in "
                      "the export.") % {"id": item.id, "attachment": lead_id}
                )  # fmt: skip
        for index in convert.placeholders(converted.markdown):
            use = converted.figures[index]
            key = str(use.attachment_id) if use.attachment_id else convert.image_path(use.url)
            keys[index] = key
            if key not in pictures:
                pictures[key] = self._picture(key, use.attachment_id, use)
            elif use.caption and not pictures[key].caption:  # the first use that has one
                pictures[key].caption = _fit(use.caption, 400, cut=True)
        for picture in pictures.values():
            self._check(item, picture)
        lead = next((p for p in pictures.values() if p.is_lead and p.checked), None)
        if lead and lead.checked.width < settings.NEWSROOM_LEAD_IMAGE_MIN_WIDTH:
            lead.is_lead = False
            self.report.warnings.append(
                _("Post %(id)s: its featured image is %(width)s pixels wide, too narrow to "
                  "lead (%(min)s): it is the first figure instead.")
                % {"id": item.id, "width": lead.checked.width,
                   "min": settings.NEWSROOM_LEAD_IMAGE_MIN_WIDTH}
            )  # fmt: skip
            if lead.key not in keys.values():
                keys[len(converted.figures)] = lead.key
                converted.markdown = f"{PLACEHOLDER.format(len(converted.figures))}\n\n" + (
                    converted.markdown
                )
        number = 1
        for picture in sorted(pictures.values(), key=lambda p: not p.is_lead):
            if picture.checked:
                picture.number, number = number, number + 1
        return pictures, {index: pictures[key].number for index, key in keys.items()}

    def _picture(self, key, attachment_id, use):
        attachment = self.attachments.get(attachment_id)
        alt = (attachment.meta.get("_wp_attachment_image_alt", "") if attachment else "") or (
            use.alt if use else ""
        )
        caption = use.caption if use and use.caption is not None else None
        if caption is None:
            caption = convert.one_line(attachment.excerpt) if attachment else ""
        return _Picture(
            key=key,
            url=attachment.attachment_url if attachment else use.url,
            alt=_fit(" ".join(alt.split()), 300),
            caption=_fit(caption, 400, cut=True),
        )

    def _check(self, item, picture):
        file = self.uploads.find(picture.url)
        where = {"id": item.id, "url": picture.url}
        if file is None:
            self.report.missing_media.append(_("Post %(id)s: %(url)s") % where)
            return
        if file not in self.checked:
            try:
                self.checked[file] = media.check_picture(file)
            except ValidationError as error:
                self.checked[file] = media.refusal(error)
        if isinstance(self.checked[file], str):
            self.report.refused_media.append(
                _("Post %(id)s: %(url)s: %(reason)s") % {**where, "reason": self.checked[file]}
            )
        else:
            picture.checked = self.checked[file]

    def _images(self, article, item, pictures):
        """Bring the article's imported images in line with ``pictures``; True if any changed."""
        changed = False
        wanted = {}
        for picture in sorted(pictures.values(), key=lambda p: p.is_lead):  # the lead last
            if picture.number is None:
                continue
            wordpress_id = _key(f"{item.id}/{picture.key}")
            wanted[wordpress_id] = picture
            if not picture.alt:
                self.without_alt += 1
            values = {
                "alt_text": picture.alt,
                "caption": picture.caption,
                "is_lead": picture.is_lead,
                "order": picture.number,
            }
            image = self._mapped(Kind.IMAGE, wordpress_id, ArticleImage)
            if image is not None and image.article_id == article.pk:
                outcome = self._update(image, values)
            else:
                outcome = "created"
                if not self.report.dry_run:
                    image = self._store_image(article, picture.checked.path, values)
                    self._map(Kind.IMAGE, wordpress_id, image)
            self.report.count("images", outcome)
            changed |= outcome != "unchanged"
        for wordpress_id, image in self._mapped_of_post(item.id).items():
            if wordpress_id not in wanted and image.article_id == article.pk:
                image.delete()
                changed = True
        return changed

    def _store_image(self, article, path, values):
        image = ArticleImage(article=article, **values)
        if path in self.stored_names:  # the same file in several posts is stored once
            image.image = self.stored_names[path]
            image.save()
        else:
            with path.open("rb") as handle:
                image.image = File(handle, name=path.name)
                image.save()
            self.stored_names[path] = image.image.name
            self.stored.append(image.image.name)
        self.stored.extend(all_names(image.renditions))
        return image

    def _render_teasers(self):
        """Links to articles imported after the one that links to them become teasers now."""
        for article in self.linking:
            article.refresh_body()

    # Comments -------------------------------------------------------------------------------

    def _comments(self, item, article):
        by_id = {comment.id: comment for comment in item.comments}
        for comment in sorted(item.comments, key=lambda c: (_depth(c, by_id), c.id)):
            if comment.type in SKIPPED_COMMENT_TYPES:
                self.report.skip("comments", SKIPPED_COMMENT_TYPES[comment.type])
            elif comment.type not in {"", "comment"}:
                self.report.skip("comments", _("type “%(type)s”") % {"type": comment.type})
            else:
                self._comment(comment, article, item)

    def _comment(self, comment, article, item):
        parent = self.comments_made.get(comment.parent)
        created_at = comment.date_gmt or item.date_gmt
        values = {
            "article_id": article.pk,
            "parent_id": parent.pk if parent else None,
            "author_name": _fit(comment.author, 100) or _("Anonymous"),
            "author_email": _email(comment.email),
            "author_url": _website(comment.url),
            "body": convert.plain_text(comment.content),
            "status": COMMENT_STATUSES.get(comment.approved, Comment.Status.PENDING),
            "ip_address": _recent_ip(comment.ip, created_at),
        }
        if created_at:
            values["created_at"] = created_at
        # The parent given as an object: a new comment reads its depth without a query.
        made, outcome = self._upsert(
            Kind.COMMENT, comment.id, Comment, values, related={"parent": parent}
        )
        self.report.count("comments", outcome)
        self.comments_made[comment.id] = made

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

    # Authors, sections, tags ----------------------------------------------------------------

    def _author_of(self, login):
        """The author of a post; a login the export does not list is made an author too."""
        if login not in self.authors:
            slug = ascii_slug(login, 150)
            known = next((a for a in self.authors.values() if a.slug == slug), None)
            self.authors[login] = known or self._author(
                wxr.Author(login=login or _("Editorial team"))
            )
        return self.authors[login]

    def _author(self, author):
        slug = ascii_slug(author.login, 150) or ascii_slug(author.name, 150) or "author"
        found, outcome = self._upsert(
            Kind.AUTHOR,
            author.login,
            Author,
            {"name": _fit(author.name, 150), "slug": slug},
            find=lambda: Author.objects.filter(slug=slug).first(),
            update=False,
        )
        self.report.count("authors", outcome)
        return found

    def _section(self, term, wordpress_id=None):
        slug = ascii_slug(unquote(term.slug), 100) or ascii_slug(term.name, 100) or "section"
        section, outcome = self._upsert(
            Kind.SECTION,
            wordpress_id or f"category/{term.slug}",
            Section,
            {"name": _fit(convert.one_line(term.name), 100) or slug, "slug": slug},
            find=lambda: Section.objects.filter(slug=slug).first(),
            update=False,
        )
        self.report.count("sections", outcome)
        return section

    def _tag(self, term):
        name = _fit(convert.one_line(term.name), 100) or term.slug
        slug = ascii_slug(unquote(term.slug), 100) or ascii_slug(name, 100)
        if not slug:
            self.report.skip("tags", _("no usable name"))
            return None
        tag, outcome = self._upsert(
            Kind.TAG,
            f"{term.taxonomy}/{term.slug}",
            Tag,
            {"name": name, "slug": slug},
            find=lambda: (
                Tag.objects.filter(slug=slug).first() or Tag.objects.filter(name=name).first()
            ),
            update=False,
        )
        self.report.count("tags", outcome)
        return tag

    # Addresses ------------------------------------------------------------------------------

    def _plan_slugs(self):
        """Every post's and page's slug, before any is written: links need them."""
        mapped = {key: object_id for key, (_pk, object_id) in self.mapping.items()}
        owners = dict(Article.objects.values_list("slug", "pk"))
        for slug, article_id in OldSlug.objects.values_list("slug", "article_id"):
            owners.setdefault(slug, article_id)
        self._plan_slugs_of(Kind.POST, self.posts, owners, mapped, "article", is_reserved=None)
        owners = dict(Page.objects.values_list("slug", "pk"))
        self._plan_slugs_of(Kind.PAGE, self.pages, owners, mapped, "page", is_reserved)

    def _plan_slugs_of(self, kind, items, owners, mapped, fallback, is_reserved):
        planned = set()
        for item in items:
            own = mapped.get((kind, str(item.id)))
            limit = 200 if kind == Kind.POST else 100

            def is_taken(slug, own=own):
                return (
                    slug in planned
                    or owners.get(slug, own) != own
                    or (is_reserved is not None and is_reserved(slug))
                )

            base = ascii_slug(unquote(item.slug), limit) or convert.one_line(item.title)
            slug = unique_slug(base, is_taken, max_length=limit, fallback=fallback)
            planned.add(slug)
            self.plan.slugs[(kind, item.id)] = slug

    def _plan_addresses(self):
        """Old addresses of published posts and pages -> their new address."""
        for kind, items, view in [
            (Kind.POST, self.posts, "articles:detail"),
            (Kind.PAGE, self.pages, "pages:detail"),
        ]:
            for item in items:
                if item.status != PUBLISHED:
                    continue
                slug = self.plan.slugs[(kind, item.id)]
                new = reverse(view, kwargs={"slug": slug})
                if kind == Kind.POST:
                    self.plan.article_slugs[new] = slug
                for old in self._old_addresses(item):
                    self.plan.addresses[old] = new

    def _old_addresses(self, item):
        parameter = "page_id" if item.type == "page" else "p"
        addresses = [self._local(item.link), f"/?{parameter}={item.id}"]
        if "?" in item.link:
            addresses.append(self._local(item.link))
        path = addresses[0]
        for old_slug in [item.meta.get("_wp_old_slug", "")]:
            if old_slug and path and path.rstrip("/").endswith("/" + item.slug):
                addresses.append(path.rstrip("/")[: -len(item.slug)] + old_slug + "/")
        return [_lookup_form(a) for a in addresses if a]

    def _local(self, href):
        """``href`` as an address of the old site (``/2024/03/a-post/``), or None if it leads
        elsewhere."""
        parts = urlsplit((href or "").strip())
        if parts.scheme not in {"", "http", "https"}:
            return None
        if parts.netloc and _host(f"//{parts.netloc}") != self.host:
            return None
        if not parts.netloc and not parts.path.startswith("/"):
            return None
        path = "/" + "/".join(s for s in parts.path.split("/") if s) + "/"
        path = path if path != "//" else "/"
        return normalize_old_path(f"{path}?{parts.query}" if parts.query else path)

    def _new_address(self, href):
        local = self._local(href)
        new = self.plan.addresses.get(_lookup_form(local)) if local else None
        if new in self.plan.article_slugs:
            self.linked_slugs.add(self.plan.article_slugs[new])
        return new

    def _converter_site(self):
        by_path, sizeless = {}, {}
        children = {}
        for attachment in self.attachments.values():
            by_path.setdefault(unquote(urlsplit(attachment.attachment_url).path), attachment.id)
            sizeless.setdefault(convert.image_path(attachment.attachment_url), attachment.id)
            children.setdefault(attachment.parent, []).append(attachment.id)
        return convert.Site(
            attachment_urls={i: a.attachment_url for i, a in self.attachments.items()},
            attachments_by_path={**sizeless, **by_path},
            attachments_of_post={post: sorted(ids) for post, ids in children.items()},
            new_address=self._new_address,
        )

    def _redirects(self):
        wanted = {}
        for old, new in self.plan.addresses.items():
            wanted[old] = new
        for (taxonomy, slug), term in self.plan.terms.items():
            target = (
                self.sections.get(slug) if taxonomy == "category" else None
            ) or self.tags.get((taxonomy, slug))
            if target is None:
                continue
            base = "category" if taxonomy == "category" else "tag"
            for path in {f"/{base}/{slug}/", f"/{base}/{self._category_path(term)}/"}:
                wanted[_lookup_form(normalize_old_path(path))] = target.get_absolute_url()
        for login, author in self.authors.items():
            if login:
                wanted[f"/author/{ascii_slug(login)}/"] = author.get_absolute_url()
        existing = Redirect.objects.in_bulk(list(wanted), field_name="old_path")
        for old, new in wanted.items():
            if normalize_old_path(new) == old or not old.startswith("/"):
                continue
            # Once made, a redirect is the editors': a slug changed since is followed by the
            # article's own former addresses (OldSlug).
            if old in existing:
                self.report.count("redirects", "unchanged")
            else:
                Redirect.objects.create(old_path=old[:500], new_path=new)
                self.report.count("redirects", "created")

    def _category_path(self, term):
        """``parent/child`` for a category under another, as WordPress writes its address."""
        slugs, seen = [term.slug], {term.slug}
        while (
            parent := self.plan.terms.get(("category", term.parent))
        ) and parent.slug not in seen:
            slugs.insert(0, parent.slug)
            seen.add(parent.slug)
            term = parent
        return "/".join(slugs)

    # What earlier runs made -----------------------------------------------------------------

    def _upsert(self, kind, wordpress_id, model, values, *, find=None, update=True, related=None):
        """The object made from ``wordpress_id`` earlier (or ``find()``), brought up to date
        with ``values``, or a new one (given the ``related`` objects as well); and "created",
        "updated" or "unchanged"."""
        wordpress_id = _key(wordpress_id)
        found = self._mapped(kind, wordpress_id, model)
        mapped = found is not None
        if found is None and find is not None:
            found = find()
        if found is None:
            found, outcome = model(**values), "created"
            for name, value in (related or {}).items():
                setattr(found, name, value)
            found.save()
        else:
            outcome = self._update(found, values) if update else "unchanged"
        if not mapped:
            self._map(kind, wordpress_id, found)
        return found, outcome

    def _update(self, instance, values):
        changed = {
            name: value for name, value in values.items() if getattr(instance, name) != value
        }
        if not changed:
            return "unchanged"
        for name, value in changed.items():
            setattr(instance, name, value)
        instance.save()
        return "updated"

    def _mapped(self, kind, wordpress_id, model):
        entry = self.mapping.get((kind, _key(wordpress_id)))
        if entry is None:
            return None
        if kind not in self.objects:
            ids = [object_id for (k, _w), (_pk, object_id) in self.mapping.items() if k == kind]
            self.objects[kind] = model._default_manager.in_bulk(ids)
        return self.objects[kind].get(entry[1])

    def _mapped_of_post(self, post_id):
        """The images earlier runs made for a post, by their WordPress id."""
        if not hasattr(self, "_images_by_post"):
            self._images_by_post = {}
            for kind, wordpress_id in self.mapping:
                if kind == Kind.IMAGE:
                    post = wordpress_id.split("/", 1)[0]
                    self._images_by_post.setdefault(post, []).append(wordpress_id)
        return {
            wordpress_id: image
            for wordpress_id in self._images_by_post.get(str(post_id), [])
            if (image := self._mapped(Kind.IMAGE, wordpress_id, ArticleImage)) is not None
        }

    def _map(self, kind, wordpress_id, instance):
        content_type = ContentType.objects.get_for_model(instance)
        known = self.mapping.get((kind, _key(wordpress_id)))
        if known is not None:  # its object was deleted here since: the new one takes its place
            ImportedObject.objects.filter(pk=known[0]).update(
                content_type=content_type, object_id=instance.pk
            )
            return
        self.new_mappings.append(
            ImportedObject(
                site=self.site_key,
                kind=kind,
                wordpress_id=_key(wordpress_id),
                content_type=content_type,
                object_id=instance.pk,
            )
        )

    def _save_mappings(self):
        ImportedObject.objects.bulk_create(self.new_mappings, batch_size=500)


# Small rules ----------------------------------------------------------------------------------


def _key(wordpress_id):
    """A WordPress id as ImportedObject stores it (an image's holds a file path: cut to fit)."""
    return str(wordpress_id)[: ImportedObject._meta.get_field("wordpress_id").max_length]


def _imported(item):
    return item.status in {PUBLISHED, SCHEDULED, *DRAFT_STATUSES}


def _host(address):
    host = (urlsplit(address if "//" in address else f"//{address}").hostname or "").lower()
    return host.removeprefix("www.")


def _site_key(address):
    parts = urlsplit(address if "//" in address else f"//{address}")
    return (_host(address) + parts.path.rstrip("/"))[:200]


def _lookup_form(address):
    """One spelling per address: ``/a/b`` and ``/a/b/`` are the same."""
    if not address or "?" in address:
        return address
    return address.rstrip("/") + "/"


def _fit(text, length, *, cut=False):
    text = (text or "").strip()
    if len(text) <= length:
        return text
    return text[: length - 1].rsplit(" ", 1)[0] + "…" if cut else text[:length]


def _depth(comment, by_id):
    depth, seen = 0, {comment.id}
    while comment.parent in by_id and comment.parent not in seen:
        comment = by_id[comment.parent]
        seen.add(comment.id)
        depth += 1
    return depth


def _email(value):
    try:
        validate_email(value)
    except ValidationError:
        return ""
    return value[:254]


def _website(value):
    value = (value or "").strip()
    ok = urlsplit(value).scheme in {"http", "https"} and len(value) <= 300
    return value if ok else ""


def _recent_ip(value, created_at):
    """The address, if it is one and its comment is younger than the retention period."""
    try:
        address = str(ipaddress.ip_address((value or "").strip()))
    except ValueError:
        return None
    retention = timedelta(days=settings.COMMENTS_IP_RETENTION_DAYS)
    if created_at is None or created_at < timezone.now() - retention:
        return None
    return address
