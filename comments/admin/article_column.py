"""The comments waiting on each article, in the article admin: a column of the list and links
on the change form, added through ``articles.admin_extensions`` (articles never imports
comments)."""

from django.contrib import admin
from django.db.models import Count, Q
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from articles.admin_extensions import ArticleAdminExtension, extend_article_admin

from ..models import Comment
from .queue import StatusListFilter, comment_queue_url


def annotate_pending(queryset):
    pending = Count("comments", filter=Q(comments__status=Comment.Status.PENDING), distinct=True)
    return queryset.annotate(pending_comment_count=pending)


@admin.display(description=_("Pending comments"), ordering="pending_comment_count")
def pending_comments(article):
    count = article.pending_comment_count
    if not count:
        return "0"
    url = comment_queue_url(article=article.pk, status=Comment.Status.PENDING)
    return format_html('<a href="{}">{}</a>', url, count)


@admin.display(description=_("Comments"))
def comments_links(article):
    if article.pk is None:
        return "—"
    pending = getattr(article, "pending_comment_count", 0)
    return format_html(
        '<a href="{}">{}</a> · <a href="{}">{}</a>',
        comment_queue_url(article=article.pk, status=Comment.Status.PENDING),
        ngettext(
            "%(count)d comment awaiting moderation",
            "%(count)d comments awaiting moderation",
            pending,
        )
        % {"count": pending},
        comment_queue_url(article=article.pk, status=StatusListFilter.ALL),
        _("All comments"),
    )


extend_article_admin(
    ArticleAdminExtension(
        columns=(pending_comments,),
        fieldset=(_("Comments"), [comments_links]),
        annotate=annotate_pending,
    )
)
