"""The moderation queue: comments by status, and the actions that change it."""

from dataclasses import dataclass

from django.contrib import admin, messages
from django.contrib.admin import ActionLocation
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, ngettext_lazy, pgettext_lazy

from articles.models import Article

from .. import replies
from ..models import Comment, TrustedCommenter
from .moderation_log import log_moderation
from .privacy import PrivacyActionsMixin, commenters_emails

EXCERPT_LENGTH = 80
BOTH_LOCATIONS = [admin.ActionLocation.CHANGE_LIST, admin.ActionLocation.CHANGE_FORM]
# Shown, never edited: how and by whom a comment came.
TECHNICAL_FIELDS = [
    "created_at",
    "sender",
    "user_agent",
    "user",
    "is_staff_reply",
    "erased_at",
]


def comment_queue_url(**filters):
    """The comment changelist, filtered (``status="all"`` lists every status)."""
    url = reverse("admin:comments_comment_changelist")
    return f"{url}?{urlencode(filters)}" if filters else url


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


@dataclass(frozen=True)
class StatusChange:
    """One moderation action of the queue: the status it gives, its names, what it reports."""

    name: str
    status: str
    description: Promise
    description_plural: Promise
    done: Promise  # ngettext_lazy(..., "count")


STATUS_CHANGES = [
    StatusChange(
        "approve",
        Comment.Status.APPROVED,
        _("Approve"),
        _("Approve selected comments"),
        ngettext_lazy("%(count)d comment approved.", "%(count)d comments approved.", "count"),
    ),
    StatusChange(
        "mark_spam",
        Comment.Status.SPAM,
        _("Mark as spam"),
        _("Mark selected comments as spam"),
        ngettext_lazy(
            "%(count)d comment marked as spam.", "%(count)d comments marked as spam.", "count"
        ),
    ),
    StatusChange(
        "remove",
        Comment.Status.REMOVED,
        pgettext_lazy("moderation action", "Remove"),
        _("Remove selected comments"),
        ngettext_lazy("%(count)d comment removed.", "%(count)d comments removed.", "count"),
    ),
    StatusChange(
        "restore_to_pending",
        Comment.Status.PENDING,
        _("Restore to pending"),
        _("Restore selected comments to pending"),
        ngettext_lazy(
            "%(count)d comment restored to pending.",
            "%(count)d comments restored to pending.",
            "count",
        ),
    ),
]


def status_action(change):
    """The admin action of ``change``: gives its status to the selected comments."""

    def action(modeladmin, request, queryset):
        count = modeladmin.moderate(request, queryset, change.status)
        modeladmin.report(request, change.done, count)

    action.__name__ = change.name
    return admin.action(
        description=change.description,
        description_plural=change.description_plural,
        permissions=["moderate"],
        location=BOTH_LOCATIONS,
    )(action)


STATUS_ACTIONS = [status_action(change) for change in STATUS_CHANGES]


@admin.register(Comment)
class CommentAdmin(PrivacyActionsMixin, admin.ModelAdmin):
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
        *STATUS_ACTIONS[:1],
        "approve_and_trust",
        *STATUS_ACTIONS[1:],
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
                "fields": TECHNICAL_FIELDS,
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
        *TECHNICAL_FIELDS,
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

    def moderate(self, request, queryset, status):
        """Give ``status`` to the comments that do not have it yet, stamping who and when."""
        changed = []
        with transaction.atomic():  # each article's threads made again once, on commit
            for comment in queryset.exclude(status=status):
                comment.moderate(status, by=request.user)
                changed.append(comment)
        replies.replies_visible(changed, base_url=request.build_absolute_uri("/").rstrip("/"))
        changed = [comment.pk for comment in changed]
        log_moderation(request, "moderate", changed, status=status)
        return len(changed)

    def report(self, request, message, count):
        self.message_user(request, message % {"count": count}, messages.SUCCESS)

    @admin.action(
        description=_("Approve and trust the commenter"),
        description_plural=_("Approve and trust the commenters"),
        permissions=["moderate"],
        location=BOTH_LOCATIONS,
    )
    def approve_and_trust(self, request, queryset):
        # Read before acting: from the default (pending) queue, the queryset is empty after.
        selected = list(queryset.values_list("pk", flat=True))
        emails = commenters_emails(queryset)
        count = self.moderate(request, queryset, Comment.Status.APPROVED)
        trusted = 0
        for email in emails:
            _trusted, created = TrustedCommenter.objects.get_or_create(
                email=email, defaults={"trusted_by": request.user}
            )
            trusted += created
        log_moderation(request, "trust", selected, trusted=trusted)
        self.report(request, STATUS_CHANGES[0].done, count)
        self.report(
            request,
            ngettext(
                "%(count)d commenter trusted: their next comments skip the queue.",
                "%(count)d commenters trusted: their next comments skip the queue.",
                trusted,
            ),
            trusted,
        )
