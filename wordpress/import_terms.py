"""Authors, sections and tags: made once, then the editors'."""

from urllib.parse import unquote

from django.utils.translation import gettext as _

from articles.models import Author, Section, Tag
from articles.slugs import ascii_slug

from . import convert, wxr
from .models import ImportedObject
from .rules import (
    fit,
)

Kind = ImportedObject.Kind


class TermsMixin:
    """Part of ``WordPressImport``: authors, sections, tags."""

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
            {"name": fit(author.name, 150), "slug": slug},
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
            {"name": fit(convert.one_line(term.name), 100) or slug, "slug": slug},
            find=lambda: Section.objects.filter(slug=slug).first(),
            update=False,
        )
        self.report.count("sections", outcome)
        return section

    def _tag(self, term):
        name = fit(convert.one_line(term.name), 100) or term.slug
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
