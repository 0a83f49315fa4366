"""Commenters' data requests in the queue: every comment of the selected commenters exported
as JSON, or erased."""

import json

from django.contrib import admin, messages
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .. import privacy
from ..models import Comment
from .moderation_log import log_moderation


def commenters_emails(queryset):
    """The selected comments' email addresses, normalized, each once."""
    return sorted(
        {
            email.strip().lower()
            for email in queryset.exclude(author_email="").values_list("author_email", flat=True)
        }
    )


class PrivacyActionsMixin:
    """The queue's export and erase actions (``CommentAdmin`` lists them)."""

    def has_erase_permission(self, request):
        return self.has_moderate_permission(request) or self.has_delete_permission(request)

    @admin.action(
        description=_("Export all comments of these commenters as JSON"),
        permissions=["moderate"],
    )
    def export_commenters(self, request, queryset):
        base_url = request.build_absolute_uri("/").rstrip("/")
        data = {
            email: privacy.export_comments(email, base_url=base_url)
            for email in commenters_emails(queryset)
        }
        exported = [comment["id"] for comments in data.values() for comment in comments]
        log_moderation(request, "export", exported)
        response = HttpResponse(
            json.dumps(data, indent=2, ensure_ascii=False),
            content_type="application/json; charset=utf-8",
        )
        filename = f"comments-export-{timezone.now():%Y%m%d-%H%M%S}.json"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

    @admin.action(
        description=_("Erase all comments of these commenters"),
        permissions=["erase"],
    )
    def erase_commenters(self, request, queryset):
        emails = commenters_emails(queryset)
        if request.POST.get("confirm") != "yes":
            # Erasing cannot be undone: show what will go, and ask once more.
            context = {
                **self.admin_site.each_context(request),
                "title": _("Erase these commenters' comments?"),
                "opts": self.model._meta,
                "commenters": [
                    (email, Comment.objects.by_email(email).count()) for email in emails
                ],
                "selected": queryset.values_list("pk", flat=True),
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            }
            return TemplateResponse(
                request, "admin/comments/comment/erase_confirmation.html", context
            )
        erased = [
            pk
            for email in emails
            for pk in Comment.objects.by_email(email).values_list("pk", flat=True)
        ]
        count = sum(privacy.erase_comments(email) for email in emails)
        log_moderation(request, "erase", erased)
        message = ngettext(
            "%(count)d comment erased: its text and personal data are gone.",
            "%(count)d comments erased: their text and personal data are gone.",
            count,
        )
        self.message_user(request, message % {"count": count}, messages.SUCCESS)
