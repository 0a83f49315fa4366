"""Every write to the articles app's tables changes what readers see: a story, a picture, a
byline, a section's name in the menu. Cached pages go out of date with each one."""

from newsroom.pagecache import pages_changed


def articles_changed(sender, **kwargs):
    pages_changed()


def relations_changed(sender, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        pages_changed()
