"""The demo's words, read from the data files beside this module.

Each language has a folder (``en/``, ``fr/``) holding:

- ``site.toml``: sections, authors and tags, and which stories are published (in order), which
  one is scheduled and which one is a draft;
- ``stories/<slug>.md``: one story each, Markdown after TOML front matter between ``+++`` lines
  (title, standfirst, section, authors, tags, ``hours_ago``, ``[[pictures]]``, ``[[sources]]``);
- ``synthetic.toml``: the phrases synthetic benchmark stories are put together from.

Texts are written with ordinary spaces; a language's typography rules (French's no-break spaces)
are applied here, to everything readers see.
"""

import tomllib
from dataclasses import dataclass, replace
from pathlib import Path

from .typography import french

DATA_DIR = Path(__file__).resolve().parent
# The typography of each language that has rules of its own.
TYPOGRAPHY = {"fr": french}


@dataclass(frozen=True)
class Picture:
    alt: str
    caption: str
    credit: str
    credit_url: str = ""
    licence: str = ""


@dataclass(frozen=True)
class Story:
    slug: str
    title: str
    standfirst: str
    section: str  # section slug
    authors: tuple[str, ...]  # author slugs, in byline order
    tags: tuple[str, ...]  # tag slugs
    # Hours before the run; negative schedules the article; None leaves it a draft.
    hours_ago: float | None
    body: str
    pictures: tuple[Picture, ...]  # the first is the lead (number 1); [figure 2] places the next
    sources: tuple[tuple[str, str, str], ...]  # (kind, label, url)
    corrected_after_hours: float | None = None  # edited later: readers see an "Updated" line


@dataclass(frozen=True)
class Vocabulary:
    """The phrases synthetic benchmark stories are put together from, in one language.

    A sentence is subject + past-tense verb + object + tail; a headline uses the verb's
    headline form.
    """

    slug: str  # with {n}
    title: str  # with {n} and {headline}
    subjects: tuple[str, ...]  # singular, so that "... backs ..." agrees
    verbs: tuple[tuple[str, str], ...]  # (headline form, past tense)
    objects: tuple[str, ...]
    tails: tuple[str, ...]  # end a sentence
    details: tuple[str, ...]  # whole sentences
    subheadings: tuple[str, ...]
    alts: tuple[str, ...]  # alternative texts of the shared pictures
    credits: tuple[str, ...]
    caption: str  # with {n}
    source_label: str
    source_url: str  # with {slug}
    headline_drops: tuple[str, ...] = ()  # articles left out of headlines ("The ")
    headline_lowercase: bool = False  # the headline follows a colon in running text


@dataclass(frozen=True)
class DemoData:
    """One language's demo: who writes, where, about what."""

    sections: tuple[tuple[str, str, str], ...]  # (slug, name, description)
    authors: tuple[tuple[str, str, str, bool], ...]  # (slug, name, bio, draw a portrait)
    tags: tuple[tuple[str, str], ...]  # (slug, name)
    stories: tuple[Story, ...]  # published; ``--articles N`` takes the first N
    scheduled: Story
    draft: Story
    synthetic: Vocabulary


class DemoFileError(ValueError):
    """A data file that cannot be read as the demo's: says which file and why."""


def load(language):
    """The demo data set in ``language``, from ``<language>/``."""
    folder = DATA_DIR / language
    typeset = TYPOGRAPHY.get(language, str)
    site = _toml(folder / "site.toml")

    def story(slug):
        return _typeset_story(read_story(folder / "stories" / f"{slug}.md"), typeset)

    return DemoData(
        sections=tuple(
            (row["slug"], row["name"], typeset(row["description"])) for row in site["sections"]
        ),
        authors=tuple(
            (row["slug"], row["name"], typeset(row["bio"]), row["portrait"])
            for row in site["authors"]
        ),
        tags=tuple(site["tags"].items()),
        stories=tuple(story(slug) for slug in site["stories"]),
        scheduled=story(site["scheduled"]),
        draft=story(site["draft"]),
        synthetic=read_vocabulary(folder / "synthetic.toml"),
    )


def story_paths(language):
    """Every story file of ``language``, listed or not in its site.toml."""
    return sorted((DATA_DIR / language / "stories").glob("*.md"))


def read_story(path):
    """The ``Story`` in the file at ``path``, as written (no typography applied)."""
    text = path.read_text(encoding="utf-8")
    if not text.startswith("+++\n"):
        raise DemoFileError(f"{path}: a story starts with TOML front matter between +++ lines.")
    front, separator, body = text.removeprefix("+++\n").partition("\n+++\n")
    if not separator:
        raise DemoFileError(f"{path}: the front matter has no closing +++ line.")
    meta = _parse(front, path)
    try:
        return Story(
            slug=path.stem,
            title=meta["title"],
            standfirst=meta["standfirst"],
            section=meta["section"],
            authors=tuple(meta["authors"]),
            tags=tuple(meta.get("tags", ())),
            hours_ago=meta.get("hours_ago"),
            body=body.strip() + "\n",
            pictures=tuple(Picture(**picture) for picture in meta.get("pictures", ())),
            sources=tuple(
                (source["kind"], source["label"], source.get("url", ""))
                for source in meta.get("sources", ())
            ),
            corrected_after_hours=meta.get("corrected_after_hours"),
        )
    except (KeyError, TypeError) as error:
        raise DemoFileError(f"{path}: missing or unknown field {error}") from error


def read_vocabulary(path):
    """The ``Vocabulary`` in the TOML file at ``path``, its lists made tuples."""

    def frozen(value):
        return tuple(map(frozen, value)) if isinstance(value, list) else value

    try:
        return Vocabulary(**{key: frozen(value) for key, value in _toml(path).items()})
    except TypeError as error:
        raise DemoFileError(f"{path}: {error}") from error


def _typeset_story(story, typeset):
    """``story`` with its language's typography in everything readers see."""
    return replace(
        story,
        title=typeset(story.title),
        standfirst=typeset(story.standfirst),
        body=typeset(story.body),
        pictures=tuple(
            replace(picture, alt=typeset(picture.alt), caption=typeset(picture.caption))
            for picture in story.pictures
        ),
    )


def _toml(path):
    return _parse(path.read_text(encoding="utf-8"), path)


def _parse(text, path):
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise DemoFileError(f"{path}: {error}") from error
