"""What other apps add to the article admin, without ``articles`` importing them.

An app registers an ``ArticleAdminExtension`` from its own ``admin`` module (comments adds the
pending comments of each article); ``ArticleAdmin`` asks every registered one for its columns,
its fieldset and the annotations they read.
"""

from dataclasses import dataclass, field

_extensions = []


@dataclass(frozen=True)
class ArticleAdminExtension:
    """``columns``: callables ``(article) -> html`` for the list, decorated with
    ``@admin.display``. ``fieldset``: ``(title, [callable, ...])`` shown read-only on the change
    form. ``annotate``: ``(queryset) -> queryset``, adding what the callables read."""

    columns: tuple = ()
    fieldset: tuple | None = None
    annotate: object = field(default=lambda queryset: queryset)


def extend_article_admin(extension):
    """Add ``extension`` to the article admin (once per app: call it from ``admin.py``)."""
    _extensions.append(extension)
    return extension


def extensions():
    return tuple(_extensions)


def readonly_fields():
    """The callables of every extension's fieldset: shown on the change form, never edited."""
    return [field for e in _extensions if e.fieldset for field in e.fieldset[1]]
