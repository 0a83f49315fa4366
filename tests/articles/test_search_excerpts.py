"""Excerpts of bodies: the paragraphs passed over quickly on the way to the match are never
ones that hold it once made plain."""

import pytest

from articles.search.excerpts import body_excerpt, excerpt, highlight, loose_fold
from articles.search.words import query_words

FAR = "Nothing here yet.\n\n" * 5


@pytest.mark.parametrize(
    ("body", "query", "shown"),
    [
        (FAR + "Divers saw the re*ef* at dawn.", "reef", "saw the <mark>reef</mark> at dawn."),
        (FAR + "Divers saw the `re`ef at dawn.", "reef", "saw the <mark>reef</mark> at dawn."),
        (FAR + "Divers saw the [re](/x)ef at dawn.", "reef", "the <mark>reef</mark> at dawn."),
        (FAR + "Une ÉTUDE publiée hier.", "etude", "Une <mark>ÉTUDE</mark> publiée hier."),
        (FAR + "Une e\u0301tude publiée.", "etude", "Une <mark>étude</mark> publiée."),
        (FAR + "Die Straße ist lang.", "strasse", "Die <mark>Straße</mark> ist lang."),
        (FAR + "Ein ﬁsch im Wasser.", "fisch", "Ein <mark>ﬁsch</mark> im Wasser."),
    ],
)
def test_a_match_made_by_plain_text_is_found_past_paragraphs_without_one(body, query, shown):
    excerpt = body_excerpt(body, [query])

    assert excerpt is not None and shown in excerpt


def test_a_body_without_the_words_has_no_excerpt():
    assert body_excerpt(FAR + "Divers saw the coral.", ["reef"]) is None


def test_loose_fold_keeps_what_folding_leaves_as_ascii():
    assert loose_fold("Étude, STRAßE & ﬁsh") == "etude, strasse & fish"


def test_highlight_escapes_the_text_between_and_around_the_marks():
    html = highlight('<b>Reef</b> & "reefs"', ["reef"])

    assert html == "&lt;b&gt;<mark>Reef</mark>&lt;/b&gt; &amp; &quot;<mark>reefs</mark>&quot;"


@pytest.mark.parametrize(
    ("text", "query", "html"),
    [
        # Letters beyond ASCII among ASCII words: folded, never lowercased nor case-ignored.
        (
            "Lord \u212aelvin, Kelvin",
            "kelvin",
            "Lord <mark>\u212aelvin</mark>, <mark>Kelvin</mark>",
        ),
        ("The uſe of USE", "use", "The <mark>uſe</mark> of <mark>USE</mark>"),
        ("İstanbul or ISTANBUL", "istanbul", "<mark>İstanbul</mark> or <mark>ISTANBUL</mark>"),
        ("Kız Kulesi, a kiz", "kiz", "Kız Kulesi, a <mark>kiz</mark>"),
        ("ﬁsh and FISHES", "fish", "<mark>ﬁsh</mark> and <mark>FISHES</mark>"),
        ("ＣＯＵＮＣＩＬ council", "council", "<mark>ＣＯＵＮＣＩＬ</mark> <mark>council</mark>"),
        # ASCII words among words with accents, and the other way round.
        (
            "Le conseil de l'école : Conseils, CONSEILLERS",
            "conseil",
            "Le <mark>conseil</mark> de l&#x27;école : <mark>Conseils</mark>, "
            "<mark>CONSEILLERS</mark>",
        ),
        (
            "ÉCOLE, école, ecole",
            "Ecole",
            "<mark>ÉCOLE</mark>, <mark>école</mark>, <mark>ecole</mark>",
        ),
        ("STRASSE, Straßen", "straße", "<mark>STRASSE</mark>, <mark>Straßen</mark>"),
        ("snake_case and case", "case", "snake_<mark>case</mark> and <mark>case</mark>"),
        ("caseé and case", "case", "<mark>caseé</mark> and <mark>case</mark>"),
        ("coé, co-op", "co", "coé, <mark>co</mark>-op"),
    ],
)
def test_highlight_marks_the_words_equal_once_folded_whatever_their_letters(text, query, html):
    assert highlight(text, query_words(query)) == html


def test_a_query_word_folding_to_punctuation_marks_nothing():
    assert highlight("Step 1. then 1.5", ["⒈"]) == "Step 1. then 1.5"  # "⒈" folds to "1."


def test_the_words_of_escaped_characters_are_never_marked():
    html = highlight('"Tom" & Jerry\'s <amp> gt', ["quot", "amp", "x27", "lt", "gt"])

    assert html == "&quot;Tom&quot; &amp; Jerry&#x27;s &lt;<mark>amp</mark>&gt; <mark>gt</mark>"


def test_an_excerpt_cut_from_a_text_marks_its_own_words_only():
    text = "Une étude " + "sans rien " * 30 + "puis les études et l'Étude finale " * 3

    shown = excerpt(text, ["etude"])

    assert shown.startswith("Une <mark>étude</mark> sans rien") and shown.endswith(" …")
    assert shown.count("<mark>") == 1
