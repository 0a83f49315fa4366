"""The people who sign articles."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .. import images
from ..storage import originals


class AuthorQuerySet(models.QuerySet):
    def with_article_counts(self):
        return self.annotate(article_count=Count("bylines", distinct=True))


class Author(images.StoredImageMixin, models.Model):
    """A byline. Wire services and collectives ("AFP") are authors without an account."""

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=150, unique=True)
    bio = models.TextField(_("biography"), blank=True)
    photo = models.ImageField(
        _("photo"),
        upload_to="authors/",
        storage=originals,  # never public: readers see its renditions
        blank=True,
        width_field="photo_width",
        height_field="photo_height",
    )
    photo_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    photo_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    photo_focal_x = models.FloatField(
        _("photo focal point, across"),
        default=0.5,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
    )
    photo_focal_y = models.FloatField(
        _("photo focal point, down"),
        default=0.5,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
    )
    photo_renditions = models.JSONField(default=dict, blank=True, editable=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="author",
        help_text=_("Optional: the staff account of this author."),
    )

    objects = AuthorQuerySet.as_manager()

    image_slot = images.ImageSlot("photo", "photo_focal_x", "photo_focal_y", "photo_renditions")

    class Meta:
        ordering = ["name"]
        verbose_name = _("author")
        verbose_name_plural = _("authors")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:author", kwargs={"slug": self.slug})
