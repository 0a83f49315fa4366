"""The site's own pages for ``manage.py seed_demo``: about, legal notice, privacy policy.

Their texts are Markdown files in ``pages/demo_texts/<language>/<slug>.md`` whose first line is the
title (``# About us``). Publisher details are placeholders for the site's owner to fill in.
"""

from pathlib import Path

from .models import Page

DEMO_DIR = Path(__file__).resolve().parent / "demo_texts"
# (slug, role, position in the footer)
PAGES = [
    ("about", Page.Role.ABOUT, 1),
    ("legal", Page.Role.LEGAL, 2),
    ("privacy", Page.Role.PRIVACY, 3),
]


def read_page(language, slug):
    """``(title, body)`` of a demo page."""
    text = (DEMO_DIR / language / f"{slug}.md").read_text(encoding="utf-8")
    first_line, _newline, body = text.partition("\n")
    return first_line.removeprefix("# ").strip(), body.strip() + "\n"


def seed_pages(language):
    """Create the demo pages that are missing (by slug or role); return how many were made."""
    created = 0
    for slug, role, position in PAGES:
        if Page.objects.filter(slug=slug).exists() or Page.objects.filter(role=role).exists():
            continue
        title, body = read_page(language, slug)
        Page.objects.create(
            title=title, slug=slug, body=body, role=role, in_footer=True, footer_position=position
        )
        created += 1
    return created


def contribute(language):
    """The pages' part of ``seed_demo`` (articles.demo.contributions)."""
    created = seed_pages(language)
    return f"Created {created} pages." if created else ""
