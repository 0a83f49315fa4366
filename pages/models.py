from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import Resolver404, resolve, reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from articles import markup


class PageQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def linked_from_every_page(self):
        """Published pages of the footer, and the privacy policy the comment form links to."""
        return self.published().filter(Q(in_footer=True) | Q(role=Page.Role.PRIVACY))


class Page(models.Model):
    """A page that is not news: about the site, its legal notice, its privacy policy."""

    class Role(models.TextChoices):
        ABOUT = "about", _("About the site")
        LEGAL = "legal", _("Legal notice")
        PRIVACY = "privacy", _("Privacy policy")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        help_text=_("The page's address: “privacy” puts it at /privacy/."),
    )
    body = models.TextField(
        _("body"),
        blank=True,
        help_text=_(
            "Markdown, as in articles. Subheadings: a line starting with ## . "
            "Links: [text](https://…)."
        ),
    )
    body_html = models.TextField(editable=False, blank=True)
    role = models.CharField(
        _("role"),
        max_length=20,
        choices=Role.choices,
        blank=True,
        help_text=_(
            "What the page is for, if it is one of these: the comment form links to the "
            "privacy policy. One page per role."
        ),
    )
    is_published = models.BooleanField(_("published"), default=True)
    in_footer = models.BooleanField(
        _("linked from the footer"),
        default=False,
        help_text=_("A link to the page at the bottom of every page of the site."),
    )
    footer_position = models.PositiveSmallIntegerField(
        _("position in the footer"), default=0, help_text=_("Smaller numbers come first.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = PageQuerySet.as_manager()

    class Meta:
        ordering = ["footer_position", "title"]
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        constraints = [
            models.UniqueConstraint(
                fields=["role"], condition=~Q(role=""), name="one_page_per_role"
            )
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # The same Markdown and the same sanitizer as article bodies.
        self.body_html = markup.render_body(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("pages:detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if self.slug and is_reserved(self.slug):
            raise ValidationError(
                {"slug": _("This address belongs to another part of the site. Choose another.")}
            )

    @property
    def rendered_body(self):
        return mark_safe(self.body_html)  # sanitized by articles.markup when saved


def is_reserved(slug):
    """Whether /slug/ is answered by another part of the site (search, feeds, the admin…)."""
    try:
        match = resolve(f"/{slug}/")
    except Resolver404:
        return False
    return match.view_name != "pages:detail"
