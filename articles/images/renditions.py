"""Reading an image's renditions: the small, metadata-free copies pages show.

An image keeps the list of its renditions in a JSON field, written once when they are made
(``articles.images.build_renditions``), so that a page can write ``srcset`` attributes without
opening, decoding or even listing a file. The shape of that JSON:

    {
        "crops": {
            "free": {                      # the whole picture, original aspect ratio
                "jpeg": [
                    {"width": 480, "height": 270, "name": "renditions/…/480.jpg", "bytes": 21034},
                    …
                ],
                "webp": […],
                "avif": […]                # only when Pillow can encode AVIF
            },
            "16x9": {…},                   # cropped around the focal point, for cards
            "1x1": {…}                     # square, for author photos
        }
    }

Each list is sorted by width, narrowest first.
"""

from dataclasses import dataclass

from django.core.files.storage import default_storage

MIME_TYPES = {"avif": "image/avif", "webp": "image/webp", "jpeg": "image/jpeg"}
# Offered to browsers in this order: the first type a browser supports wins.
SOURCE_FORMATS = ["avif", "webp"]
FALLBACK_FORMAT = "jpeg"
CROPS = {"free": None, "16x9": (16, 9), "1x1": (1, 1)}


@dataclass(frozen=True)
class PictureSource:
    """One ``<source>`` of a ``<picture>``: a format and its sizes."""

    mime_type: str
    srcset: str


@dataclass(frozen=True)
class Picture:
    """Everything a ``<picture>`` element needs, without touching storage."""

    sources: list
    src: str
    srcset: str
    width: int
    height: int

    def __bool__(self):
        return bool(self.src)


def _srcset(entries, storage):
    return ", ".join(f"{storage.url(entry['name'])} {entry['width']}w" for entry in entries)


def picture(renditions, crop="free", *, storage=None, max_width=None):
    """The ``Picture`` of one crop of ``renditions`` (the JSON above), or None if it has none.

    ``max_width`` drops wider renditions, for places that never show the image large.
    The fallback ``<img src>`` is the widest JPEG kept; width and height are its own, so the
    browser reserves the right aspect ratio before anything loads.
    """
    storage = storage or default_storage
    formats = (renditions or {}).get("crops", {}).get(crop)
    if not formats or not formats.get(FALLBACK_FORMAT):
        return None

    def kept(entries):
        narrow = [e for e in entries if max_width is None or e["width"] <= max_width]
        return narrow or entries[:1]

    fallback = kept(formats[FALLBACK_FORMAT])
    largest = fallback[-1]
    sources = [
        PictureSource(MIME_TYPES[fmt], _srcset(kept(formats[fmt]), storage))
        for fmt in SOURCE_FORMATS
        if formats.get(fmt)
    ]
    return Picture(
        sources=sources,
        src=storage.url(largest["name"]),
        srcset=_srcset(fallback, storage),
        width=largest["width"],
        height=largest["height"],
    )


def closest(renditions, width, crop="free", fmt=FALLBACK_FORMAT):
    """The rendition of ``fmt`` closest to ``width`` (for feeds and social previews), or None."""
    entries = (renditions or {}).get("crops", {}).get(crop, {}).get(fmt) or []
    if not entries:
        return None
    return min(entries, key=lambda entry: abs(entry["width"] - width))


def all_names(renditions):
    """Every stored file name in ``renditions``, to delete them."""
    return [
        entry["name"]
        for formats in (renditions or {}).get("crops", {}).values()
        for entries in formats.values()
        for entry in entries
    ]
