"""Front and alert factories: each builds one valid object; tests override what they care about."""

import itertools

from fronts.models import Alert, Front, Placement

_numbers = itertools.count(1)


def make_placement(article, *, section=None, **fields):
    """``article`` placed on the front of ``section`` (None: the home page), as a top story
    after those placed before it unless told otherwise."""
    fields.setdefault("position", next(_numbers))
    front = Front.objects.of_section(section) if section else Front.objects.home()
    return Placement.objects.create(front=front, article=article, **fields)


def make_lead(article, **fields):
    return make_placement(article, role=Placement.Role.LEAD, **fields)


def make_alert(**fields):
    """An alert showing on every page, posted without replacing any other."""
    n = next(_numbers)
    fields.setdefault("text", f"Alert number {n}: read the latest")
    fields.setdefault("url", f"/articles/story-{n}/")
    return Alert.objects.create(**fields)
