"""Demo content for ``manage.py seed_demo``: a small newsroom to click through and benchmark.

One data set per language (``DemoData``), read from data files by ``loader``: an English
local-news site (``en/``) and a French tech-news site (``fr/``); both go through the same
creation code below. The stories, people, towns and organisations are invented. Web addresses
of invented organisations use the reserved ``example.org`` domain; background links go to
Wikipedia. Pictures and portraits are drawn by ``pictures`` when the command runs.

``seed()`` is idempotent: rows are looked up by slug, and only articles created by this run get
bylines, tags, images and sources.
"""

import functools
from dataclasses import dataclass, fields
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from ..images.renditions import all_names
from ..models import Article, ArticleAuthor, ArticleImage, Author, Section, Source, Tag
from .contributions import LANGUAGES, default_language  # noqa: F401 (the demo's names)
from .loader import load
from .pictures import draw_picture, draw_portrait
from .synthetic import create_synthetic

# Pillow-drawn pictures; tests make them smaller.
IMAGE_SIZE = (1600, 900)
PORTRAIT_SIZE = (600, 600)

# Names for the data sets, read from their files on first use (PEP 562): apps import this
# package when they start, to register their part of the demo (contributions.py).
_DATA_SETS = {
    "ENGLISH": ("en", None),
    "FRENCH": ("fr", None),
    "STORIES": ("en", "stories"),
    "SCHEDULED_STORY": ("en", "scheduled"),
    "DRAFT_STORY": ("en", "draft"),
}


def __getattr__(name):
    if name not in _DATA_SETS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    language, part = _DATA_SETS[name]
    data = data_for(language)
    return getattr(data, part) if part else data


@dataclass
class SeedReport:
    sections: int = 0
    authors: int = 0
    tags: int = 0
    articles: int = 0
    images: int = 0  # article images and author portraits
    files: int = 0  # picture files drawn and stored
    renditions: int = 0  # resized copies of them made for pages
    sources: int = 0

    @property
    def created_anything(self):
        return any(getattr(self, field.name) for field in fields(self))


@functools.cache
def data_for(language):
    """The demo data set in ``language``, one of ``LANGUAGES``."""
    if language not in LANGUAGES:
        raise ValueError(f"No demo content in {language!r}; choose one of {', '.join(LANGUAGES)}.")
    return load(language)


def seed(*, language="en", articles=None, image_size=None, portrait_size=None):
    """Create what is missing of the demo content in ``language``; return what was created.

    ``articles`` published articles (by default all the hand-written stories): the hand-written
    stories first, then synthetic ones. The scheduled and the draft story are always added.
    """
    data = data_for(language)
    articles = len(data.stories) if articles is None else articles
    image_size = image_size or IMAGE_SIZE
    portrait_size = portrait_size or PORTRAIT_SIZE
    report = SeedReport()
    now = timezone.now()
    with transaction.atomic():
        sections = _ensure_sections(data.sections, report)
        authors = _ensure_authors(data.authors, report, portrait_size)
        tags = _ensure_tags(data.tags, report)
        stories = [*data.stories[:articles], data.scheduled, data.draft]
        _create_stories(stories, sections, authors, tags, now, image_size, report)
        if articles > len(data.stories):
            numbers = range(len(data.stories) + 1, articles + 1)
            create_synthetic(data, numbers, sections, authors, tags, now, image_size, report)
    return report


def _ensure_sections(rows, report):
    sections = {}
    for position, (slug, name, description) in enumerate(rows):
        sections[slug], created = Section.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description, "position": position}
        )
        report.sections += created
    return sections


def _ensure_authors(rows, report, portrait_size):
    authors = {}
    for slug, name, bio, has_portrait in rows:
        author, created = Author.objects.get_or_create(
            slug=slug, defaults={"name": name, "bio": bio}
        )
        if created and has_portrait:
            data = draw_portrait(slug, portrait_size)
            author.photo.save(data.name, data, save=True)  # save() makes the renditions
            report.images += 1
            report.files += 1
            report.renditions += len(all_names(author.photo_renditions))
        authors[slug] = author
        report.authors += created
    return authors


def _ensure_tags(rows, report):
    tags = {}
    for slug, name in rows:
        tags[slug], created = Tag.objects.get_or_create(slug=slug, defaults={"name": name})
        report.tags += created
    return tags


def _create_stories(stories, sections, authors, tags, now, image_size, report):
    existing = set(
        Article.objects.filter(slug__in=[s.slug for s in stories]).values_list("slug", flat=True)
    )
    created = []
    for story in stories:
        if story.slug in existing:
            continue
        published = story.hours_ago is not None
        article = Article.objects.create(
            slug=story.slug,
            title=story.title,
            standfirst=story.standfirst,
            body=story.body,
            section=sections[story.section],
            status=Article.Status.PUBLISHED if published else Article.Status.DRAFT,
            published_at=now - timedelta(hours=story.hours_ago) if published else None,
        )
        ArticleAuthor.objects.bulk_create(
            ArticleAuthor(article=article, author=authors[slug], order=order)
            for order, slug in enumerate(story.authors)
        )
        article.tags.add(*(tags[slug] for slug in story.tags))
        Source.objects.bulk_create(
            Source(article=article, kind=kind, label=label, url=url, order=order)
            for order, (kind, label, url) in enumerate(story.sources)
        )
        report.sources += len(story.sources)
        created.append((article, story))
    report.articles += len(created)

    # Images come after every article exists...
    for article, story in created:
        for number, picture in enumerate(story.pictures, start=1):
            image = ArticleImage(
                article=article,
                alt_text=picture.alt,
                caption=picture.caption,
                credit=picture.credit,
                credit_url=picture.credit_url,
                licence=picture.licence,
                is_lead=number == 1,
                order=number,
            )
            data = draw_picture(f"{story.slug}-{number}", image_size)
            image.image.save(data.name, data, save=False)
            image.full_clean()
            image.save()  # makes the renditions
            report.images += 1
            report.files += 1
            report.renditions += len(all_names(image.renditions))

    # ...so that rendering the bodies again resolves [figure N] and "Read also" links. Stories
    # from an earlier, smaller run may link to one created now: they are rendered again too.
    new_links = tuple(f"/articles/{story.slug}/" for _, story in created)
    linking = [
        s.slug for s in stories if s.slug in existing and any(link in s.body for link in new_links)
    ]
    for article in Article.objects.filter(slug__in=linking):
        article.save(update_fields=["body_html", "reading_minutes"])
    for article, story in created:
        article.save(update_fields=["body_html", "reading_minutes"])
        if article.published_at and article.published_at < now:
            # Written at publication time (and corrected later for some), not when seeded.
            corrected = timedelta(hours=story.corrected_after_hours or 0)
            Article.objects.filter(pk=article.pk).update(
                created_at=article.published_at, updated_at=article.published_at + corrected
            )
