from django import forms
from django.utils.translation import gettext_lazy as _


class DataRequestForm(forms.Form):
    email = forms.EmailField(
        label=_("The email you commented with"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class EraseForm(forms.Form):
    sure = forms.BooleanField(
        label=_("I understand that my comments' names, emails, websites and texts go for good."),
        error_messages={"required": _("Tick the box to erase your comments.")},
    )
