"""The moderation rules as pure functions: no database, no clock, no settings."""

from datetime import UTC, datetime, timedelta

import pytest

from comments.models import Comment
from comments.moderation import (
    Rules,
    Submission,
    Verdict,
    comments_open,
    count_links,
    decide,
    is_flooding,
    matching_term,
    with_spam_check,
)
from comments.text import render_comment

Status = Comment.Status
Reason = Comment.Reason

RULES = Rules()


def submission(**fields):
    """A first-time reader's plain comment, sent at a human pace."""
    fields.setdefault("name", "Ada")
    fields.setdefault("url", "")
    fields.setdefault("body", "Thanks for this article.")
    fields.setdefault("form_age", 60.0)
    return Submission(**fields)


def test_first_time_commenter_waits_for_moderation():
    assert decide(submission(), RULES) == Verdict(Status.PENDING, Reason.FIRST_TIME)


def test_returning_commenter_is_approved_at_once():
    verdict = decide(submission(has_approved_comment=True, has_proof=True), RULES)

    assert verdict == Verdict(Status.APPROVED, Reason.RETURNING)


@pytest.mark.parametrize("known", [{"has_approved_comment": True}, {"is_trusted": True}])
def test_a_known_email_without_proof_waits_as_unverified(known):
    verdict = decide(submission(**known), RULES)

    assert verdict == Verdict(Status.PENDING, Reason.UNVERIFIED)


def test_a_duplicate_is_filed_as_spam_even_from_a_trusted_commenter():
    verdict = decide(submission(is_duplicate=True, is_trusted=True, has_proof=True), RULES)

    assert verdict == Verdict(Status.SPAM, Reason.DUPLICATE)


def test_returning_commenter_waits_when_the_rule_is_off():
    rules = Rules(trust_returning=False)

    verdict = decide(submission(has_approved_comment=True), rules)

    assert verdict == Verdict(Status.PENDING, Reason.FIRST_TIME)


def test_trusted_commenter_is_approved_even_when_returning_commenters_are_not():
    rules = Rules(trust_returning=False)

    verdict = decide(submission(is_trusted=True, has_proof=True), rules)

    assert verdict == Verdict(Status.APPROVED, Reason.TRUSTED)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("no links at all", 0),
        ("see https://example.org/a", 1),
        ("http://a.example and www.b.example", 2),
        ("HTTPS://A.EXAMPLE https://b.example/x?y=1 www.c.example", 3),
        ("", 0),
        (None, 0),
    ],
)
def test_count_links_counts_http_and_www_addresses(body, expected):
    assert count_links(body) == expected


# Text that a plain "non-space after http://" count misreads: each ends where the rendered
# comment ends its links (at markup, quotes, punctuation, line breaks).
TRICKY_LINKS = [
    ("http://a<http://b>http://c\"http://d'http://e", 5),
    ("<a href=http://a.example>http://b.example</a>", 2),
    ("(https://a.example) https://b.example.", 2),
    ("https://a.example\nwww.b.example\n\nwww.c.example", 3),
    ("https://a.example/?x=1&amp;y=http://b.example", 1),
    ("www.a.example'www.b.example\"www.c.example", 3),
    ("javascript:alert(1) ftp://a.example mailto:a@example.org", 0),
]


@pytest.mark.parametrize(("body", "clickable"), TRICKY_LINKS)
def test_count_links_counts_the_links_of_the_rendered_comment(body, clickable):
    assert count_links(body) == clickable
    assert render_comment(body).count("<a ") == clickable


def test_the_website_counts_as_a_link():
    body = "https://a.example and https://b.example"

    assert count_links(body, "https://me.example") == 3
    verdict = decide(submission(body=body, url="https://me.example"), RULES)
    assert verdict == Verdict(Status.PENDING, Reason.LINKS)


def test_a_website_that_is_not_shown_as_a_link_does_not_count():
    assert count_links("https://a.example", "javascript:alert(1)") == 1


def test_two_links_are_allowed():
    body = "https://a.example and https://b.example"

    assert decide(submission(body=body), RULES).reason == Reason.FIRST_TIME


def test_more_than_two_links_hold_the_comment():
    body = "https://a.example https://b.example https://c.example"

    assert decide(submission(body=body), RULES) == Verdict(Status.PENDING, Reason.LINKS)


@pytest.mark.parametrize(
    "body",
    [
        "https://a.example https://b.example https://c.example",
        "http://a<http://b>http://c\"http://d'http://e",  # one run of text, five links
    ],
)
def test_more_than_two_links_hold_even_a_returning_commenter(body):
    verdict = decide(submission(body=body, has_approved_comment=True), RULES)

    assert verdict == Verdict(Status.PENDING, Reason.LINKS)


def test_more_than_two_links_hold_even_a_trusted_commenter():
    body = "www.a.example www.b.example www.c.example"

    verdict = decide(submission(body=body, is_trusted=True), RULES)

    assert verdict == Verdict(Status.PENDING, Reason.LINKS)


def test_link_limit_is_configurable():
    body = "https://a.example"

    assert decide(submission(body=body), Rules(max_links=0)).reason == Reason.LINKS


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (("Buy CHEAP pills",), "cheap"),
        (("fine", "https://casino.example"), "casino"),
        (("nothing to see",), None),
    ],
)
def test_matching_term_ignores_case_and_searches_every_text(texts, expected):
    assert matching_term(("cheap", "casino"), *texts) == expected


@pytest.mark.parametrize(
    "dodge",
    [
        "cheap v\u0456agra",  # Cyrillic і
        "cheap VІAGRA",  # Cyrillic capital І
        "cheap via\u200bgra",  # zero-width space
        "cheap vi\u00adag\u2060ra",  # soft hyphen, word joiner
        "cheap \uff56\uff49\uff41\uff47\uff52\uff41",  # fullwidth
        "cheap v\u0131agr\u0430",  # dotless i, Cyrillic а
        "cheap \U0001d42f\U0001d422\U0001d41a\U0001d420\U0001d42b\U0001d41a",  # bold maths
        "cheap \u1d20\u026a\u1d00\u0262\u0280\u1d00",  # small capitals
    ],
)
def test_terms_match_through_confusables_invisible_characters_and_width(dodge):
    assert matching_term(("viagra",), dodge) == "viagra"
    rules = Rules(block_terms=("viagra",))
    assert decide(submission(body=dodge), rules) == Verdict(Status.SPAM, Reason.BLOCKED_TERM)


def test_a_term_written_with_look_alikes_matches_the_plain_word():
    assert matching_term(("\u0441asino",), "Best CASINO online") == "\u0441asino"


@pytest.mark.parametrize(
    ("term", "text"),
    [("burn", "bum"), ("viagra", "v iagra"), ("casino", "casin0")],
)
def test_terms_still_need_the_same_letters(term, text):
    assert matching_term((term,), text) is None


def test_accented_terms_match_whatever_the_case_or_composition():
    assert matching_term(("café",), "LE CAFE\u0301 DU COIN") == "café"


def test_a_term_of_only_invisible_characters_matches_nothing():
    assert matching_term(("\u200b\u200d",), "any text") is None


def test_empty_term_matches_nothing():
    assert matching_term(("",), "any text") is None


@pytest.mark.parametrize("field", ["name", "url", "body"])
def test_moderation_term_in_any_field_holds_a_returning_commenter(field):
    rules = Rules(hold_terms=("lottery",))

    verdict = decide(submission(has_approved_comment=True, **{field: "Win the LOTTERY"}), rules)

    assert verdict == Verdict(Status.PENDING, Reason.MODERATION_TERM)


@pytest.mark.parametrize("field", ["name", "url", "body"])
def test_blocked_term_in_any_field_marks_the_comment_as_spam(field):
    rules = Rules(block_terms=("viagra",))

    verdict = decide(submission(**{field: "cheap Viagra here"}), rules)

    assert verdict == Verdict(Status.SPAM, Reason.BLOCKED_TERM)


def test_blocked_term_wins_over_a_moderation_term():
    rules = Rules(hold_terms=("pills",), block_terms=("pills",))

    assert decide(submission(body="pills"), rules).status == Status.SPAM


def test_filled_honeypot_is_spam():
    verdict = decide(submission(honeypot="http://spam.example"), RULES)

    assert verdict == Verdict(Status.SPAM, Reason.HONEYPOT)


def test_honeypot_of_only_whitespace_is_not_spam():
    assert decide(submission(honeypot="  "), RULES).status == Status.PENDING


def test_honeypot_is_spam_even_for_a_returning_commenter():
    verdict = decide(submission(honeypot="x", has_approved_comment=True), RULES)

    assert verdict.status == Status.SPAM


@pytest.mark.parametrize("age", [0, 1.5, 2.99])
def test_form_sent_less_than_three_seconds_after_rendering_is_spam(age):
    verdict = decide(submission(form_age=age), RULES)

    assert verdict == Verdict(Status.SPAM, Reason.TOO_FAST)


def test_form_sent_three_seconds_after_rendering_is_accepted():
    assert decide(submission(form_age=3), RULES).status == Status.PENDING


@pytest.mark.parametrize("age", [None, 24 * 3600 + 1, 30 * 24 * 3600, -5])
def test_unreadable_or_day_old_or_future_timestamp_is_spam(age):
    verdict = decide(submission(form_age=age), RULES)

    assert verdict == Verdict(Status.SPAM, Reason.STALE_FORM)


def test_form_just_under_a_day_old_is_accepted():
    assert decide(submission(form_age=24 * 3600 - 1), RULES).status == Status.PENDING


def test_timing_limits_are_configurable():
    rules = Rules(min_seconds=10, max_form_age=60)

    assert decide(submission(form_age=5), rules).reason == Reason.TOO_FAST
    assert decide(submission(form_age=61), rules).reason == Reason.STALE_FORM
    assert decide(submission(form_age=30), rules).reason == Reason.FIRST_TIME


def test_too_fast_is_spam_even_for_a_trusted_commenter():
    assert decide(submission(form_age=1, is_trusted=True), RULES).status == Status.SPAM


def test_staff_reply_is_approved():
    assert decide(submission(is_staff=True), RULES) == Verdict(Status.APPROVED, Reason.STAFF)


def test_staff_reply_is_approved_despite_links_and_moderation_terms():
    rules = Rules(hold_terms=("lottery",))
    body = "lottery https://a.example https://b.example https://c.example"

    verdict = decide(submission(body=body, is_staff=True), rules)

    assert verdict == Verdict(Status.APPROVED, Reason.STAFF)


def test_staff_reply_with_a_blocked_term_is_still_spam():
    rules = Rules(block_terms=("casino",))

    verdict = decide(submission(body="casino", is_staff=True), rules)

    assert verdict.status == Status.SPAM


# The outside spam check (Akismet) -----------------------------------------------------------

PENDING = Verdict(Status.PENDING, Reason.FIRST_TIME)
APPROVED = Verdict(Status.APPROVED, Reason.RETURNING)
SPAM = Verdict(Status.SPAM, Reason.HONEYPOT)


@pytest.mark.parametrize("verdict", [PENDING, APPROVED])
def test_spam_check_saying_spam_marks_the_comment_as_spam(verdict):
    assert with_spam_check(verdict, True) == Verdict(Status.SPAM, Reason.AKISMET_SPAM)


@pytest.mark.parametrize("verdict", [PENDING, APPROVED, SPAM])
def test_spam_check_saying_ham_leaves_the_verdict(verdict):
    assert with_spam_check(verdict, False) == verdict


def test_unreachable_spam_check_never_approves():
    verdict = with_spam_check(APPROVED, None)

    assert verdict == Verdict(Status.PENDING, Reason.AKISMET_UNREACHABLE)


def test_unreachable_spam_check_keeps_a_pending_comment_pending_with_its_reason():
    assert with_spam_check(PENDING, None) == PENDING


def test_spam_check_does_not_change_why_a_comment_is_spam():
    assert with_spam_check(SPAM, True) == SPAM
    assert with_spam_check(SPAM, None) == SPAM


# Closing and flooding -------------------------------------------------------------------------

PUBLISHED = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


def test_article_with_comments_switched_off_is_closed():
    assert not comments_open(
        enabled=False, published_at=PUBLISHED, now=PUBLISHED, close_after_days=0
    )


def test_comments_never_close_by_themselves_by_default():
    now = PUBLISHED + timedelta(days=3650)

    assert comments_open(enabled=True, published_at=PUBLISHED, now=now, close_after_days=0)


def test_comments_close_after_the_configured_number_of_days():
    def is_open(days_later):
        now = PUBLISHED + timedelta(days=days_later)
        return comments_open(enabled=True, published_at=PUBLISHED, now=now, close_after_days=7)

    assert is_open(6.9)
    assert not is_open(7)
    assert not is_open(8)


def test_unpublished_article_does_not_close_by_age():
    assert comments_open(enabled=True, published_at=None, now=PUBLISHED, close_after_days=1)


@pytest.mark.parametrize(("count", "flooding"), [(1, False), (5, False), (6, True), (50, True)])
def test_more_than_the_limit_in_a_window_is_flooding(count, flooding):
    assert is_flooding(count, 5) is flooding
