"""What search engines and social networks read of an article: Open Graph, Twitter card and
schema.org ``NewsArticle`` structured data. Built from data already loaded for the page."""

import json

from django.conf import settings
from django.core.files.storage import default_storage
from django.templatetags.static import static
from django.utils.safestring import mark_safe

from .images import renditions
from .models import ArticleNote

SHARE_IMAGE_WIDTH = 1200
LOGO = {"path": "img/logo.png", "width": 600, "height": 60}
# Characters that could close the <script> element or start markup inside it.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def share_image(article, absolute):
    """``{url, width, height, type}`` of the lead image's rendition nearest 1200 px, or None
    (no lead image, or its renditions are not made yet)."""
    image = article.lead_image
    if image is None:
        return None
    rendition = renditions.closest(image.renditions, SHARE_IMAGE_WIDTH)
    if rendition is None:
        return None  # renditions still to be made: the original is never shared
    return {
        "url": absolute(default_storage.url(rendition["name"])),
        "width": rendition["width"],
        "height": rendition["height"],
        "type": renditions.MIME_TYPES["jpeg"],
        "alt": image.alt,
    }


def image_object(image, url, width, height):
    data = {"@type": "ImageObject", "url": url, "width": width, "height": height}
    if image.caption:
        data["caption"] = image.caption
    if image.credit:
        data["creditText"] = image.credit
        creator = {"@type": "Person", "name": image.credit}
        if image.credit_url:
            creator["url"] = image.credit_url
        data["creator"] = creator
    if image.licence:
        data["license"] = image.licence
    return data


def news_article(article, absolute):
    """The schema.org ``NewsArticle`` of ``article`` as a dict."""
    url = absolute(article.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "description": article.standfirst,
        "datePublished": article.published_at.isoformat() if article.published_at else None,
        "dateModified": article.updated_at.isoformat(),
        "author": [
            {"@type": "Person", "name": author.name, "url": absolute(author.get_absolute_url())}
            for author in article.byline_authors
        ],
        "publisher": {
            "@type": "Organization",
            "name": settings.NEWSROOM_SITE_NAME,
            "logo": {
                "@type": "ImageObject",
                "url": absolute(static(LOGO["path"])),
                "width": LOGO["width"],
                "height": LOGO["height"],
            },
        },
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "articleSection": article.section.name,
        "keywords": [tag.name for tag in article.tags.all()],
        "url": url,
    }
    data.update(notes_data(article))
    shared = share_image(article, absolute)
    if shared:
        image = article.lead_image
        data["image"] = [image_object(image, shared["url"], shared["width"], shared["height"])]
    return data


def notes_data(article):
    """Corrections as schema.org ``correction`` (``CorrectionComment``), and ``dateModified``
    following the latest correction or update."""
    notes = list(article.notes.all())
    if not notes:
        return {}
    modified = max(article.updated_at, *(note.noted_at for note in notes))
    data = {"dateModified": modified.isoformat()}
    corrections = [
        {
            "@type": "CorrectionComment",
            "text": note.text,
            "datePublished": note.noted_at.isoformat(),
        }
        for note in notes
        if note.kind == ArticleNote.Kind.CORRECTION
    ]
    if corrections:
        data["correction"] = corrections
    return data


def json_ld(data):
    """``data`` as JSON safe to place inside ``<script type="application/ld+json">``."""
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(_JSON_ESCAPES))


def open_graph(article, absolute):
    """``[(property, content)]`` for ``<meta property=… content=…>``, contents escaped later."""
    tags = [
        ("og:type", "article"),
        ("og:title", article.title),
        ("og:description", article.standfirst),
        ("og:url", absolute(article.get_absolute_url())),
        ("og:site_name", settings.NEWSROOM_SITE_NAME),
        ("article:published_time", article.published_at.isoformat()),
        ("article:modified_time", article.updated_at.isoformat()),
        ("article:section", article.section.name),
        *[("article:tag", tag.name) for tag in article.tags.all()],
    ]
    shared = share_image(article, absolute)
    if shared:
        tags += [
            ("og:image", shared["url"]),
            ("og:image:type", shared["type"]),
            ("og:image:width", str(shared["width"])),
            ("og:image:height", str(shared["height"])),
            ("og:image:alt", shared["alt"]),
        ]
    return tags


def twitter_card(article, absolute):
    """``[(name, content)]`` for ``<meta name=… content=…>``."""
    shared = share_image(article, absolute)
    tags = [
        ("twitter:card", "summary_large_image" if shared else "summary"),
        ("twitter:title", article.title),
        ("twitter:description", article.standfirst),
    ]
    if shared:
        tags += [("twitter:image", shared["url"]), ("twitter:image:alt", shared["alt"])]
    return tags
