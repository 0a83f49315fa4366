"""System checks (``manage.py check``) of what would make originals public."""

from pathlib import Path

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.core.files.storage import storages

from .storage import PrivateFileSystemStorage


@register(Tags.security)
def originals_outside_public_media(app_configs, **kwargs):
    """Originals kept inside MEDIA_ROOT would be served with every other media file."""
    if not isinstance(storages["originals"], PrivateFileSystemStorage):
        return []
    private = Path(storages["originals"].location).resolve()
    media = Path(settings.MEDIA_ROOT).resolve()
    if private.is_relative_to(media) or media.is_relative_to(private):
        return [
            Error(
                f"The originals' folder ({private}) and MEDIA_ROOT ({media}) overlap: uploaded "
                "originals, with their GPS data, would be served to anyone.",
                hint="Set NEWSROOM_PRIVATE_ROOT to a folder outside MEDIA_ROOT.",
                id="articles.E001",
            )
        ]
    return []
