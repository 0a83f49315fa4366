"""The articles app's models, one module per concern: ``taxonomy`` (sections, tags),
``authors``, ``articles`` (the article and its queryset: the one rule of what readers may see)
``parts`` (bylines, images, sources, former addresses) and ``notes`` (corrections and
updates)."""

from .articles import (
    UPDATE_GRACE,
    WORDS_READ_PER_MINUTE,
    Article,
    ArticleQuerySet,
    body_refreshed,
    card_prefetches,
    load_cards,
)
from .authors import Author, AuthorQuerySet
from .notes import ArticleNote, ArticleNoteQuerySet
from .parts import ArticleAuthor, ArticleImage, OldSlug, Source
from .taxonomy import ArticleCountQuerySet, Section, SectionQuerySet, Tag

__all__ = [
    "UPDATE_GRACE",
    "WORDS_READ_PER_MINUTE",
    "Article",
    "ArticleAuthor",
    "ArticleCountQuerySet",
    "ArticleImage",
    "ArticleNote",
    "ArticleNoteQuerySet",
    "ArticleQuerySet",
    "Author",
    "AuthorQuerySet",
    "OldSlug",
    "Section",
    "SectionQuerySet",
    "Source",
    "Tag",
    "body_refreshed",
    "card_prefetches",
    "load_cards",
]
