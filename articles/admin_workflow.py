"""The review workflow in the article admin: who may edit which article, the buttons of the moves
a user may make (``articles/workflow.py`` holds the rules), the "awaiting review" filter, and the
unpublishing page that asks for a reason.

Rights are checked where the request arrives, whatever sent it: the form refuses a move the user
may not make (403), ``has_change_permission`` refuses a save of an article the user may not edit.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import tasks, workflow
from .models import Article, ArticleNote

PUBLISH_PERMISSION = "articles.publish_article"


def may_publish(user):
    return user.has_perm(PUBLISH_PERMISSION)


def owns(user, article):
    """A writer's own article: one they created, or one with their byline."""
    if article is None or article.pk is None:
        return True
    if article.created_by_id is not None and article.created_by_id == user.pk:
        return True
    return article.bylines.filter(author__user_id=user.pk).exists()


def may_edit(user, article):
    if article is None or article.pk is None:
        return True
    return workflow.may_edit(
        article.status, may_publish=may_publish(user), owns=owns(user, article)
    )


def allowed_moves(user, article):
    status = article.status if article is not None and article.pk else workflow.DRAFT
    return workflow.allowed_moves(status, may_publish=may_publish(user), owns=owns(user, article))


class ArticleWorkflowForm(forms.ModelForm):
    """The article's change form, knowing its user (set by ``WorkflowAdminMixin.get_form``) and
    the move asked for by the button pressed (``_move``)."""

    user = None
    move = None

    def clean(self):
        cleaned_data = super().clean()
        name = self.data.get("_move")
        if name:
            self.move = self._allowed_move(name)
            self._require_note(cleaned_data, self.move)
        elif cleaned_data.get("status") == Article.Status.UNPUBLISHED:
            # An editor who chose "Unpublished" in the list owes readers the reason too.
            self._require_note(cleaned_data, workflow.MOVES["unpublish"])
        return cleaned_data

    def _allowed_move(self, name):
        move = workflow.MOVES.get(name)
        # The status as stored: the form's own status field applies only after clean().
        status = self.instance.status if self.instance.pk else workflow.DRAFT
        if move is None or not workflow.may_make(
            move,
            status,
            may_publish=may_publish(self.user),
            owns=owns(self.user, self.instance),
        ):
            raise PermissionDenied
        return move

    def _require_note(self, cleaned_data, move):
        if not move.note_field:
            return
        if move.note_field in self.fields:
            text = cleaned_data.get(move.note_field) or ""
        else:
            text = getattr(self.instance, move.note_field)
        if not text.strip():
            if move.note_field in self.fields:
                self.add_error(move.note_field, move.note_required_message)
            else:
                self.add_error(None, move.note_required_message)


class AwaitingReviewFilter(admin.SimpleListFilter):
    title = _("review")
    parameter_name = "awaiting_review"

    def lookups(self, request, model_admin):
        count = model_admin.get_queryset(request).filter(status=Article.Status.IN_REVIEW).count()
        return [("yes", _("Awaiting review (%(count)d)") % {"count": count})]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(status=Article.Status.IN_REVIEW)
        return queryset


class UnpublishForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason, shown to readers at the article's address"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
    )


class WorkflowAdminMixin:
    """What ``ArticleAdmin`` gets from the workflow."""

    form = ArticleWorkflowForm

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        return type(form.__name__, (form,), {"user": request.user})

    def get_inlines(self, request, obj):
        # Corrections and updates are told of published articles only.
        inlines = super().get_inlines(request, obj)
        if obj is None or obj.status != Article.Status.PUBLISHED:
            inlines = [inline for inline in inlines if inline.model is not ArticleNote]
        return inlines

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and may_edit(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and may_edit(request.user, obj)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["workflow_moves"] = allowed_moves(request.user, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def apply_move(self, request, obj, form):
        """Before the save: the move asked for, and who created a new article."""
        if obj.pk is None:
            obj.created_by = request.user
        if form.move is not None:
            workflow.apply(obj, form.move)
        return form.move

    def after_move(self, request, obj, move):
        """After the save: tell the editors of a submission, the writers of a send-back, once
        it is committed."""
        if move is None:
            return
        notify = {"submit": tasks.notify_editors, "send_back": tasks.notify_writers}.get(move.name)
        if notify is not None:
            base_url = request.build_absolute_uri("/").rstrip("/")
            transaction.on_commit(lambda: notify.enqueue(obj.pk, base_url=base_url))
        self.message_user(request, move_message(move), messages.SUCCESS)

    @admin.display(description=_("State"))
    def workflow_state(self, obj):
        return Article.State(obj.state).label if obj.pk else Article.State.DRAFT.label

    def unpublish_with_reason(self, request, queryset):
        """The unpublish action: a page asking for the reason, then the unpublishing."""
        published = queryset.published_or_scheduled()
        form = UnpublishForm(request.POST if "reason" in request.POST else None)
        if form.is_valid():
            count = 0
            for article in published:
                article.status = Article.Status.UNPUBLISHED
                article.unpublished_reason = form.cleaned_data["reason"]
                article.save()
                count += 1
            self.message_user(request, unpublished_message(count), messages.SUCCESS)
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Unpublish articles"),
            "opts": self.model._meta,
            "articles": published,
            "queryset": queryset,
            "form": form,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(
            request, "admin/articles/article/unpublish_confirmation.html", context
        )


def move_message(move):
    return {
        "submit": _("Submitted for review: the editors are told."),
        "send_back": _("Sent back to the writer with your note."),
        "publish": _("Published, or scheduled for its publication time."),
        "unpublish": _("Unpublished: its address now tells readers why."),
    }[move.name]


def unpublished_message(count):
    return ngettext(
        "%(count)d article unpublished: readers no longer see it.",
        "%(count)d articles unpublished: readers no longer see them.",
        count,
    ) % {"count": count}
