"""The moderation rules, as pure functions of what was submitted.

Each rule looks at one thing and says nothing, or gives a verdict with the reason that the
moderation queue shows. ``decide`` applies them in order: spam signals first, then what holds
a comment, then what lets it through. Nothing here reads the database, the clock or settings;
``comments.services`` gathers those facts and passes them in.
"""

import unicodedata
from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache

from .models import Comment
from .text import clickable_links, safe_website

Status = Comment.Status
Reason = Comment.Reason


@dataclass(frozen=True)
class Verdict:
    status: str
    reason: str


@dataclass(frozen=True)
class Rules:
    """The site's moderation settings (see ``COMMENTS_*`` in the README)."""

    trust_returning: bool = True
    max_links: int = 2
    min_seconds: float = 3
    max_form_age: float = 24 * 3600
    hold_terms: tuple = ()
    block_terms: tuple = ()


@dataclass(frozen=True)
class Submission:
    """What the rules know about one comment."""

    name: str
    url: str
    body: str
    honeypot: str = ""
    form_age: float | None = None  # seconds since the form was rendered; None if unreadable
    # The email is one a moderator trusts, or one with an approved comment already...
    is_trusted: bool = False
    has_approved_comment: bool = False
    # ...and the browser proved it is the commenter's: it holds an approved comment of that
    # email, which only the browser that posted it can (comments/trust.py).
    has_proof: bool = False
    is_duplicate: bool = False  # the same text from the same email, on the same article
    is_staff: bool = False


def count_links(body, website=""):
    """The links readers can click: those of the rendered comment, and its author's website."""
    return len(clickable_links(body)) + bool(safe_website(website))


def comparable(text):
    """``text`` as moderation terms are matched: NFKC, without format characters (zero-width
    spaces, soft hyphens, direction marks), case-folded, then reduced to its confusable
    skeleton (Unicode TR39), so that ``vіagra`` with a Cyrillic і, ``via\u200bgra`` and
    ``ｖｉａｇｒａ`` all read ``viagra``."""
    # Imported here: its tables take a tenth of a second and some megabytes to load, which only
    # processes that receive comments need.
    from disarm import skeleton_key

    text = unicodedata.normalize("NFKC", text or "")
    text = "".join(char for char in text if unicodedata.category(char) != "Cf")
    return skeleton_key(unicodedata.normalize("NFKC", text.casefold()))


# Terms are few and the same for every comment.
_term_key = lru_cache(maxsize=1024)(comparable)


def matching_term(terms, *texts):
    """The first of ``terms`` found in any of ``texts``, compared as ``comparable()``, or
    None."""
    if not terms:
        return None
    haystacks = [comparable(text) for text in texts]
    for term in terms:
        needle = _term_key(term)
        if needle and any(needle in haystack for haystack in haystacks):
            return term
    return None


def honeypot_rule(submission, rules):
    if submission.honeypot.strip():
        return Verdict(Status.SPAM, Reason.HONEYPOT)
    return None


def timing_rule(submission, rules):
    age = submission.form_age
    if age is None or age > rules.max_form_age or age < 0:
        return Verdict(Status.SPAM, Reason.STALE_FORM)
    if age < rules.min_seconds:
        return Verdict(Status.SPAM, Reason.TOO_FAST)
    return None


def blocked_term_rule(submission, rules):
    if matching_term(rules.block_terms, submission.name, submission.url, submission.body):
        return Verdict(Status.SPAM, Reason.BLOCKED_TERM)
    return None


def staff_rule(submission, rules):
    return Verdict(Status.APPROVED, Reason.STAFF) if submission.is_staff else None


def moderation_term_rule(submission, rules):
    if matching_term(rules.hold_terms, submission.name, submission.url, submission.body):
        return Verdict(Status.PENDING, Reason.MODERATION_TERM)
    return None


def links_rule(submission, rules):
    if count_links(submission.body, submission.url) > rules.max_links:
        return Verdict(Status.PENDING, Reason.LINKS)
    return None


def duplicate_rule(submission, rules):
    # Filed like spam, answered like any held comment: the answer never tells whether that
    # email wrote that comment before.
    return Verdict(Status.SPAM, Reason.DUPLICATE) if submission.is_duplicate else None


def trusted_rule(submission, rules):
    if submission.is_trusted and submission.has_proof:
        return Verdict(Status.APPROVED, Reason.TRUSTED)
    return None


def returning_commenter_rule(submission, rules):
    if rules.trust_returning and submission.has_approved_comment and submission.has_proof:
        return Verdict(Status.APPROVED, Reason.RETURNING)
    return None


def unverified_rule(submission, rules):
    """A known email from a browser that cannot prove it is the commenter's: anyone may type a
    regular's email."""
    known = submission.is_trusted or (rules.trust_returning and submission.has_approved_comment)
    if known and not submission.has_proof:
        return Verdict(Status.PENDING, Reason.UNVERIFIED)
    return None


RULES = [
    honeypot_rule,
    timing_rule,
    blocked_term_rule,
    staff_rule,
    duplicate_rule,
    moderation_term_rule,
    links_rule,
    trusted_rule,
    returning_commenter_rule,
    unverified_rule,
]


def decide(submission, rules):
    """The verdict of the first rule that has one; otherwise the comment waits."""
    for rule in RULES:
        verdict = rule(submission, rules)
        if verdict is not None:
            return verdict
    return Verdict(Status.PENDING, Reason.FIRST_TIME)


def with_spam_check(verdict, spam_check):
    """Combine a verdict with the outside spam check's answer: True (spam), False (ham) or
    None (the service could not be reached). An unreachable service never approves."""
    if verdict.status == Status.SPAM:
        return verdict
    if spam_check is True:
        return Verdict(Status.SPAM, Reason.AKISMET_SPAM)
    if spam_check is None and verdict.status == Status.APPROVED:
        return Verdict(Status.PENDING, Reason.AKISMET_UNREACHABLE)
    return verdict


def comments_close_at(*, published_at, close_after_days):
    """When comments close by themselves, or None if they never do."""
    if close_after_days and published_at is not None:
        return published_at + timedelta(days=close_after_days)
    return None


def comments_open(*, enabled, published_at, now, close_after_days):
    """Whether an article still takes comments: its switch, then the automatic closing."""
    if not enabled:
        return False
    closes_at = comments_close_at(published_at=published_at, close_after_days=close_after_days)
    return closes_at is None or now < closes_at


def is_flooding(recent_count, limit):
    """``recent_count`` submissions in the current window, this one included."""
    return recent_count > limit
