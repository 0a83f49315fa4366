"""Uploaded images and the renditions pages show, one module per concern:

* ``formats``: the formats editors may upload;
* ``validation``: whether an upload is a picture we accept (``validate_image_file()``);
* ``processing``: Pillow decodes an original once and writes resized, metadata-free copies;
* ``renditions``: the JSON that lists them, read by templates without opening any file;
* ``files``: keeping files in step with rows, and deleting replaced ones after commit;
* ``saving``: the save() of models holding an image (``StoredImageMixin``) and its task;
* ``rebuild``: every rendition made again (``manage.py rebuild_renditions``).

Originals stay in their own storage, which has no URL (``articles/storage.py``): only
renditions are public. A rendition's name is random (``renditions/3f/9c…e1.webp``): it says
nothing of the original's name, folder or date, and cannot lead to it.
"""

from .files import (
    ImageSlot,
    delete_after_delete,
    delete_files_of_deleted_row,
    has_new_file,
    refresh_renditions,
    renditions_stored,
    stored_state,
)
from .formats import ACCEPTED_FORMATS, ACCEPTED_MIME_TYPES, EXTENSIONS, MIME_TYPES
from .processing import (
    AVIF_OPTIONS,
    ENCODERS,
    ENCODING_THREADS,
    JPEG_OPTIONS,
    WEBP_OPTIONS,
    Built,
    build,
    build_renditions,
    crop_box,
    rendition_name,
    rendition_widths,
)
from .rebuild import originals, rebuild
from .saving import StoredImageMixin, update_after_save
from .validation import (
    ImageInfo,
    check_width,
    stored_name,
    upload_help_text,
    validate_image_file,
)

__all__ = [
    "ACCEPTED_FORMATS",
    "ACCEPTED_MIME_TYPES",
    "AVIF_OPTIONS",
    "ENCODERS",
    "ENCODING_THREADS",
    "EXTENSIONS",
    "JPEG_OPTIONS",
    "MIME_TYPES",
    "WEBP_OPTIONS",
    "Built",
    "ImageInfo",
    "ImageSlot",
    "StoredImageMixin",
    "build",
    "build_renditions",
    "check_width",
    "crop_box",
    "delete_after_delete",
    "delete_files_of_deleted_row",
    "has_new_file",
    "originals",
    "rebuild",
    "refresh_renditions",
    "rendition_name",
    "rendition_widths",
    "renditions_stored",
    "stored_name",
    "stored_state",
    "update_after_save",
    "upload_help_text",
    "validate_image_file",
]
