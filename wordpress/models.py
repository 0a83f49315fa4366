from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportedObject(models.Model):
    """What a WordPress object became here: importing the same export again updates it instead
    of making a copy. Keyed on the WordPress site and the object's WordPress id."""

    class Kind(models.TextChoices):
        AUTHOR = "author", _("Author")
        SECTION = "section", _("Category (as a section)")
        TAG = "tag", _("Category or tag (as a tag)")
        POST = "post", _("Post")
        IMAGE = "image", _("Image of a post")
        COMMENT = "comment", _("Comment")
        PAGE = "page", _("Page")

    # The site's address without its scheme ("example.com/blog"): ids are only unique there.
    site = models.CharField(_("WordPress site"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    # Post, page and comment ids; an author's login; a term's taxonomy and slug
    # ("category/news"); an image's post id and attachment ("1177/967", or "1177/path.jpg").
    wordpress_id = models.CharField(_("WordPress id"), max_length=300)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("imported WordPress object")
        verbose_name_plural = _("imported WordPress objects")
        constraints = [
            models.UniqueConstraint(
                fields=["site", "kind", "wordpress_id"], name="one_object_per_wordpress_id"
            )
        ]

    def __str__(self):
        return f"{self.site} {self.kind} {self.wordpress_id}"
