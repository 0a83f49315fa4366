"""Data requests and retention: export and erase a commenter's comments, forget old IPs.

The management commands and the admin actions call these functions; the logic lives here.
"""

from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .models import Comment, CommenterAddress, TrustedCommenter


def export_comments(email, *, base_url=""):
    """Every comment written with ``email`` (ignoring case), oldest first, as plain data."""
    if not email.strip():
        return []
    comments = (
        Comment.objects.by_email(email).select_related("article").order_by("created_at", "id")
    )
    return [
        {
            "id": comment.pk,
            "article": {
                "title": comment.article.title,
                "url": base_url + comment.article.get_absolute_url(),
            },
            "parent_id": comment.parent_id,
            "name": comment.author_name,
            "email": comment.author_email,
            "website": comment.author_url,
            "body": comment.body,
            "status": comment.status,
            "created_at": comment.created_at.isoformat(),
            "sender_hash": comment.sender_hash,
            "user_agent": comment.user_agent,
        }
        for comment in comments
    ]


@transaction.atomic
def erase_comments(email):
    """Erase every comment written with ``email``: text and personal data go, a placeholder
    keeps replies in their thread. The email's trusted status, its confirmation and its reply
    subscriptions go too. Returns how many comments were erased."""
    if not email.strip():
        return 0
    comments = list(Comment.objects.by_email(email))
    for comment in comments:
        comment.erase()
    TrustedCommenter.objects.filter(email=email.strip().lower()).delete()
    CommenterAddress.objects.for_email(email).delete()
    return len(comments)


def purge_ips(older_than_days):
    """Clear the sender hash and user agent of comments posted more than ``older_than_days``
    days ago, in one query. Returns how many comments still had them."""
    cutoff = timezone.now() - timedelta(days=older_than_days)
    return (
        Comment.objects.filter(created_at__lt=cutoff)
        .filter(~Q(sender_hash="") | ~Q(user_agent=""))
        .update(sender_hash="", user_agent="")
    )
