"""Tasks queued before the images' task moved to ``articles.images.tasks`` name this path; the
database queue finds them here."""

from .images.tasks import make_renditions  # noqa: F401
