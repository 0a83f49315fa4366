"""What fronts and the breaking-news alert are in the page cache's names, and which writes renew
them (see articles/dependencies.py for the articles' names).

=========================  ======================================  ==========================
name                       what pages show of it                   renewed by
=========================  ======================================  ==========================
``front:home``,            the stories placed on the home page or  a placement of that front
``front:section:<id>``     on a section's page                     saved or deleted; the
                                                                   front deleted
``breaking-news``          the alert at the top of every HTML      an alert posted, edited,
                           page                                    withdrawn or deleted
=========================  ======================================  ==========================

A front also shows the articles placed on it (``article:<id>``, declared where they are read):
an article published, edited or unpublished renews the fronts it is placed on that way. A
placement starting or ending at its time needs no write: the front is kept until then
(``keep_until()``), like the alert until its end.
"""

from pagecache import renew

from .models import Front, Placement

BREAKING_NEWS = "breaking-news"


def front_name(section_id):
    """The name of a section's front, or of the home page's (``None``)."""
    return "front:home" if section_id is None else f"front:section:{section_id}"


def front_changed(sender, instance, **kwargs):
    renew(front_name(instance.section_id))


def placement_changed(sender, instance, **kwargs):
    """A placement saved or deleted (with its front or its article, too)."""
    if Placement.front.is_cached(instance):
        renew(front_name(instance.front.section_id))
        return
    row = Front.objects.filter(pk=instance.front_id).values("section_id").first()
    if row is not None:
        renew(front_name(row["section_id"]))


def alert_changed(sender, instance, **kwargs):
    renew(BREAKING_NEWS)
