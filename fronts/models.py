from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import BooleanField, ExpressionWrapper, Q, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Article, ArticleQuerySet, Section

from .validators import validate_link, validate_one_line


class FrontQuerySet(models.QuerySet):
    def home(self):
        """The home page's front, made when first asked for."""
        front, _created = self.get_or_create(section=None)
        return front

    def of_section(self, section):
        front, _created = self.get_or_create(section=section)
        return front


class Front(models.Model):
    """A page that opens with stories editors place: the home page, or a section's page."""

    section = models.OneToOneField(
        Section,
        verbose_name=_("section"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="front",
        help_text=_("Leave empty for the home page."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = FrontQuerySet.as_manager()

    class Meta:
        ordering = [models.F("section__position").asc(nulls_first=True), "section__name"]
        verbose_name = _("front page")
        verbose_name_plural = _("front pages")
        constraints = [
            # One front per section, and one for the home page (no section).
            models.UniqueConstraint(
                Coalesce("section", Value(0)),
                name="one_front_per_page",
                violation_error_message=_("This page already has its front page."),
            )
        ]

    def __str__(self):
        return str(self.section) if self.section_id else str(_("Home page"))

    def get_absolute_url(self):
        if self.section_id:
            return self.section.get_absolute_url()
        return reverse("articles:home")


def _live_at(now):
    """The one rule of what readers see: a placement whose time has come and not passed, of an
    article readers may see (``Article.objects.published()``)."""
    return (
        (Q(starts_at__isnull=True) | Q(starts_at__lte=now))
        & (Q(ends_at__isnull=True) | Q(ends_at__gt=now))
        & Q(article__in=Article.objects.published())
    )


class PlacementQuerySet(models.QuerySet):
    def live(self):
        """The placements readers see now."""
        return self.filter(_live_at(timezone.now()))

    def with_liveness(self):
        """Each placement with ``is_live``: whether readers see it now (the rule of ``live()``)."""
        return self.annotate(
            is_live=ExpressionWrapper(_live_at(timezone.now()), output_field=BooleanField())
        )

    def not_ended(self):
        """Placements shown now or to come: what a front may show before its next write."""
        return self.filter(Q(ends_at__isnull=True) | Q(ends_at__gt=timezone.now()))

    def on_front_of(self, section_id):
        """The placements of a section's front, or of the home page's (``None``)."""
        return self.filter(front__section_id=section_id)

    def for_front(self):
        """With the articles as their cards show them, less their bylines and pictures
        (``articles.models.load_cards()``), in the editors' order."""
        return (
            self.select_related("article__section")
            .defer(*(f"article__{name}" for name in ArticleQuerySet.BODY_FIELDS))
            .order_by("position", "id")
        )


class Placement(models.Model):
    """An article placed on a front, as its lead story or as one of its top stories, for a time
    or until it is removed."""

    class Role(models.TextChoices):
        LEAD = "lead", _("Lead story")
        TOP = "top", _("Top story")

    front = models.ForeignKey(
        Front, verbose_name=_("front page"), on_delete=models.CASCADE, related_name="placements"
    )
    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="placements"
    )
    role = models.CharField(_("place"), max_length=10, choices=Role.choices, default=Role.TOP)
    position = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Smaller numbers come first.")
    )
    starts_at = models.DateTimeField(
        _("from"),
        null=True,
        blank=True,
        help_text=_("Empty: from now. A time to come places the story by itself then."),
    )
    ends_at = models.DateTimeField(
        _("until"),
        null=True,
        blank=True,
        help_text=_("Empty: until removed. The story leaves the front by itself at that time."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = PlacementQuerySet.as_manager()

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("placed story")
        verbose_name_plural = _("placed stories")
        indexes = [models.Index(fields=["front", "ends_at"], name="placement_front_idx")]

    def __str__(self):
        return f"{self.get_role_display()}: {self.article}"

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The end must come after the start.")})


def _showing_at(now):
    """An alert shows until it is withdrawn or its end comes."""
    return Q(withdrawn_at__isnull=True) & (Q(ends_at__isnull=True) | Q(ends_at__gt=now))


class AlertQuerySet(models.QuerySet):
    def showing(self):
        return self.filter(_showing_at(timezone.now()))

    def with_showing(self):
        """Each alert with ``is_showing`` (the rule of ``showing()``)."""
        return self.annotate(
            is_showing=ExpressionWrapper(_showing_at(timezone.now()), output_field=BooleanField())
        )

    def current(self):
        """The alert every public page shows, or None: the newest showing (posting one
        withdraws the others, so there is at most one)."""
        return self.showing().order_by("-created_at", "-id").first()


class Alert(models.Model):
    """A breaking-news alert: one line and a link, at the top of every public page."""

    text = models.CharField(
        _("text"),
        max_length=160,
        validators=[validate_one_line],
        help_text=_("One short line, such as “Storm: the coast road is closed until Monday”."),
    )
    url = models.CharField(
        _("link"),
        max_length=500,
        validators=[validate_link],
        help_text=_(
            "Where the line leads: an address on this site such as /articles/its-slug/, "
            "or a full https:// address."
        ),
    )
    ends_at = models.DateTimeField(
        _("until"),
        null=True,
        blank=True,
        help_text=_("Empty: until withdrawn. The alert leaves every page by itself at that time."),
    )
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True, editable=False)
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("posted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(_("posted"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = AlertQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        get_latest_by = "created_at"
        verbose_name = _("breaking-news alert")
        verbose_name_plural = _("breaking-news alerts")

    def __str__(self):
        return self.text

    def clean(self):
        super().clean()
        if self._state.adding and self.ends_at and self.ends_at <= timezone.now():
            raise ValidationError({"ends_at": _("This time has already passed.")})
