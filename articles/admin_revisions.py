"""Comparing two revisions of an article in the admin: the history page lets the user pick any
two, and the comparison page shows what changed between them (``articles/revision_compare.py``).
"""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, resolve, reverse
from django.utils.translation import gettext as _
from reversion.models import Version

from . import revision_compare


class RevisionCompareMixin:
    """What ``ArticleAdmin`` gets to compare revisions (placed before ``VersionAdmin``)."""

    object_history_template = "admin/articles/article/object_history.html"

    def get_urls(self):
        opts = self.model._meta
        compare = path(
            "<path:object_id>/history/compare/",
            self.admin_site.admin_view(self.compare_view),
            name=f"{opts.app_label}_{opts.model_name}_compare",
        )
        return [compare, *super().get_urls()]

    def history_view(self, request, object_id, extra_context=None):
        opts = self.model._meta
        context = {
            "compare_url": reverse(
                f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_compare",
                args=[object_id],
            ),
            **(extra_context or {}),
        }
        response = super().history_view(request, object_id, context)
        for action in response.context_data.get("action_list", []):
            # reversion links each revision by its version's id: the form compares those.
            action["version_id"] = resolve(action["url"]).args[-1]
        return response

    def compare_view(self, request, object_id):
        article = get_object_or_404(self.get_queryset(request), pk=unquote(object_id))
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        versions = Version.objects.get_for_object(article).select_related(
            "revision", "revision__user"
        )
        chosen = sorted(
            versions.filter(pk__in=_ids(request.GET.getlist("from") + request.GET.getlist("to"))),
            key=lambda version: version.revision_id,
        )
        if len(chosen) != 2:
            self.message_user(
                request, _("Choose two different revisions to compare."), messages.ERROR
            )
            opts = self.model._meta
            return redirect(
                f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_history", object_id
            )
        older, newer = chosen
        texts, others = revision_compare.compare(older, newer)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Compare revisions of “%(title)s”") % {"title": article.title},
            "opts": self.model._meta,
            "original": article,
            "older": older,
            "newer": newer,
            "text_changes": texts,
            "other_changes": others,
        }
        return TemplateResponse(request, "admin/articles/article/revision_compare.html", context)


def _ids(values):
    return [int(value) for value in values if value.isdigit()][:2]
