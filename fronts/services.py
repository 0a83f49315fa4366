"""Writes that span rows: posting and withdrawing the breaking-news alert, and placing stories
in bulk (the WordPress import's sticky posts). Reads stay on the querysets."""

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from .models import Alert, Placement


def post_alert(alert, *, by=None):
    """Save the new ``alert`` in place of any other: at most one shows at a time."""
    with transaction.atomic():
        # No signal for the alerts withdrawn here: saving the new one renews the same name.
        Alert.objects.filter(withdrawn_at__isnull=True).update(withdrawn_at=timezone.now())
        alert.posted_by = by
        alert.save()
    return alert


def withdraw_alert(alert):
    """Take ``alert`` off every page now."""
    if alert.withdrawn_at is None:
        alert.withdrawn_at = timezone.now()
        alert.save(update_fields=["withdrawn_at", "updated_at"])
    return alert


def add_top_stories(front, articles):
    """Place ``articles`` on ``front`` as top stories after those it has, in the order given.

    An article already among its top stories stays where it is, so importing the same
    articles again adds nothing. Returns the new placements."""
    with transaction.atomic():
        top = front.placements.filter(role=Placement.Role.TOP)
        placed = set(top.values_list("article_id", flat=True))
        position = front.placements.aggregate(last=Max("position"))["last"] or 0
        added = []
        for article in articles:
            if article.pk in placed:
                continue
            placed.add(article.pk)
            position += 1
            added.append(
                Placement.objects.create(
                    front=front, article=article, role=Placement.Role.TOP, position=position
                )
            )
    return added
