"""Readable ASCII slugs from titles in any Latin-script language."""

from django.utils.text import slugify

# Letters that Unicode does not decompose into a base letter plus accents.
_LIGATURES = str.maketrans(
    {
        "œ": "oe",
        "Œ": "OE",
        "æ": "ae",
        "Æ": "AE",
        "ß": "ss",
        "ø": "o",
        "Ø": "O",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "’": "-",
        "'": "-",
    }
)


def ascii_slug(text, max_length=200):
    """``"L’œuvre étudiée"`` -> ``"l-oeuvre-etudiee"``."""
    slug = slugify(str(text).translate(_LIGATURES))
    return slug[:max_length].strip("-")


def unique_slug(text, is_taken, max_length=200, fallback="article"):
    """The ASCII slug of ``text``, suffixed ``-2``, ``-3``… until ``is_taken(slug)`` is false."""
    base = ascii_slug(text, max_length) or fallback
    candidate, n = base, 1
    while is_taken(candidate):
        n += 1
        suffix = f"-{n}"
        candidate = base[: max_length - len(suffix)].rstrip("-") + suffix
    return candidate
