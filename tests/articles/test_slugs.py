"""Slugs: readable ASCII addresses from titles, unique among articles."""

import pytest

from articles.slugs import ascii_slug, unique_slug


def nothing_taken(slug):
    return False


def test_french_accents_and_curly_apostrophe_are_transliterated():
    assert ascii_slug("Étude sur l\u2019été à Noël") == "etude-sur-l-ete-a-noel"


def test_straight_apostrophe_separates_words_like_the_curly_one():
    assert ascii_slug("L'hôpital d'aujourd'hui") == "l-hopital-d-aujourd-hui"


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Le cœur de l\u2019œuvre", "le-coeur-de-l-oeuvre"),
        ("ŒUVRES COMPLÈTES", "oeuvres-completes"),
        ("Ex æquo", "ex-aequo"),
        ("Ægir", "aegir"),
        ("Die Straße", "die-strasse"),
        ("Ørsted à Łódź", "orsted-a-lodz"),
    ],
)
def test_ligatures_and_undecomposable_letters_become_ascii_letters(title, slug):
    assert ascii_slug(title) == slug


def test_punctuation_and_runs_of_spaces_collapse_to_single_hyphens():
    assert ascii_slug("  Budget 2026 :   « rigueur » ou relance ?  ") == (
        "budget-2026-rigueur-ou-relance"
    )


def test_slug_is_cut_at_max_length_without_a_trailing_hyphen():
    assert ascii_slug("Grève générale", max_length=6) == "greve"


def test_unique_slug_is_the_plain_slug_when_it_is_free():
    assert unique_slug("Élections municipales", nothing_taken) == "elections-municipales"


def test_unique_slug_appends_2_then_3_while_the_slug_is_taken():
    taken = {"elections", "elections-2"}

    assert unique_slug("Élections", taken.__contains__) == "elections-3"


def test_unique_slug_asks_about_the_suffixed_candidates_in_order():
    asked = []

    def is_taken(slug):
        asked.append(slug)
        return len(asked) < 3

    assert unique_slug("Météo", is_taken) == "meteo-3"
    assert asked == ["meteo", "meteo-2", "meteo-3"]


def test_suffixed_slug_stays_within_max_length():
    title = "a" * 30
    taken = {"a" * 10}

    slug = unique_slug(title, taken.__contains__, max_length=10)

    assert slug == "a" * 8 + "-2"
    assert len(slug) == 10


@pytest.mark.parametrize("title", ["", "   ", "?!…", "« — »", "\u2019"])
def test_title_without_letters_or_digits_falls_back(title):
    assert unique_slug(title, nothing_taken) == "article"


def test_fallback_is_made_unique_too():
    taken = {"article"}

    assert unique_slug("!!!", taken.__contains__) == "article-2"


def test_caller_chooses_the_fallback():
    assert unique_slug("???", nothing_taken, fallback="untitled") == "untitled"
