"""Articles, their one visibility rule (``ArticleQuerySet``), and what their pages read."""

import math
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import (
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    prefetch_related_objects,
)
from django.dispatch import Signal
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from .. import markup
from ..slugs import unique_slug
from .authors import Author
from .parts import ArticleAuthor, ArticleImage, OldSlug, Source
from .taxonomy import Section, Tag

WORDS_READ_PER_MINUTE = 230
# Sent when ``refresh_body()`` stores a body rendered again, which sends no save signal.
body_refreshed = Signal()
# Corrections made within this delay of publication do not earn an "Updated" line.
UPDATE_GRACE = timedelta(minutes=10)


class ArticleQuerySet(models.QuerySet):
    BODY_FIELDS = ("body", "body_html")

    # What readers may see, written once: every other place asks these methods (a test greps
    # the code for status and publication-time filters written anywhere else).

    def published(self):
        """The one visibility rule: published, and its publication time has come (live)."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())

    def scheduled(self):
        """Published, but its publication time is still to come."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__gt=timezone.now())

    def published_or_scheduled(self):
        """Given to readers now or at their time: what the lists and the archive hold."""
        return self.filter(status=Article.Status.PUBLISHED)

    def drafts(self):
        """Being written: not yet submitted for review."""
        return self.filter(status=Article.Status.DRAFT)

    def in_status(self, status):
        """Articles of one workflow status (draft, in review, unpublished...)."""
        return self.filter(status=status)

    def not_published(self):
        """Drafts, articles in review or unpublished, and scheduled ones: what readers cannot
        see now."""
        return self.exclude(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())

    def next_publication_time(self):
        """When the next scheduled article comes out, or None: pages change then by themselves."""
        scheduled = self.scheduled().order_by("published_at")
        return scheduled.values_list("published_at", flat=True).first()

    def in_section(self, section):
        return self.filter(section=section)

    def tagged(self, tag):
        return self.filter(tags=tag)

    def by_author(self, author):
        return self.filter(bylines__author=author)

    def for_listing(self):
        """What an article card shows: section, bylines and lead image, in a fixed 3 queries.

        Without the body, its Markdown or its HTML: no card, feed or sitemap shows them, and
        they are most of an article's bytes (reading one on an instance costs a query).
        """
        return (
            self.defer(*self.BODY_FIELDS)
            .select_related("section")
            .prefetch_related(*card_prefetches())
        )

    def for_page(self):
        """What the article page reads for each reader: the article and its section. Its
        header, body, metadata and related articles are parts kept until they change, which
        load what they show when made (``Article.load_header()``, ``Article.load_parts()``)."""
        return self.select_related("section")

    def for_detail(self):
        """What the article page's header shows: its section and bylines. The rest of the page
        is made of parts kept until they change (``Article.load_parts()`` loads what they
        show)."""
        return self.select_related("section").prefetch_related(
            Prefetch("bylines", queryset=ArticleAuthor.objects.select_related("author"))
        )


def card_prefetches():
    """What an article card shows beside the article and its section: bylines, lead image."""
    return [
        Prefetch("bylines", queryset=ArticleAuthor.objects.select_related("author")),  # first
        Prefetch(
            "images", queryset=ArticleImage.objects.filter(is_lead=True), to_attr="lead_images"
        ),
    ]


def load_cards(articles):
    """Give ``articles`` (loaded with their section) what their cards show, in 2 queries."""
    prefetch_related_objects(articles, *card_prefetches())


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("In review")
        PUBLISHED = "published", _("Published")
        UNPUBLISHED = "unpublished", _("Unpublished")

    class State(models.TextChoices):
        """What readers see now, derived from status and publication time."""

        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("In review")
        SCHEDULED = "scheduled", _("Scheduled")
        LIVE = "live", _("Live")
        UNPUBLISHED = "unpublished", _("Unpublished")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        blank=True,
        help_text=_(
            "The article's address. Filled from the title; if you change it after publication "
            "the old address keeps redirecting here."
        ),
    )
    standfirst = models.TextField(
        _("standfirst"),
        max_length=600,
        help_text=_("The summary under the title, shown on cards and in search results."),
    )
    body = models.TextField(
        _("body"),
        blank=True,
        help_text=_(
            "Markdown. Subheadings: a line starting with ## . Links: [text](https://…). "
            "A figure: [figure 2] alone on a line places the image numbered 2. "
            "A 'Read also' teaser: a line holding only a link to another article, "
            "like [Title](/articles/its-slug/)."
        ),
    )
    body_html = models.TextField(editable=False, blank=True)
    reading_minutes = models.PositiveSmallIntegerField(editable=False, default=1)
    section = models.ForeignKey(
        Section, verbose_name=_("section"), on_delete=models.PROTECT, related_name="articles"
    )
    authors = models.ManyToManyField(
        Author, verbose_name=_("authors"), through="ArticleAuthor", related_name="articles"
    )
    tags = models.ManyToManyField(Tag, verbose_name=_("tags"), blank=True, related_name="articles")
    related = models.ManyToManyField(
        "self",
        verbose_name=_("related articles"),
        symmetrical=False,
        blank=True,
        related_name="related_from",
        help_text=_("Shown first under the article, before others from the same section."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(
        _("publication time"),
        null=True,
        blank=True,
        help_text=_(
            "A time in the future schedules the article: it appears by itself at that time. "
            "Left empty, publishing uses the current time."
        ),
    )
    comments_enabled = models.BooleanField(_("comments enabled"), default=True)
    review_note = models.TextField(
        _("note to the writer"),
        blank=True,
        help_text=_("What to change, when an editor sends the article back to its writer."),
    )
    unpublished_reason = models.TextField(
        _("reason for unpublishing"),
        blank=True,
        help_text=_("Shown to readers at the article's address once it is unpublished."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        get_latest_by = "published_at"
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        indexes = [
            models.Index(fields=["status", "-published_at"], name="article_visible_idx"),
            models.Index(
                fields=["section", "status", "-published_at"], name="article_section_idx"
            ),
        ]
        permissions = [("publish_article", _("Can publish and unpublish articles"))]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(
                self.title,
                lambda s: (
                    Article.objects.filter(slug=s).exclude(pk=self.pk).exists()
                    or OldSlug.objects.filter(slug=s).exclude(article_id=self.pk).exists()
                ),
            )
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        self.render_body()
        previous_slug = self._stored_slug_if_published()
        super().save(*args, **kwargs)
        if previous_slug and previous_slug != self.slug:
            OldSlug.objects.update_or_create(slug=previous_slug, defaults={"article": self})
        OldSlug.objects.filter(slug=self.slug).delete()

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"slug": self.slug})

    def get_preview_url(self):
        return reverse("articles:preview", kwargs={"pk": self.pk})

    # State ------------------------------------------------------------------------------------

    @property
    def state(self):
        if self.status != self.Status.PUBLISHED:
            return self.State(self.status)
        if self.published_at and self.published_at > timezone.now():
            return self.State.SCHEDULED
        return self.State.LIVE

    @property
    def is_live(self):
        return self.state == self.State.LIVE

    @property
    def was_updated(self):
        """Edited after publication (beyond quick corrections)."""
        return bool(self.published_at and self.updated_at - self.published_at > UPDATE_GRACE)

    # Prefetched relations, read in the order editors gave ---------------------------------------

    PARTS = ("images", "sources", "tags", "notes")

    def load_parts(self):
        """Load its images, sources and tags at once (each once, whoever asks first)."""
        prefetch_related_objects([self], *self.PARTS)

    def load_header(self):
        """Load what its page's header shows beside the article and its section: its bylines,
        and its notes for the time of its latest correction (each once, whoever asks first)."""
        prefetch_related_objects(
            [self],
            Prefetch("bylines", queryset=ArticleAuthor.objects.select_related("author")),
            "notes",
        )

    @property
    def latest_correction_time(self):
        """When its latest correction was made, or None (its notes loaded: ``load_header()``)."""
        corrections = [note.noted_at for note in self.notes.all() if note.is_correction]
        return max(corrections, default=None)

    @property
    def byline_authors(self):
        return [byline.author for byline in self.bylines.all()]

    @property
    def lead_image(self):
        if hasattr(self, "lead_images"):
            return self.lead_images[0] if self.lead_images else None
        return next((image for image in self.images.all() if image.is_lead), None)

    @property
    def body_images(self):
        return [image for image in self.images.all() if not image.is_lead]

    def sources_of_kind(self, kind):
        return [source for source in self.sources.all() if source.kind == kind]

    @property
    def grouped_sources(self):
        """``[(kind label, [sources])]`` in the order of ``Source.Kind``, empty kinds left out."""
        groups = [(kind.label, self.sources_of_kind(kind)) for kind in Source.Kind]
        return [(label, sources) for label, sources in groups if sources]

    @property
    def credited_images(self):
        return [image for image in self.images.all() if image.credit]

    # Derived data -------------------------------------------------------------------------------

    def clean(self):
        super().clean()
        if (
            self.slug
            and OldSlug.objects.filter(slug=self.slug).exclude(article_id=self.pk).exists()
        ):
            raise ValidationError(
                {"slug": _("This address belonged to another article. Choose another slug.")}
            )

    def render_body(self):
        """Render the Markdown body; call again after the article's images change."""
        # A fresh query: images may have changed since this instance was loaded.
        images = dict(self.images.order_by("-id").values_list("order", "pk")) if self.pk else {}
        self.body_html = markup.render_body(
            self.body,
            image_ids_by_number=images,
            article_id_for_slug=self._article_id_for_slug,
        )
        minutes = math.ceil(markup.word_count(self.body) / WORDS_READ_PER_MINUTE)
        self.reading_minutes = max(1, minutes)

    def refresh_body(self):
        """Render the body again and store it, after the article's images changed."""
        self.render_body()
        Article.objects.filter(pk=self.pk).update(
            body_html=self.body_html, reading_minutes=self.reading_minutes
        )
        body_refreshed.send(sender=Article, instance=self)

    @staticmethod
    def _article_id_for_slug(slug):
        article_id = Article.objects.filter(slug=slug).values_list("pk", flat=True).first()
        if article_id is None:
            article_id = (
                OldSlug.objects.filter(slug=slug).values_list("article", flat=True).first()
            )
        return article_id

    @property
    def teaser_ids(self):
        return markup.marked_ids(self.body_html, "teaser")

    def body_blocks(self, teasers=()):
        """The body as a list of ("html", safe text), ("figure", image), ("teaser", article)."""
        images = {image.pk: image for image in self.images.all()}
        teasers = {article.pk: article for article in teasers}
        blocks = []
        for kind, value in markup.split_body(self.body_html):
            if kind == "html":
                blocks.append((kind, mark_safe(value)))  # sanitized when rendered on save
            elif kind == "figure" and value in images:
                blocks.append((kind, images[value]))
            elif kind == "teaser" and value in teasers and value != self.pk:
                blocks.append((kind, teasers[value]))
        return blocks

    def _stored_slug_if_published(self):
        if self.pk is None:
            return None
        return (
            Article.objects.published_or_scheduled()
            .filter(pk=self.pk)
            .values_list("slug", flat=True)
            .first()
        )

    # Related articles ---------------------------------------------------------------------------

    def related_for_readers(self, limit=4):
        """Explicitly related published articles first, then the latest of the same section.

        Of the section, only the ``limit`` latest can be shown (the explicit ones among them
        included), so only those are candidates: the index on section and date finds them
        without reading the rest of the section.
        """
        published = Article.objects.published().exclude(pk=self.pk)
        chosen = Article.related.through.objects.filter(from_article_id=self.pk)
        latest_of_section = (
            published.filter(section_id=self.section_id)
            .order_by("-published_at", "-id")
            .values("pk")[:limit]
        )
        is_chosen = Exists(chosen.filter(to_article_id=OuterRef("pk")))
        candidates = Q(pk__in=chosen.values("to_article_id")) | Q(pk__in=latest_of_section)
        return list(
            published.for_listing()
            .filter(candidates)
            .alias(is_chosen=is_chosen)
            .order_by(F("is_chosen").desc(), "-published_at", "-id")[:limit]
        )
