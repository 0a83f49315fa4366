"""Posting a comment: the one write that spans rules, storage, spam check and notification."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from safeguards import counters
from safeguards.addresses import client_block

from . import replies, spam_check, tasks
from .models import Comment, ModerationTerm, TrustedCommenter
from .moderation import (
    Rules,
    Submission,
    comments_close_at,
    comments_open,
    decide,
    is_flooding,
    with_spam_check,
)
from .senders import sender_hash


def current_rules():
    terms = ModerationTerm.objects.values_list("term", "action")
    return Rules(
        trust_returning=settings.COMMENTS_TRUST_RETURNING,
        max_links=settings.COMMENTS_MAX_LINKS,
        min_seconds=settings.COMMENTS_MIN_SECONDS,
        max_form_age=settings.COMMENTS_MAX_FORM_AGE,
        hold_terms=tuple(t for t, action in terms if action == ModerationTerm.Action.HOLD),
        block_terms=tuple(t for t, action in terms if action == ModerationTerm.Action.BLOCK),
    )


def article_takes_comments(article, now=None):
    return comments_open(
        enabled=article.comments_enabled,
        published_at=article.published_at,
        now=now or timezone.now(),
        close_after_days=settings.COMMENTS_CLOSE_AFTER_DAYS,
    )


def article_comments_close_at(article):
    """When the article stops taking comments by itself, or None."""
    return comments_close_at(
        published_at=article.published_at, close_after_days=settings.COMMENTS_CLOSE_AFTER_DAYS
    )


def count_submission(ip):
    """Count a comment submission from ``ip``'s client (an IPv6 /64 is one) in the database
    every app process shares; True when it goes over the flood limit."""
    key = counters.counter_key("comments", client_block(ip))
    count = counters.hit(key, window=settings.COMMENTS_FLOOD_WINDOW)
    return is_flooding(count, settings.COMMENTS_FLOOD_LIMIT)


def post_comment(
    *,
    article,
    name,
    email,
    url,
    body,
    parent=None,
    honeypot="",
    form_age=None,
    user=None,
    ip=None,
    user_agent="",
    base_url="",
    proven_ids=(),
    notify_replies=False,
):
    """Store a reader's comment with the status the moderation rules give it.

    ``proven_ids``: approved comments the reader's browser proved it posted (its trust
    cookie); trust needs one of them written with ``email``. Held comments are announced to
    moderators once the transaction commits, so a slow or failing mail server never loses the
    comment or fails the reader's request.
    """
    email = email.strip()
    is_staff = bool(user and user.is_authenticated and user.is_staff)
    by_email = Comment.objects.by_email(email)
    submission = Submission(
        name=name,
        url=url,
        body=body,
        honeypot=honeypot,
        form_age=form_age,
        is_trusted=TrustedCommenter.objects.filter(email=email.lower()).exists(),
        has_approved_comment=by_email.approved().exists(),
        has_proof=bool(proven_ids) and by_email.approved().filter(pk__in=proven_ids).exists(),
        is_duplicate=by_email.filter(article=article, body=body.strip()).exists(),
        is_staff=is_staff,
    )
    verdict = decide(submission, current_rules())
    if verdict.status != Comment.Status.SPAM and not is_staff and spam_check.is_configured():
        says_spam = spam_check.akismet_says_spam(
            ip=ip,
            user_agent=user_agent,
            name=name,
            email=email,
            url=url,
            body=body,
            permalink=base_url + article.get_absolute_url(),
        )
        verdict = with_spam_check(verdict, says_spam)

    comment = Comment.objects.create(
        article=article,
        parent=parent,
        author_name=name,
        author_email=email,
        author_url=url,
        body=body,
        status=verdict.status,
        reason=verdict.reason,
        user=user if is_staff else None,
        is_staff_reply=is_staff,
        sender_hash=sender_hash(ip),
        user_agent=user_agent[:500],
    )
    # Spam is never approved, so never replied to: its address gets no confirmation either.
    if notify_replies and comment.status != Comment.Status.SPAM:
        replies.subscribe(comment, base_url=base_url)
    replies.replies_visible([comment], base_url=base_url)
    if comment.status == Comment.Status.PENDING:
        transaction.on_commit(
            lambda: tasks.notify_moderators.enqueue(comment.pk, base_url=base_url)
        )
    return comment
