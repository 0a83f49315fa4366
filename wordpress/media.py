"""Finding the files of a post's pictures in a copy of ``wp-content/uploads``.

Nothing is ever fetched: a picture whose file is not in the folder given is reported missing.
A file is matched by the path of its address (``…/wp-content/uploads/2024/03/photo.jpg`` is
``2024/03/photo.jpg`` in the folder) and must stay inside that folder, links and ``..`` included.
"""

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ValidationError
from django.core.files import File

from articles.images import validate_image_file

from .convert import image_path

_UPLOAD_ROOTS = ("/wp-content/uploads/", "/files/", "/blogs.dir/")


@dataclass(frozen=True)
class Picture:
    """A picture file that passed the checks of any upload."""

    path: Path
    width: int


class Uploads:
    def __init__(self, root=None):
        self.root = Path(root).resolve() if root else None
        self._found = {}

    def find(self, url):
        """The file of the picture at ``url``: the original when the address names a resized copy
        (``photo-300x200.jpg``), else the copy itself. None if it is not in the folder."""
        if self.root is None or not url:
            return None
        if url not in self._found:
            path = unquote(urlsplit(url).path)
            self._found[url] = next(
                (file for file in self._candidates(path) if file is not None), None
            )
        return self._found[url]

    def _candidates(self, path):
        for full in dict.fromkeys([image_path(path), path]):
            relatives = [full.split(root, 1)[1] for root in _UPLOAD_ROOTS if root in full]
            for relative in [*relatives, full.lstrip("/")]:
                yield self._inside(relative)

    def _inside(self, relative):
        if not relative:
            return None
        file = (self.root / relative).resolve()
        return file if file.is_relative_to(self.root) and file.is_file() else None


def check_picture(path):
    """A ``Picture``, or raise ``ValidationError`` with the reason an editor would be given."""
    with path.open("rb") as handle:
        info = validate_image_file(File(handle, name=path.name))
    return Picture(path=path, width=info.width)


def refusal(error):
    """The messages of a ``ValidationError``, as one line."""
    if isinstance(error, ValidationError):
        return " ".join(str(message) for message in error.messages)
    return str(error)
