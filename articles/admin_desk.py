"""The writing desk of the article's change form: the body's preview endpoint, and what the
desk's scripts (``static/js/writing_desk.js``, ``static/js/article_draft.js``) need to know.

The scripts only enhance the form: without JavaScript the body is the plain textarea. Their
words come translated from here, in a JSON data block (no inline script: strict CSP).
"""

from django import forms
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .models import WORDS_READ_PER_MINUTE, Article

PREVIEW_MAX_LENGTH = 200_000  # characters of body a preview renders; longer is refused


def preview_blocks(body, article_id=None):
    """The body's blocks as readers would get them: the same Markdown, sanitizer, figures (the
    saved images of ``article_id``) and "Read also" teasers (published articles only)."""
    # An article not saved yet has no images: no row has the id 0, so none are found.
    article = Article(pk=article_id or 0, body=body)
    article.render_body()
    teaser_ids = article.teaser_ids
    teasers = (
        list(Article.objects.published().for_listing().filter(pk__in=teaser_ids))
        if teaser_ids
        else []
    )
    return article.body_blocks(teasers)


def desk_strings():
    return {
        "toolbar": _("Formatting"),
        "heading": _("Subheading"),
        "bold": _("Bold"),
        "italic": _("Italic"),
        "link": _("Link"),
        "quote": _("Quote"),
        "list": _("List"),
        "figure": _("Figure"),
        "readAlso": _("“Read also” link"),
        "linkText": _("text"),
        "readAlsoText": _("Title of the other article"),
        "preview": _("Preview, as readers will see it"),
        "previewFailed": _("The preview could not be refreshed. Your text is safe in the form."),
        "words": _("%(words)s words · %(minutes)s min read"),
        "dropped": _(
            "Picture %(number)s added to the images below: describe it in its alternative text."
        ),
        "notImage": _("Only pictures can be dropped here."),
        "draftFound": _(
            "A draft of the body typed in this browser on %(when)s was not saved. Restore it?"
        ),
        "restore": _("Restore the draft"),
        "discard": _("Discard it"),
        "restored": _("Draft restored: check it, then save."),
    }


def label_table_cells(formset):
    """Name each field of a tabular inline for screen readers: its column header shows the
    name only to the eye. (Rows added in the browser copy the empty form, named here too.)"""

    def name(fields):
        for field in fields.values():
            # A related field's widget is wrapped (with its add and change links).
            widget = getattr(field.widget, "widget", field.widget)
            if field.label and not widget.is_hidden:
                widget.attrs.setdefault("aria-label", capfirst(field.label))

    name(formset.form.base_fields)
    for form in formset.forms:
        name(form.fields)


class PreviewForm(forms.Form):
    body = forms.CharField(required=False, max_length=PREVIEW_MAX_LENGTH, strip=False)
    article = forms.IntegerField(required=False, min_value=1)


class WritingDeskMixin:
    """What ``ArticleAdmin`` gets from the writing desk."""

    @property
    def media(self):
        return super().media + forms.Media(
            css={"all": ["articles/admin/writing_desk.css"]},
            js=["js/writing_desk.js", "js/article_draft.js", "js/admin_labels.js"],
        )

    def get_urls(self):
        opts = self.model._meta
        preview = path(
            "preview-body/",
            self.admin_site.admin_view(require_POST(self.body_preview_view)),
            name=f"{opts.app_label}_{opts.model_name}_body_preview",
        )
        return [preview, *super().get_urls()]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        opts = self.model._meta
        context["writing_desk"] = {
            "previewUrl": reverse(
                f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_body_preview"
            ),
            "article": obj.pk if obj is not None else None,
            "wordsPerMinute": WORDS_READ_PER_MINUTE,
            "strings": desk_strings(),
        }
        for inline_admin_formset in context.get("inline_admin_formsets", []):
            if "tabular" in inline_admin_formset.opts.template:
                label_table_cells(inline_admin_formset.formset)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def body_preview_view(self, request):
        form = PreviewForm(request.POST)
        if not form.is_valid():
            return TemplateResponse(
                request,
                "admin/articles/article/body_preview.html",
                {"errors": form.errors},
                status=400,
            )
        article_id = form.cleaned_data["article"]
        if article_id is None:
            if not self.has_add_permission(request):
                raise PermissionDenied
        else:
            article = self.get_queryset(request).filter(pk=unquote(str(article_id))).first()
            if article is None or not self.has_view_or_change_permission(request, article):
                raise PermissionDenied
        blocks = preview_blocks(form.cleaned_data["body"], article_id)
        return TemplateResponse(
            request, "admin/articles/article/body_preview.html", {"body_blocks": blocks}
        )
