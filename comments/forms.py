import time

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Layout, Submit
from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _

from .models import Comment

TIMESTAMP_SALT = "comments.form-rendered"


def sign_render_time(article_id, now=None):
    return signing.dumps({"article": article_id, "at": now or time.time()}, salt=TIMESTAMP_SALT)


def form_age(token, article_id, now=None):
    """Seconds since the form for ``article_id`` was rendered; None if the token is forged,
    altered or belongs to another article."""
    try:
        data = signing.loads(token, salt=TIMESTAMP_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("article") != article_id:
        return None
    return (now or time.time()) - float(data.get("at", 0))


class CommentForm(forms.ModelForm):
    # Left empty by people; bots that fill every field give themselves away.
    homepage = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    rendered = forms.CharField(widget=forms.HiddenInput, required=False)
    parent = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # Read by the browser only (static/js/comments.js keeps the details in localStorage): the
    # server never stores them, and without JavaScript the box stays hidden.
    remember = forms.BooleanField(
        label=_("Save my name, email and website in this browser for the next time I comment"),
        required=False,
    )

    # Off by default; the address is confirmed by email first (comments/replies.py).
    notify_replies = forms.BooleanField(
        label=_("Email me when someone replies"),
        help_text=_("The first time, we email you a link to confirm your address."),
        required=False,
    )

    class Meta:
        model = Comment
        fields = ["author_name", "author_email", "author_url", "body"]
        labels = {
            "author_name": _("Name"),
            "author_email": _("Email"),
            "author_url": _("Website"),
            "body": _("Comment"),
        }
        widgets = {
            "author_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "author_email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "author_url": forms.URLInput(attrs={"autocomplete": "url"}),
            "body": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, article, **kwargs):
        super().__init__(*args, **kwargs)
        self.article = article
        self.fields["author_email"].required = True
        self.fields["author_url"].assume_scheme = "https"
        self.fields["body"].max_length = Comment._meta.get_field("body").max_length
        if not self.is_bound:
            self.initial["rendered"] = sign_render_time(article.pk)
        self.helper = self._layout()

    def _layout(self):
        helper = FormHelper()
        helper.form_tag = False
        helper.disable_csrf = True
        helper.layout = Layout(
            "parent",
            "rendered",
            Div(Field("homepage"), css_class="comment-homepage", aria_hidden="true"),
            "author_name",
            "author_email",
            "author_url",
            "body",
            "notify_replies",
            Div("remember", css_class="comment-remember", hidden="hidden"),
            Submit("post", _("Post comment")),
        )
        return helper

    def clean_author_name(self):
        return self.cleaned_data["author_name"].strip()

    def clean_body(self):
        body = self.cleaned_data["body"].strip()
        if not body:
            raise forms.ValidationError(_("Write a comment before posting it."))
        return body

    def clean_parent(self):
        parent_id = self.cleaned_data.get("parent")
        if not parent_id:
            return None
        parent = (
            Comment.objects.approved()
            .filter(pk=parent_id, article=self.article)
            .only("id", "depth", "article_id")
            .first()
        )
        if parent is None:
            raise forms.ValidationError(_("The comment you reply to is no longer available."))
        if parent.depth + 1 >= settings.COMMENTS_MAX_DEPTH:
            raise forms.ValidationError(_("This conversation is too deep for another reply."))
        return parent

    @property
    def form_age(self):
        return form_age(self.cleaned_data.get("rendered", ""), self.article.pk)
