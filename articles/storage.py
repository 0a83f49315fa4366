"""Where uploaded originals live: a store of their own, which no web server serves.

An original is the file as the editor uploaded it, with everything a camera or a phone wrote
into it (GPS position, serial numbers, names). Readers only ever get renditions, decoded and
re-encoded without metadata (``articles.images``) into the public media storage. Originals go
to the ``originals`` storage (settings.STORAGES):

* locally, ``NEWSROOM_PRIVATE_ROOT`` (default ``var/private``), outside ``MEDIA_ROOT``;
* on S3, ``MEDIA_S3_ORIGINALS_BUCKET`` under ``MEDIA_S3_ORIGINALS_PREFIX``, never public
  (``articles/s3.py``, imported only then: boto3 is slow to load).

Neither has a URL: ``url()`` raises, so a template or a view that tried to show an original
would fail in tests instead of quietly publishing it.
"""

import logging

from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage, storages
from django.utils.deconstruct import deconstructible
from django.utils.functional import cached_property

logger = logging.getLogger(__name__)


class NoPublicURL(Exception):
    """Raised by ``url()`` of the originals' storage: an original is never linked to."""


def originals():
    """The storage of originals (the ``storage`` of image fields; a callable, so that
    migrations do not record where it is)."""
    return storages["originals"]


class WithoutURL:
    """A storage of originals: it makes no URL, ever."""

    def url(self, name, *args, **kwargs):
        raise NoPublicURL(f"{name} is an original: show one of its renditions instead.")


@deconstructible(path="articles.storage.PrivateFileSystemStorage")
class PrivateFileSystemStorage(WithoutURL, FileSystemStorage):
    """Originals on local disk, in ``NEWSROOM_PRIVATE_ROOT`` unless a location is given.

    Readable by the site's own user only: a web server running as another user could not
    serve them even if a configuration pointed it there.
    """

    def __init__(
        self, location=None, file_permissions_mode=0o600, directory_permissions_mode=0o700, **kw
    ):
        super().__init__(
            location=location,
            file_permissions_mode=file_permissions_mode,
            directory_permissions_mode=directory_permissions_mode,
            **kw,
        )

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.NEWSROOM_PRIVATE_ROOT)

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "NEWSROOM_PRIVATE_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)


def delete_files(names, *, storage=None):
    """Delete stored files; missing ones are fine, failures are logged, never raised."""
    storage = storage or default_storage
    for name in names:
        if not name:
            continue
        try:
            storage.delete(name)
        except Exception:
            logger.exception("Could not delete %s from storage.", name)
