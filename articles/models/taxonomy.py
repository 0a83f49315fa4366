"""Sections and tags: how articles are classified."""

from django.db import models
from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class ArticleCountQuerySet(models.QuerySet):
    def with_article_counts(self):
        return self.annotate(article_count=Count("articles", distinct=True))


class SectionQuerySet(ArticleCountQuerySet):
    def in_navigation(self):
        return self.filter(in_navigation=True)


class Section(models.Model):
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_("One or two sentences shown on the section page."),
    )
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Order of the section in the site's navigation.")
    )
    in_navigation = models.BooleanField(_("shown in navigation"), default=True)

    objects = SectionQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:section", kwargs={"slug": self.slug})


class Tag(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)

    objects = ArticleCountQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:tag", kwargs={"slug": self.slug})
