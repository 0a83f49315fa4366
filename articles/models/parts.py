"""The parts of an article: its bylines, images, sources and former addresses."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .. import images
from ..storage import originals
from .authors import Author


class ArticleAuthor(models.Model):
    """One byline of an article, in the order the names are printed."""

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="bylines"
    )
    author = models.ForeignKey(
        Author, verbose_name=_("author"), on_delete=models.PROTECT, related_name="bylines"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("byline")
        verbose_name_plural = _("bylines")
        constraints = [models.UniqueConstraint(fields=["article", "author"], name="unique_byline")]

    def __str__(self):
        return str(self.author)


class ArticleImage(images.StoredImageMixin, models.Model):
    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="images"
    )
    image = models.ImageField(
        _("image file"),
        upload_to="articles/%Y/%m/",
        storage=originals,  # never public: readers see its renditions
        width_field="width",
        height_field="height",
    )
    width = models.PositiveIntegerField(_("width"), editable=False, default=0)
    height = models.PositiveIntegerField(_("height"), editable=False, default=0)
    alt_text = models.CharField(
        _("alternative text"),
        max_length=300,
        blank=True,
        help_text=_(
            "Describe what the image shows for readers who cannot see it, in one sentence "
            "(“Firefighters on a ladder against a burning roof”). Do not repeat the "
            "caption or start with “image of”. Required unless the image is decorative."
        ),
    )
    is_decorative = models.BooleanField(
        _("decorative"),
        default=False,
        help_text=_("Tick only if the image adds no information; screen readers will skip it."),
    )
    caption = models.CharField(_("caption"), max_length=400, blank=True)
    credit = models.CharField(
        _("credit"), max_length=200, blank=True, help_text=_("Photographer or agency.")
    )
    credit_url = models.URLField(_("credit URL"), blank=True)
    licence = models.CharField(
        _("licence"), max_length=100, blank=True, help_text=_("For example: CC BY-SA 4.0.")
    )
    is_lead = models.BooleanField(
        _("lead image"),
        default=False,
        help_text=_("Shown at the top of the article and on cards."),
    )
    order = models.PositiveSmallIntegerField(
        _("number"), default=1, help_text=_("Write [figure N] in the body to place image N.")
    )
    focal_x = models.FloatField(
        _("focal point, across"),
        default=0.5,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text=_("0 is the left edge, 1 the right edge. Crops keep this point in view."),
    )
    focal_y = models.FloatField(
        _("focal point, down"),
        default=0.5,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text=_("0 is the top edge, 1 the bottom edge."),
    )
    renditions = models.JSONField(default=dict, blank=True, editable=False)

    image_slot = images.ImageSlot("image", "focal_x", "focal_y", "renditions")

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("image")
        verbose_name_plural = _("images")
        constraints = [
            models.UniqueConstraint(
                fields=["article"], condition=Q(is_lead=True), name="one_lead_image_per_article"
            )
        ]

    def __str__(self):
        return self.alt_text or self.caption or self.image.name

    def clean(self):
        super().clean()
        if not self.is_decorative and not self.alt_text.strip():
            raise ValidationError(
                {"alt_text": _("Describe the image, or tick “decorative” if it adds nothing.")}
            )
        if self.is_decorative:
            self.alt_text = ""
        elif self.image and self._alt_is_file_name():
            raise ValidationError(
                {"alt_text": _("The file name is not a description. Say what the image shows.")}
            )

    def _alt_is_file_name(self):
        stem = self.image.name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        alt = self.alt_text.strip().lower()
        return alt in {stem.lower(), self.image.name.rsplit("/", 1)[-1].lower()}

    @property
    def alt(self):
        return "" if self.is_decorative else self.alt_text


class Source(models.Model):
    class Kind(models.TextChoices):
        STORY = "story", _("Story source")
        IMAGE = "image", _("Image source")
        OTHER = "other", _("Other")

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="sources"
    )
    label = models.CharField(_("label"), max_length=200)
    url = models.URLField(_("URL"), max_length=500, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.STORY)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self):
        return self.label


class OldSlug(models.Model):
    """An address an article had when it was published, kept so old links still work."""

    slug = models.SlugField(max_length=200, unique=True)
    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="old_slugs"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("former address")
        verbose_name_plural = _("former addresses")

    def __str__(self):
        return self.slug
