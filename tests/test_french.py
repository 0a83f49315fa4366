"""The French site: a complete catalogue, compiled, and every reader page in French.

The site has no LocaleMiddleware: its one language is ``LANGUAGE_CODE``, which Django's
translation machinery uses whenever no other language was activated.
"""

import gettext
import html
import re
import shutil
import subprocess
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse

from comments.models import Comment
from tests.comments.factories import comment_form_data, make_comment
from tests.factories import (
    make_article,
    make_author,
    make_image,
    make_section,
    make_source,
    make_tag,
    make_user,
)

PROJECT = Path(settings.BASE_DIR)
CATALOGUE = PROJECT / "locale" / "fr" / "LC_MESSAGES" / "django.po"
COMPILED = CATALOGUE.with_suffix(".mo")
# The directories `make messages` leaves out (see the Makefile).
IGNORED = (".venv", "node_modules", "var", "tests")
NBSP = "\u00a0"

needs_gettext = pytest.mark.skipif(
    not (shutil.which("xgettext") and shutil.which("msgfmt")),
    reason="GNU gettext is not installed (Debian: apt-get install gettext)",
)


# Reading a .po file ---------------------------------------------------------------------------


_PO_LINE = re.compile(r'(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) (".*")$')


def _unquote(text):
    escapes = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}
    return re.sub(r"\\(.)", lambda m: escapes.get(m.group(1), m.group(0)), text[1:-1])


def read_po(path):
    """The entries of a .po file as dicts: ``flags``, ``msgctxt``, ``msgid``, ``msgstr``
    (a list, one item per plural form). Obsolete (``#~``) entries are left out."""
    entries = []
    for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")):
        entry, field = {"flags": set(), "msgctxt": None, "msgstr": []}, None
        for line in block.splitlines():
            if line.startswith("#,"):
                entry["flags"].update(flag.strip() for flag in line[2:].split(","))
            elif line.startswith("#"):
                continue
            elif match := _PO_LINE.match(line):
                field = match.group(1)
                value = _unquote(match.group(2))
                if field.startswith("msgstr"):
                    entry["msgstr"].append(value)
                else:
                    entry[field] = value
            elif line.startswith('"') and field:
                if field.startswith("msgstr"):
                    entry["msgstr"][-1] += _unquote(line)
                else:
                    entry[field] += _unquote(line)
        if "msgid" in entry:
            entries.append(entry)
    return entries


def describe(entry):
    context = f"[{entry['msgctxt']}] " if entry["msgctxt"] is not None else ""
    return context + repr(entry["msgid"])


# The catalogue --------------------------------------------------------------------------------


def copy_sources(destination):
    """The files makemessages reads (templates, Python) and the locale folder, without the
    ignored directories."""

    def ignore(directory, names):
        top = Path(directory) == PROJECT
        return [
            name
            for name in names
            if (top and name in IGNORED) or name.startswith(".") or name == "__pycache__"
        ]

    shutil.copytree(PROJECT, destination, ignore=ignore)


@needs_gettext
def test_catalogue_has_every_message_translated(tmp_path, settings, monkeypatch):
    """makemessages, run on a copy of the project, finds nothing left to translate."""
    project = tmp_path / "project"
    copy_sources(project)
    settings.LOCALE_PATHS = [project / "locale"]
    monkeypatch.chdir(project)

    call_command("makemessages", locale=["fr"], verbosity=0, ignore_patterns=list(IGNORED))

    entries = read_po(project / "locale" / "fr" / "LC_MESSAGES" / "django.po")
    header = next(entry for entry in entries if entry["msgid"] == "")
    messages = [entry for entry in entries if entry["msgid"] != ""]
    untranslated = [describe(e) for e in messages if not all(e["msgstr"])]
    fuzzy = [describe(e) for e in entries if "fuzzy" in e["flags"]]
    assert "fuzzy" not in header["flags"], "the catalogue header is marked fuzzy"
    assert not untranslated, "Untranslated messages (run `make messages`):\n" + "\n".join(
        untranslated
    )
    assert not fuzzy, "Fuzzy translations to check:\n" + "\n".join(fuzzy)
    assert len(messages) > 200


@needs_gettext
def test_compiled_catalogue_matches_the_po_file(tmp_path):
    """The committed .mo holds exactly what the .po says: `make messages` was run."""
    fresh = tmp_path / "django.mo"
    subprocess.run(
        ["msgfmt", "--check", "-o", str(fresh), str(CATALOGUE)],
        check=True,
        capture_output=True,
    )
    with COMPILED.open("rb") as committed, fresh.open("rb") as compiled:
        committed_catalog = gettext.GNUTranslations(committed)._catalog
        expected_catalog = gettext.GNUTranslations(compiled)._catalog
    stale = sorted(
        repr(key)
        for key in committed_catalog.keys() | expected_catalog.keys()
        if committed_catalog.get(key) != expected_catalog.get(key)
    )
    assert not stale, "Compile the catalogue again (`make messages`):\n" + "\n".join(stale[:20])


def test_translations_keep_their_placeholders():
    """Each translation uses the placeholders of its message, no more, no fewer."""
    placeholder = re.compile(r"%\(\w+\)[sd]|\{\w*\}")
    wrong = []
    for entry in read_po(CATALOGUE):
        if not entry["msgid"]:
            continue
        expected = set(placeholder.findall(entry["msgid"]))
        for translation in entry["msgstr"]:
            if translation and set(placeholder.findall(translation)) != expected:
                wrong.append(f"{describe(entry)} -> {translation!r}")
    assert not wrong, "\n".join(wrong)


def test_french_punctuation_uses_non_breaking_spaces():
    """« », :, ; ? and ! keep their space with the word they belong to."""
    loose = re.compile(r" [:;?!»]|« ")
    wrong = [
        f"{describe(entry)} -> {translation!r}"
        for entry in read_po(CATALOGUE)
        if entry["msgid"]
        for translation in entry["msgstr"]
        if loose.search(translation)
    ]
    assert not wrong, "\n".join(wrong)


# The French site, end to end ------------------------------------------------------------------

NOW = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
PUBLISHED = datetime(2026, 11, 29, 8, 30, tzinfo=UTC)
NOTICE = "Votre adresse e-mail ne sera pas publiée. Les champs obligatoires sont indiqués avec *"

# Reader-facing English that must never show on the French site (whole words, case-sensitive).
ENGLISH = [
    "Skip to content",
    "Sections",
    "Show sections",
    "Search",
    "Search articles",
    "Latest news",
    "Archive",
    "RSS feed",
    "Atom feed",
    "By",
    "and",
    "Updated",
    "min read",
    "Read also",
    "Sources and images",
    "Story source",
    "Image source",
    "Credit",
    "licence:",
    "Tags",
    "Related articles",
    "Comments",
    "comment",
    "comments",
    "Reply",
    "Leave a comment",
    "Cancel reply",
    "Your email address",
    "Required fields",
    "Name",
    "Email",
    "Website",
    "Comment",
    "Post comment",
    "Save my name",
    "Leave this field empty",
    "No comments yet",
    "Comments are closed",
    "awaiting moderation",
    "This field is required",
    "Enter a valid",
    "Your comment",
    "Previous",
    "Next",
    "of",
    "No articles",
    "Page not found",
    "Go to the home page",
    "Other months",
    "All of",
    "Articles published",
    "Type one or more words",
    "matches",
    "match",
    "Staff",
    # Dates: Django's English month and day names.
    *["January", "February", "March", "April", "May", "June", "July", "August"],
    *["September", "October", "November", "December"],
    *["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
]
_ENGLISH = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, ENGLISH)) + r")(?![\w-])")


class ReaderText(HTMLParser):
    """What a reader sees or hears of a page: its text, and the attributes that are read out
    or shown (aria-label, alt, title, placeholder, button values, the meta description)."""

    SPOKEN = {"aria-label", "alt", "title", "placeholder"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self._skip = [], 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in {"script", "style"}:
            self._skip += 1
        self.parts += [value for name, value in attrs.items() if name in self.SPOKEN and value]
        if tag == "input" and attrs.get("type") in {"submit", "button"}:
            self.parts.append(attrs.get("value") or "")
        if tag == "meta" and attrs.get("name") == "description":
            self.parts.append(attrs.get("content") or "")

    def handle_endtag(self, tag):
        if tag in {"script", "style"}:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def reader_text(page):
    parser = ReaderText()
    parser.feed(page)
    # ASCII whitespace only: the non-breaking spaces of French punctuation stay.
    return re.sub(r"[ \t\r\n\f]+", " ", " ".join(parser.parts)).strip()


def assert_french(page):
    assert '<html lang="fr"' in page
    leftovers = sorted(set(_ENGLISH.findall(reader_text(page))))
    assert not leftovers, f"English on the French site: {leftovers}"


def get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


@pytest.fixture
def french(settings):
    """The site as it runs with LANGUAGE_CODE=fr, on 1 December 2026."""
    settings.LANGUAGE_CODE = "fr"
    cache.clear()  # pages and fragments of other tests
    with time_machine.travel(NOW, tick=False):
        yield
    cache.clear()


@pytest.fixture
def site(french, db):
    """A French tech-news site: 21 articles in one section (two pages), the first of them
    complete with sources, a credited image, tags, a teaser and comments."""
    section = make_section(name="Intelligence artificielle", slug="ia")
    authors = [make_author(name="Camille Martin"), make_author(name="Lucas Bernard")]
    tag = make_tag(name="Puces", slug="puces")
    briefs = [
        make_article(
            title=f"Brève numéro {n}",
            standfirst=f"Le résumé de la brève {n}.",
            body="Quelques mots.",
            section=section,
            authors=authors[:1],
            published_at=datetime(2026, 11, 20, n, 0, tzinfo=UTC),
        )
        for n in range(20)
    ]
    article = make_article(
        title="Les clusters d’IA chinois tournent enfin à plein régime",
        standfirst="Une étude montre que seuls 20 % des clusters d’IA étaient utilisés.",
        body=(
            "L’engagement de la Chine en matière d’intelligence artificielle a changé.\n\n"
            f"[{briefs[0].title}]({briefs[0].get_absolute_url()})\n\n"
            "La demande de GPU augmente."
        ),
        section=section,
        authors=authors,
        tags=[tag],
        published_at=PUBLISHED,
    )
    make_source(article, label="Baidu", url="https://example.org/baidu")
    make_image(
        article,
        is_lead=True,
        alt_text="Une salle de serveurs",
        caption="Un centre de calcul",
        credit="Agence Photo",
        licence="CC BY 4.0",
    )
    make_comment(
        article,
        author_name="Alice",
        body="Très intéressant.",
        status=Comment.Status.APPROVED,
        reason="",
        created_at=datetime(2026, 11, 29, 9, 0, tzinfo=UTC),
    )
    return article


def test_home_page_is_french(client, site):
    page = get(client, "/")

    assert_french(page)
    assert "Dernières actualités" in page
    assert "29 novembre 2026" in page
    text = reader_text(page)
    assert "Par Camille Martin et Lucas Bernard" in text
    assert "Page 1 sur 2" in text
    assert "Suivant" in text
    assert "Flux RSS" in text and "Archives" in text


def test_second_page_is_french(client, site):
    page = get(client, "/?page=2")

    assert_french(page)
    text = reader_text(page)
    assert "Page 2 sur 2" in text
    assert "Précédent" in text
    assert "Page 2" in re.search(r"<title>(.*?)</title>", page, re.S).group(1)


def test_section_page_is_french(client, site):
    page = get(client, site.section.get_absolute_url())

    assert_french(page)
    assert "Page 1 sur 2" in reader_text(page)


def test_tag_page_is_french(client, site):
    page = get(client, reverse("articles:tag", kwargs={"slug": "puces"}))

    assert_french(page)
    text = reader_text(page)
    assert f"Mot-clé{NBSP}: Puces" in text
    assert f"Articles avec le mot-clé «{NBSP}Puces{NBSP}»." in text


def test_article_page_is_french(client, site):
    page = get(client, site.get_absolute_url())
    text = reader_text(page)

    assert_french(page)
    assert "29 novembre 2026 08:30" in text
    assert "Mis à jour le 1 décembre 2026 10:00" in text
    assert "1 min de lecture" in text
    assert "Lire aussi" in text
    assert "Sources et images" in text
    assert f"Source de l’article{NBSP}: Baidu" in text
    assert f"Crédit{NBSP}: Agence Photo" in text
    assert f"(licence{NBSP}: CC BY 4.0)" in text
    assert "Mots-clés" in text
    assert "Sur le même sujet" in text
    assert "1 commentaire" in text
    assert "Répondre" in text
    assert "Laisser un commentaire" in text
    assert NOTICE in text
    for label in ["Nom", "E-mail", "Site web", "Commentaire"]:
        assert re.search(rf"<label[^>]*>\s*{label}\s*<", page), label
    assert "Publier le commentaire" in page
    # The heading comments.js shows when a reader answers a comment, translated too.
    assert 'data-reply-heading="Répondre à {name}"' in page


def post_comment(client, article, **fields):
    data = comment_form_data(
        article, **{"author_name": "Ada", "body": "Un commentaire réfléchi.", **fields}
    )
    return client.post(reverse("comments:post", kwargs={"slug": article.slug}), data)


def test_comment_form_errors_are_french(client, site):
    response = post_comment(client, site, author_name="", author_email="", body="")
    page = response.content.decode()

    assert response.status_code == 200
    assert_french(page)
    text = reader_text(page)
    assert "Votre commentaire n’a pas été publié. Corrigez les champs signalés ci-dessous." in text
    assert "Ce champ est obligatoire." in text


def test_comment_awaiting_moderation_is_announced_in_french(client, site):
    response = post_comment(client, site)
    assert response.status_code == 302

    page = get(client, response["Location"].split("#")[0])

    assert_french(page)
    assert page.count("Votre commentaire est en attente de modération.") == 2  # message, comment


def test_closed_comments_are_announced_in_french(client, site):
    site.comments_enabled = False
    site.save()

    page = get(client, site.get_absolute_url())

    assert_french(page)
    assert "Les commentaires sont fermés." in reader_text(page)


def test_search_is_french(client, site):
    url = reverse("articles:search")

    empty = get(client, url)
    found = get(client, url + "?q=etude")
    nothing = get(client, url + "?q=introuvable")
    too_long = get(client, url + "?q=" + "mot " * 60)

    for page in [empty, found, nothing, too_long]:
        assert_french(page)
    assert "Saisissez un ou plusieurs mots" in reader_text(empty)
    assert f"1 article correspond à «{NBSP}etude{NBSP}»." in reader_text(found)
    assert "<mark>étude</mark>" in found
    assert f"Aucun article ne correspond à «{NBSP}introuvable{NBSP}»." in reader_text(nothing)
    assert "Cette recherche est trop longue" in reader_text(too_long)


def test_archive_pages_are_french(client, site):
    month = get(client, reverse("articles:archive_month", kwargs={"year": 2026, "month": 11}))
    year = get(client, reverse("articles:archive_year", kwargs={"year": 2026}))

    assert_french(month)
    assert_french(year)
    assert f"<title>Archives{NBSP}: novembre 2026" in month
    assert "<h1>Novembre 2026</h1>" in month
    assert "Toute l’année 2026" in reader_text(month)
    assert f"Archives{NBSP}: 2026" in reader_text(year)


def test_not_found_page_is_french(client, french, db):
    page = get(client, "/articles/nulle-part/", status=404)

    assert_french(page)
    assert "Page introuvable" in reader_text(page)
    assert "Revenir à l’accueil" in reader_text(page)


def test_feeds_are_french(client, site):
    rss = get(client, reverse("articles:feed"))
    atom = get(client, reverse("articles:feed_atom"))
    section_feed = get(client, reverse("articles:section_feed", kwargs={"slug": "ia"}))

    assert "<language>fr</language>" in rss
    assert "<description>Les derniers articles.</description>" in rss
    assert "<subtitle>Les derniers articles.</subtitle>" in atom
    assert 'xml:lang="fr"' in atom
    title = html.unescape(re.search(r"<title>(.*?)</title>", section_feed).group(1))
    assert title == f"Intelligence artificielle — {settings.NEWSROOM_SITE_NAME}"


def test_admin_is_french(client, site):
    client.force_login(make_user(is_staff=True, is_superuser=True))

    index = get(client, reverse("admin:index"))
    queue = get(client, reverse("admin:comments_comment_changelist") + "?status=all")

    assert "Administration de Newsroom" in index
    assert "Publication et modération" in index
    assert "Rubriques" in index and "Termes de modération" in index
    assert "Marquer les commentaires sélectionnés comme indésirables" in queue
    assert "Motif de la mise en attente" in queue
    # Django's own French, which our catalogue must not override.
    assert "Déconnexion" in index
    assert 'value="Rechercher"' in queue
    assert ">Tout<" in queue
