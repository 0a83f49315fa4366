"""Which comment writes change what readers see, so cached pages go out of date.

A new pending comment changes no public page (only its author's, who is never served from the
cache); approving it, removing it, or editing an approved one does.
"""

from newsroom.pagecache import pages_changed


def comment_saved(sender, instance, created, **kwargs):
    if instance.status == instance.Status.APPROVED or instance.was_approved:
        pages_changed()
    instance.was_approved = instance.status == instance.Status.APPROVED


def comment_deleted(sender, instance, **kwargs):
    if instance.was_approved or instance.status == instance.Status.APPROVED:
        pages_changed()
