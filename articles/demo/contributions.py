"""What other apps add to the demo, so that ``manage.py seed_demo`` alone sets up the whole site.

``seed_demo`` makes the articles' demo (sections, authors, tags, stories), then runs each
registered contribution in turn. An app registers its own in its ``AppConfig.ready()``:
``register("fronts", contribute)``, where ``contribute(language)`` adds what is missing of its
part of the demo in ``language`` (one of ``LANGUAGES``), is safe to repeat, and
returns a line for the command's output, or "" when it added nothing. Articles never imports
those apps.
"""

from django.conf import settings

LANGUAGES = ("en", "fr")

_contributions = {}


def default_language():
    """French for a site that runs in French (``LANGUAGE_CODE`` "fr", "fr-ca"...), else English."""
    return "fr" if settings.LANGUAGE_CODE.lower().split("-")[0] == "fr" else "en"


def register(app_label, contribute):
    """Run ``contribute(language)`` after the articles' demo, as ``app_label``'s part."""
    _contributions[app_label] = contribute


def registered():
    """``{app label: contribute}``, in the order they were registered (INSTALLED_APPS')."""
    return dict(_contributions)
