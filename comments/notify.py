"""Telling moderators that a comment waits for them."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from .models import Comment

logger = logging.getLogger(__name__)

MODERATORS_GROUP = "Moderators"


def moderator_emails():
    """Members of the Moderators group who have an email, plus COMMENTS_NOTIFY_EMAILS."""
    members = (
        get_user_model()
        .objects.filter(groups__name=MODERATORS_GROUP, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    return sorted({*members, *settings.COMMENTS_NOTIFY_EMAILS})


def comment_held(comment_id, *, base_url):
    """Email the moderators about a held comment. A failing mail server is logged: the
    comment is already stored and the reader's request must not fail because of it."""
    recipients = moderator_emails()
    comment = Comment.objects.select_related("article").filter(pk=comment_id).first()
    if comment is None or not recipients:
        return False
    context = {
        "comment": comment,
        "excerpt": Truncator(comment.body).chars(300),
        "reason": comment.get_reason_display(),
        "admin_url": base_url + reverse("admin:comments_comment_change", args=[comment.pk]),
        "queue_url": base_url + reverse("admin:comments_comment_changelist"),
    }
    subject = _("Comment awaiting moderation on “%(title)s”") % {"title": comment.article.title}
    try:
        send_mail(
            subject,
            render_to_string("comments/email/comment_held.txt", context),
            settings.DEFAULT_FROM_EMAIL,
            recipients,
        )
    except Exception:
        logger.exception("Could not send the moderation email for comment %s", comment_id)
        return False
    return True
