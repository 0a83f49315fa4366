"""Excerpts of bodies: the paragraphs passed over quickly on the way to the match are never
ones that hold it once made plain."""

import pytest

from articles.search.excerpts import body_excerpt, highlight, loose_fold

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
