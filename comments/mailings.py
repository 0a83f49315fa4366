"""The emails commenters get: confirm your address, replies to you, your data link.

Each is written in the site's language, as text and HTML. Sending raises on a mail server that
fails; callers (comments/mail_queue.py) leave the row due so the next round sends it again.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import links


def _send(to, subject, template, context, headers=None):
    with translation.override(settings.LANGUAGE_CODE):
        subject = str(subject())
        text = render_to_string(f"comments/email/{template}.txt", context)
        html = render_to_string(f"comments/email/{template}.html", context)
    message = EmailMultiAlternatives(
        subject, text, settings.DEFAULT_FROM_EMAIL, [to], headers=headers or {}
    )
    message.attach_alternative(html, "text/html")
    message.send()


def send_confirmation(address, *, base_url):
    context = {
        "confirm_url": links.confirm_url(base_url, address.pk),
        "days": settings.COMMENTS_CONFIRM_LINK_DAYS,
    }
    _send(address.email, lambda: _("Confirm your email address"), "confirm_address", context)


def send_replies(address, notices, *, base_url):
    """One email about the replies of ``notices`` (one, or a digest of several)."""
    threads = {notice.subscription_id for notice in notices}
    unsubscribe_all = links.unsubscribe_all_url(base_url, address.pk)
    # The one-click address (RFC 8058) stops what this email is about.
    if len(threads) == 1:
        one_click = links.unsubscribe_thread_url(base_url, notices[0].subscription_id)
    else:
        one_click = unsubscribe_all
    replies = [
        {
            "name": notice.reply.author_name,
            "text": notice.reply.body,
            "url": base_url + notice.reply.get_absolute_url(),
            "article": notice.reply.article.title,
            "unsubscribe_url": links.unsubscribe_thread_url(base_url, notice.subscription_id),
        }
        for notice in notices
    ]
    context = {
        "replies": replies,
        "unsubscribe_all_url": unsubscribe_all,
        "data_url": base_url + reverse("comments:your-data"),
    }
    count = len(replies)

    def subject():
        if count == 1:
            return _("%(name)s replied to your comment") % {"name": replies[0]["name"]}
        return ngettext(
            "%(count)d reply to your comments", "%(count)d replies to your comments", count
        ) % {"count": count}

    headers = {
        "List-Unsubscribe": f"<{one_click}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "Auto-Submitted": "auto-generated",
    }
    _send(address.email, subject, "replies", context, headers)


def send_data_link(data_request, *, base_url):
    context = {
        "data_url": links.data_url(base_url, data_request.pk),
        "hours": settings.COMMENTS_DATA_LINK_HOURS,
    }
    _send(data_request.email, lambda: _("Your comments and your data"), "data_link", context)
