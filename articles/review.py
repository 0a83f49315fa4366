"""Telling the editors that an article waits for their review, and its writers that it came back
to them with a note. Run by the task queue after the save is committed
(``articles.tasks.notify_editors``, ``articles.tasks.notify_writers``)."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from .models import Article

logger = logging.getLogger(__name__)

EDITORS_GROUP = "Editors"


def editor_emails():
    """Active members of the Editors group who have an email."""
    members = (
        get_user_model()
        .objects.filter(groups__name=EDITORS_GROUP, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    return sorted(set(members))


def writer_emails(article):
    """Active users who created the article or sign it, and have an email."""
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    members = users.filter(
        Q(pk=article.created_by_id) | Q(author__bylines__article=article)
    ).values_list("email", flat=True)
    return sorted(set(members))


def _send(subject, template, context, recipients, article_id):
    """Send one notification. A failing mail server is logged: the article is already saved and
    the request that saved it must not fail because of it."""
    try:
        send_mail(
            subject,
            render_to_string(template, context),
            settings.DEFAULT_FROM_EMAIL,
            recipients,
        )
    except Exception:
        logger.exception("Could not send the review email for article %s", article_id)
        return False
    return True


def article_sent_back(article_id, *, base_url):
    """Email the writers of an article an editor sent back, with the editor's note."""
    article = Article.objects.filter(pk=article_id, status=Article.Status.DRAFT).first()
    recipients = writer_emails(article) if article is not None else []
    if not recipients:
        return False
    context = {
        "article": article,
        "admin_url": base_url + reverse("admin:articles_article_change", args=[article.pk]),
    }
    subject = _("Article sent back to you: “%(title)s”") % {"title": article.title}
    return _send(subject, "articles/email/article_sent_back.txt", context, recipients, article_id)


def article_submitted(article_id, *, base_url):
    """Email the editors about an article submitted for review. A failing mail server is logged:
    the article is already saved and the writer's request must not fail because of it."""
    recipients = editor_emails()
    article = Article.objects.filter(pk=article_id, status=Article.Status.IN_REVIEW).first()
    if article is None or not recipients:
        return False
    context = {
        "article": article,
        "admin_url": base_url + reverse("admin:articles_article_change", args=[article.pk]),
        "queue_url": base_url
        + reverse("admin:articles_article_changelist")
        + "?awaiting_review=yes",
    }
    subject = _("Article awaiting review: “%(title)s”") % {"title": article.title}
    return _send(subject, "articles/email/article_submitted.txt", context, recipients, article_id)
