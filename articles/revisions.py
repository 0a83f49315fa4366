"""Every save of an article keeps a revision (django-reversion): its text, section, tags,
bylines, sources, and its images' captions, credits and alt texts, with who saved it and when.
The admin's history lists them; restoring one saves it again, as a new revision.

The history is bounded: past ``settings.NEWSROOM_REVISIONS_KEPT`` revisions of an article, the
oldest go.
"""

import difflib
import re

import reversion
from django.conf import settings
from reversion.models import Revision, Version

# The text fields compared word by word; the others are listed when they differ.
TEXT_FIELDS = ("title", "standfirst", "body")
_WORDS = re.compile(r"\s+|[^\s]+")


def register(models):
    """Keep revisions of articles with their parts (called once, from ``ArticlesConfig``)."""
    article, byline, image, source = models
    for part in (byline, image, source):
        if not reversion.is_registered(part):
            reversion.register(part)
    if not reversion.is_registered(article):
        reversion.register(
            article,
            follow=("bylines", "images", "sources"),
            exclude=("body_html",),
        )


def prune_after_revision(sender, revision, versions, **kwargs):
    """After a revision is saved: its articles' oldest revisions beyond the setting go."""
    for version in versions:
        if version.content_type.model_class()._meta.label == "articles.Article":
            prune(version.content_type.model_class(), version.object_id)


def prune(model, pk, keep=None):
    """Delete the oldest revisions of article ``pk`` beyond the ``keep`` latest."""
    keep = settings.NEWSROOM_REVISIONS_KEPT if keep is None else keep
    versions = Version.objects.get_for_object_reference(model, pk)  # newest first
    old = list(versions.values_list("revision_id", flat=True)[keep:])
    if old:
        Revision.objects.filter(pk__in=old).delete()  # with all their versions


def word_diff(before, after):
    """``[(op, text)]`` with op one of "same", "removed", "added": ``before`` turned into
    ``after`` a word at a time (spaces kept, so the pieces joined give back each text)."""
    old, new = _WORDS.findall(before or ""), _WORDS.findall(after or "")
    pieces = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            pieces.append(("same", "".join(old[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(("removed", "".join(old[i1:i2])))
        if j2 > j1:
            pieces.append(("added", "".join(new[j1:j2])))
    return pieces
