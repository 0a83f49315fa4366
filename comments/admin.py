"""The moderation queue, moderation terms, trusted commenters, and comment counts on articles."""

import json
import logging

from django.contrib import admin, messages
from django.contrib.admin import ActionLocation
from django.db.models import Count, Q
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from articles.admin import ArticleAdmin
from articles.models import Article

from . import privacy, replies
from .models import Comment, ModerationTerm, TrustedCommenter

EXCERPT_LENGTH = 80
BOTH_LOCATIONS = [admin.ActionLocation.CHANGE_LIST, admin.ActionLocation.CHANGE_FORM]
moderation_log = logging.getLogger("newsroom.moderation")


def comment_queue_url(**filters):
    """The comment changelist, filtered (``status="all"`` lists every status)."""
    url = reverse("admin:comments_comment_changelist")
    return f"{url}?{urlencode(filters)}" if filters else url


def log_moderation(request, action, comment_ids, **fields):
    """One log line per moderation action: what was done, to which comments, by whom. Never
    an email address or a comment's text."""
    fields = {
        "action": action,
        "comment_ids": sorted(comment_ids),
        "moderator": request.user.get_username(),
        **fields,
    }
    moderation_log.info(
        "%(action)s by %(moderator)s: comments %(comment_ids)s", fields, extra={"fields": fields}
    )


class StatusListFilter(admin.SimpleListFilter):
    """The queue opens on pending comments; "All" is a choice of its own."""

    title = _("status")
    parameter_name = "status"
    ALL = "all"

    def lookups(self, request, model_admin):
        return [*Comment.Status.choices, (self.ALL, _("All"))]

    def value(self):
        return super().value() or Comment.Status.PENDING

    def queryset(self, request, queryset):
        value = self.value()
        if value == self.ALL:
            return queryset
        if value in Comment.Status.values:
            return queryset.filter(status=value)
        return queryset.none()

    def choices(self, changelist):
        choices = super().choices(changelist)
        next(choices)  # Django's own "All" means "no parameter", which is "pending" here.
        yield from choices


class ArticleListFilter(admin.SimpleListFilter):
    """Shown only when the list is narrowed to one article (from the article admin's link)."""

    title = _("article")
    parameter_name = "article"

    def lookups(self, request, model_admin):
        article_id = request.GET.get(self.parameter_name, "")
        if not article_id.isdigit():
            return []
        return Article.objects.filter(pk=article_id).values_list("pk", "title")

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(article_id=self.value())
        return queryset


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = [
        "excerpt",
        "author_name",
        "author_email",
        "website",
        "article_link",
        "created_at",
        "status",
        "held_because",
        "sender",
    ]
    list_display_links = ["excerpt"]
    list_filter = [StatusListFilter, "reason", ArticleListFilter, "article__section"]
    list_select_related = ["article"]
    search_fields = ["author_name", "author_email", "body"]
    date_hierarchy = "created_at"
    actions = [
        "approve",
        "approve_and_trust",
        "mark_spam",
        "remove",
        "restore_to_pending",
        "export_commenters",
        "erase_commenters",
    ]
    fieldsets = [
        (None, {"fields": ["article", "parent", "author_name", "author_email", "author_url"]}),
        (_("Comment"), {"fields": ["body"]}),
        (_("Moderation"), {"fields": ["status", "reason", ("moderated_by", "moderated_at")]}),
        (
            _("Technical details"),
            {
                "classes": ["collapse"],
                "fields": [
                    "created_at",
                    "sender",
                    "user_agent",
                    "user",
                    "is_staff_reply",
                    "erased_at",
                ],
            },
        ),
    ]
    readonly_fields = [
        "article",
        "parent",
        "author_email",
        "reason",
        "moderated_by",
        "moderated_at",
        "created_at",
        "sender",
        "user_agent",
        "user",
        "is_staff_reply",
        "erased_at",
    ]

    def has_add_permission(self, request):
        return False  # Comments come from readers, through the article page.

    def get_actions(self, request, action_location=ActionLocation.CHANGE_LIST):
        # Deleting a comment deletes its replies; "Remove" and "Erase" keep threads whole.
        actions = super().get_actions(request, action_location)
        actions.pop("delete_selected", None)
        return actions

    def has_moderate_permission(self, request):
        return request.user.has_perm("comments.can_moderate")

    def has_erase_permission(self, request):
        return self.has_moderate_permission(request) or self.has_delete_permission(request)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not self.has_moderate_permission(request):
            readonly.append("status")
        if obj is not None and obj.is_erased:
            readonly += ["author_name", "author_url", "body"]  # erased stays erased
        return readonly

    def save_model(self, request, obj, form, change):
        if "status" in form.changed_data:
            obj.moderated_by = request.user
            obj.moderated_at = timezone.now()
        super().save_model(request, obj, form, change)
        if "status" in form.changed_data:
            replies.replies_visible([obj], base_url=request.build_absolute_uri("/").rstrip("/"))
            log_moderation(request, "moderate", [obj.pk], status=obj.status)
        elif form.changed_data:
            log_moderation(request, "edit", [obj.pk], changed=sorted(form.changed_data))

    # Columns ------------------------------------------------------------------------------------

    @admin.display(description=_("comment"))
    def excerpt(self, obj):
        if obj.is_erased:
            return _("(erased)")
        return Truncator(obj.body).chars(EXCERPT_LENGTH)

    @admin.display(description=_("website"), ordering="author_url")
    def website(self, obj):
        if obj.website:
            return format_html(
                '<a href="{}" rel="nofollow ugc noopener noreferrer">{}</a>',
                obj.website,
                Truncator(obj.website).chars(40),
            )
        return obj.author_url or "—"  # shown as text: not an http(s) address

    @admin.display(description=_("article"), ordering="article__title")
    def article_link(self, obj):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:articles_article_change", args=[obj.article_id]),
            obj.article.title,
        )

    @admin.display(description=_("sender"), ordering="sender_hash")
    def sender(self, obj):
        """A short mark shared by comments from one client in one retention period, linking to
        all of them: "same sender", without its address."""
        if not obj.sender_hash:
            return "—"
        url = comment_queue_url(status="all", sender_hash=obj.sender_hash)
        return format_html('<a href="{}">{}</a>', url, obj.sender_hash[:8])

    @admin.display(description=_("why it was held"), ordering="reason")
    def held_because(self, obj):
        return obj.get_reason_display() or "—"

    # Moderation actions -------------------------------------------------------------------------

    def _moderate(self, request, queryset, status):
        """Give ``status`` to the comments that do not have it yet, stamping who and when."""
        changed = []
        for comment in queryset.exclude(status=status):
            comment.moderate(status, by=request.user)
            changed.append(comment)
        replies.replies_visible(changed, base_url=request.build_absolute_uri("/").rstrip("/"))
        changed = [comment.pk for comment in changed]
        log_moderation(request, "moderate", changed, status=status)
        return len(changed)

    def _report(self, request, message, count):
        self.message_user(request, message % {"count": count}, messages.SUCCESS)

    @admin.action(
        description=_("Approve"),
        description_plural=_("Approve selected comments"),
        permissions=["moderate"],
        location=BOTH_LOCATIONS,
    )
    def approve(self, request, queryset):
        count = self._moderate(request, queryset, Comment.Status.APPROVED)
        self._report(
            request,
            ngettext("%(count)d comment approved.", "%(count)d comments approved.", count),
            count,
        )

    @admin.action(
        description=_("Approve and trust the commenter"),
        description_plural=_("Approve and trust the commenters"),
        permissions=["moderate"],
        location=BOTH_LOCATIONS,
    )
    def approve_and_trust(self, request, queryset):
        # Read before acting: from the default (pending) queue, the queryset is empty after.
        selected = list(queryset.values_list("pk", flat=True))
        emails = self._emails(queryset)
        count = self._moderate(request, queryset, Comment.Status.APPROVED)
        trusted = 0
        for email in emails:
            _trusted, created = TrustedCommenter.objects.get_or_create(
                email=email, defaults={"trusted_by": request.user}
            )
            trusted += created
        log_moderation(request, "trust", selected, trusted=trusted)
        self._report(
            request,
            ngettext("%(count)d comment approved.", "%(count)d comments approved.", count),
            count,
        )
        self._report(
            request,
            ngettext(
                "%(count)d commenter trusted: their next comments skip the queue.",
                "%(count)d commenters trusted: their next comments skip the queue.",
                trusted,
            ),
            trusted,
        )

    @admin.action(
        description=_("Mark as spam"),
        description_plural=_("Mark selected comments as spam"),
        permissions=["moderate"],
        location=BOTH_LOCATIONS,
    )
    def mark_spam(self, request, queryset):
        count = self._moderate(request, queryset, Comment.Status.SPAM)
        self._report(
            request,
            ngettext(
                "%(count)d comment marked as spam.", "%(count)d comments marked as spam.", count
            ),
            count,
        )

    @admin.action(
        description=pgettext_lazy("moderation action", "Remove"),
        description_plural=_("Remove selected comments"),
        permissions=["moderate"],
        location=BOTH_LOCATIONS,
    )
    def remove(self, request, queryset):
        count = self._moderate(request, queryset, Comment.Status.REMOVED)
        self._report(
            request,
            ngettext("%(count)d comment removed.", "%(count)d comments removed.", count),
            count,
        )

    @admin.action(
        description=_("Restore to pending"),
        description_plural=_("Restore selected comments to pending"),
        permissions=["moderate"],
        location=BOTH_LOCATIONS,
    )
    def restore_to_pending(self, request, queryset):
        count = self._moderate(request, queryset, Comment.Status.PENDING)
        self._report(
            request,
            ngettext(
                "%(count)d comment restored to pending.",
                "%(count)d comments restored to pending.",
                count,
            ),
            count,
        )

    # Data requests ------------------------------------------------------------------------------

    @staticmethod
    def _emails(queryset):
        return sorted(
            {
                email.strip().lower()
                for email in queryset.exclude(author_email="").values_list(
                    "author_email", flat=True
                )
            }
        )

    @admin.action(
        description=_("Export all comments of these commenters as JSON"),
        permissions=["moderate"],
    )
    def export_commenters(self, request, queryset):
        base_url = request.build_absolute_uri("/").rstrip("/")
        data = {
            email: privacy.export_comments(email, base_url=base_url)
            for email in self._emails(queryset)
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
        emails = self._emails(queryset)
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
        self._report(
            request,
            ngettext(
                "%(count)d comment erased: its text and personal data are gone.",
                "%(count)d comments erased: their text and personal data are gone.",
                count,
            ),
            count,
        )


@admin.register(ModerationTerm)
class ModerationTermAdmin(admin.ModelAdmin):
    list_display = ["term", "action", "created_at"]
    list_editable = ["action"]
    list_filter = ["action"]
    search_fields = ["term"]


@admin.register(TrustedCommenter)
class TrustedCommenterAdmin(admin.ModelAdmin):
    list_display = ["email", "trusted_by", "created_at"]
    list_select_related = ["trusted_by"]
    search_fields = ["email"]
    readonly_fields = ["trusted_by", "created_at"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.trusted_by = request.user
        super().save_model(request, obj, form, change)


# The article admin, with the comments waiting on each article ---------------------------------
# ``articles`` never imports ``comments``: the comment column is added from this side.

admin.site.unregister(Article)


@admin.register(Article)
class ArticleWithCommentsAdmin(ArticleAdmin):
    list_display = [*ArticleAdmin.list_display, "pending_comments"]
    readonly_fields = [*ArticleAdmin.readonly_fields, "comments_links"]
    fieldsets = [*ArticleAdmin.fieldsets, (_("Comments"), {"fields": ["comments_links"]})]

    def get_queryset(self, request):
        pending = Count(
            "comments", filter=Q(comments__status=Comment.Status.PENDING), distinct=True
        )
        return super().get_queryset(request).annotate(pending_comment_count=pending)

    @admin.display(description=_("Pending comments"), ordering="pending_comment_count")
    def pending_comments(self, obj):
        count = obj.pending_comment_count
        if not count:
            return "0"
        url = comment_queue_url(article=obj.pk, status=Comment.Status.PENDING)
        return format_html('<a href="{}">{}</a>', url, count)

    @admin.display(description=_("Comments"))
    def comments_links(self, obj):
        if obj.pk is None:
            return "—"
        pending = getattr(obj, "pending_comment_count", 0)
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a>',
            comment_queue_url(article=obj.pk, status=Comment.Status.PENDING),
            ngettext(
                "%(count)d comment awaiting moderation",
                "%(count)d comments awaiting moderation",
                pending,
            )
            % {"count": pending},
            comment_queue_url(article=obj.pk, status=StatusListFilter.ALL),
            _("All comments"),
        )
