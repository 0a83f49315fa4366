"""``<picture>`` elements from the renditions stored with an image, without opening any file.

    {% load images %}
    {% picture image crop="16x9" sizes="(min-width: 768px) 22.5rem, 100vw" %}
    {% picture image lead=True %}
    {% author_photo author sizes="7.5rem" %}

Everything comes from the database row: the renditions JSON (see ``articles.images.renditions``).
An original is never shown: until its renditions exist (made by a task), the image is left out.
"""

import logging

from django import template

from articles.images import renditions

register = template.Library()
logger = logging.getLogger(__name__)


def _picture_context(
    file, stored_renditions, *, alt, crop, sizes, max_width, lead, lazy, css_class
):
    """What ``includes/picture.html`` needs; no picture while there is no rendition to show."""
    if not file:
        return {"picture": None}
    try:
        # A fixed-ratio place falls back to the whole picture (CSS crops it).
        found = renditions.picture(stored_renditions, crop, max_width=max_width) or (
            renditions.picture(stored_renditions, "free", max_width=max_width)
            if crop != "free"
            else None
        )
    except (KeyError, TypeError, ValueError, AttributeError):
        # Malformed JSON must not take a page down: show nothing and say so in the logs.
        logger.warning("Unreadable renditions for %s; showing no picture.", file.name)
        found = None
    if not found:
        return {"picture": None}
    return {
        "picture": found,
        "sizes": sizes,
        "alt": alt or "",
        "lead": lead,
        "lazy": lazy and not lead,
        "css_class": css_class,
    }


@register.inclusion_tag("includes/picture.html")
def picture(
    image, crop="free", sizes="100vw", lead=False, max_width=None, css_class="", lazy=True
):
    """An ArticleImage as ``<picture>``.

    ``crop``: "free" (original ratio), "16x9" or "1x1". ``sizes``: how wide the image is shown,
    as in the HTML attribute. ``lead``: the page's main image, fetched first (never lazy).
    ``max_width`` leaves out wider renditions, for places that never show the image large.
    ``lazy=False`` loads an image that is not the lead eagerly (above the fold).
    """
    return _picture_context(
        image.image,
        image.renditions,
        alt=image.alt,
        crop=crop,
        sizes=sizes,
        max_width=max_width,
        lead=lead,
        lazy=lazy,
        css_class=css_class,
    )


@register.inclusion_tag("includes/picture.html")
def author_photo(author, sizes="100vw", max_width=None, css_class="", lazy=True):
    """An author's photo, cropped square around its focal point; its alt text is the name."""
    return _picture_context(
        author.photo,
        author.photo_renditions,
        alt=author.name,
        crop="1x1",
        sizes=sizes,
        max_width=max_width,
        lead=False,
        lazy=lazy,
        css_class=css_class,
    )
