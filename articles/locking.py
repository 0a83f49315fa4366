"""Two editors, one article: optimistic locking of the article's change form.

The form carries, hidden, the version of the article it was opened on: its ``updated_at`` and its
latest revision. A save over a newer version is refused; the form comes back with the user's
text as typed, the other person's changes as a diff, and the newer version in the hidden field,
so that saving again keeps the user's text knowingly.

A POST without the field (a script, an older form) is not checked: the field only protects what
the form showed.
"""

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from reversion.models import Version

from . import revision_compare
from .admin_workflow import ArticleWorkflowForm
from .revisions import TEXT_FIELDS, word_diff

FIELD = "edited_version"


def version_token(article):
    """``updated_at|latest revision's version id`` of a saved article."""
    latest = Version.objects.get_for_object(article).values_list("pk", flat=True).first()
    return f"{article.updated_at.isoformat()}|{latest or ''}"


def _parse(token):
    stamp, _sep, version_id = (token or "").partition("|")
    return stamp, int(version_id) if version_id.isdigit() else None


class Conflict:
    """What changed since the form was opened, for the user whose save was refused."""

    def __init__(self, article, base_version_id, typed):
        versions = Version.objects.get_for_object(article).select_related("revision__user")
        newest = versions.first()
        base = versions.filter(pk=base_version_id).first() if base_version_id else None
        self.saved_at = article.updated_at
        self.saved_by = newest.revision.user if newest and newest.revision.user else None
        if base is not None and newest is not None and newest.pk != base.pk:
            # Their changes, from the version the form showed to the one saved since.
            self.theirs_only = True
            self.text_changes, self.other_changes = revision_compare.compare(base, newest)
        else:
            # No revision to start from: their saved text against yours.
            self.theirs_only = False
            self.text_changes = [
                revision_compare.TextChange(
                    article._meta.get_field(name).verbose_name,
                    word_diff(getattr(article, name), typed.get(name, getattr(article, name))),
                )
                for name in TEXT_FIELDS
            ]
            self.other_changes = []

    def message(self):
        when = formats.date_format(timezone.localtime(self.saved_at), "DATETIME_FORMAT")
        who = self.saved_by.get_username() if self.saved_by else _("someone else")
        return _(
            "%(who)s saved this article at %(when)s, after you opened it. Your changes are not "
            "saved yet: they are still in the form. Their changes are shown below; take what you "
            "need from them, then save again to keep your version."
        ) % {"who": who, "when": when}


class LockedArticleForm(ArticleWorkflowForm):
    edited_version = forms.CharField(widget=forms.HiddenInput, required=False)

    conflict = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields[FIELD].initial = version_token(self.instance)

    def clean(self):
        cleaned_data = super().clean()
        posted = self.data.get(self.add_prefix(FIELD))
        if not posted or not self.instance.pk:
            return cleaned_data
        stamp, base_version_id = _parse(posted)
        if stamp == self.instance.updated_at.isoformat():
            return cleaned_data
        typed = {name: self.data.get(self.add_prefix(name)) for name in TEXT_FIELDS}
        typed = {name: value for name, value in typed.items() if value is not None}
        self.conflict = Conflict(self.instance, base_version_id, typed)
        self.add_error(None, self.conflict.message())
        # Saving again, now that the user has seen their changes, keeps the user's version.
        self.data = self.data.copy()
        self.data[self.add_prefix(FIELD)] = version_token(self.instance)
        return cleaned_data


class OptimisticLockMixin:
    """What ``ArticleAdmin`` gets from the lock (placed before ``WorkflowAdminMixin``)."""

    form = LockedArticleForm
