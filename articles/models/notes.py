"""Corrections and updates: notes an editor adds to a published article, shown to readers at its
end, in its structured data and on the site's corrections page."""

from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _


class ArticleNoteQuerySet(models.QuerySet):
    def corrections(self):
        return self.filter(kind=ArticleNote.Kind.CORRECTION)

    def of_published_articles(self):
        """Notes readers may see: those of articles they may see (the one visibility rule)."""
        article_model = self.model._meta.get_field("article").related_model
        return self.filter(article__in=article_model.objects.published())

    def for_listing(self):
        return self.select_related("article", "article__section")


class ArticleNote(models.Model):
    class Kind(models.TextChoices):
        CORRECTION = "correction", _("Correction")
        UPDATE = "update", _("Update")

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="notes")
    kind = models.CharField(
        _("kind"),
        max_length=12,
        choices=Kind.choices,
        default=Kind.CORRECTION,
        help_text=_(
            "A correction says what was wrong; an update tells what happened since publication."
        ),
    )
    noted_at = models.DateTimeField(_("date"), default=timezone.now)
    text = models.TextField(
        _("text"),
        max_length=1000,
        help_text=_(
            "One or two sentences for readers: “An earlier version of this article gave the "
            "wrong date for the vote.”"
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ArticleNoteQuerySet.as_manager()

    class Meta:
        ordering = ["-noted_at", "-id"]
        get_latest_by = "noted_at"
        verbose_name = _("correction or update")
        verbose_name_plural = _("corrections and updates")
        indexes = [models.Index(fields=["kind", "-noted_at"], name="articlenote_kind_idx")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.text[:60]}"

    @property
    def is_correction(self):
        return self.kind == self.Kind.CORRECTION


def with_latest_note(text, notes):
    """``text`` followed by the newest of ``notes`` (newest first, as the model orders them),
    so that readers of a feed learn of the latest correction or update."""
    latest = next(iter(notes), None)
    if latest is None:
        return text
    date = formats.date_format(timezone.localtime(latest.noted_at), "DATE_FORMAT")
    return _("%(text)s\n\n%(kind)s, %(date)s: %(note)s") % {
        "text": text,
        "kind": latest.get_kind_display(),
        "date": date,
        "note": latest.text,
    }
