"""The reader's search form."""

from django import forms
from django.utils.translation import gettext_lazy as _

MAX_QUERY_LENGTH = 200


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search articles"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        widget=forms.SearchInput(attrs={"class": "form-control"}),
        error_messages={
            "max_length": _(
                "That search is too long: use at most %(limit_value)d characters, "
                "a few words are enough."
            )
        },
    )
