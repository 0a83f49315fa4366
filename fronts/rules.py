"""What a front shows of the stories placed on it: pure functions of the placements, which read
neither the database nor the clock (``fronts.pages`` passes both in)."""

from .models import Placement


def choose(placements, *, top_stories):
    """``(lead, top stories)`` of a front: the first live lead story, and the live top stories
    in the editors' order, at most ``top_stories`` of them, no article twice.

    ``placements`` come in the editors' order, each with ``is_live`` (``with_liveness()``)."""
    live = [placement for placement in placements if placement.is_live]
    lead = next((p.article for p in live if p.role == Placement.Role.LEAD), None)
    shown = {lead.pk} if lead else set()
    top = []
    for placement in live:
        if len(top) == top_stories:
            break
        if placement.role == Placement.Role.TOP and placement.article_id not in shown:
            shown.add(placement.article_id)
            top.append(placement.article)
    return lead, top


def next_change(placements, now):
    """The first moment after ``now`` at which one of ``placements`` starts or ends, or None."""
    moments = (
        moment
        for placement in placements
        for moment in (placement.starts_at, placement.ends_at)
        if moment is not None and moment > now
    )
    return min(moments, default=None)
