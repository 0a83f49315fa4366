"""The image formats editors may upload, and what the EXIF orientation tag says."""

from PIL import features

# Pillow format name -> (what editors call it, MIME type, file extension). Only what this
# Pillow decodes counts.
_ACCEPTABLE = {
    "JPEG": ("JPEG", "image/jpeg", "jpg"),
    "PNG": ("PNG", "image/png", "png"),
    "WEBP": ("WebP", "image/webp", "webp"),
    "AVIF": ("AVIF", "image/avif", "avif"),
}
_CODECS = {"WEBP": "webp", "AVIF": "avif"}
ACCEPTED_FORMATS = {
    name: label
    for name, (label, *_rest) in _ACCEPTABLE.items()
    if name not in _CODECS or features.check(_CODECS[name])
}
MIME_TYPES = {name: mime_type for name, (_label, mime_type, _ext) in _ACCEPTABLE.items()}
EXTENSIONS = {name: extension for name, (*_rest, extension) in _ACCEPTABLE.items()}
ACCEPTED_MIME_TYPES = [MIME_TYPES[name] for name in ACCEPTED_FORMATS]

EXIF_ORIENTATION = 0x0112
ROTATED_ORIENTATIONS = {5, 6, 7, 8}  # width and height swap
