"""A post's pictures: found in its body and its attachments, checked, and stored as its images."""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.utils.translation import gettext as _

from articles.images.renditions import all_names
from articles.models import ArticleImage

from . import convert, media
from .models import ImportedObject
from .rules import (
    fit,
    record_key,
)

Kind = ImportedObject.Kind

PLACEHOLDER = "NRFIGURE{}NR"


@dataclass
class _Picture:
    """One picture of a post: where it comes from, and what it became."""

    key: str  # the attachment id, or the file's path for pictures that are not attachments
    url: str
    alt: str = ""
    caption: str = ""
    is_lead: bool = False
    number: int | None = None
    checked: media.Picture | None = None


class ImagesMixin:
    """Part of ``WordPressImport``: a post's pictures."""

    def _pictures(self, item, converted):
        """The post's pictures, numbered, and the figure number of each placeholder."""
        pictures, keys = {}, {}
        lead_id = item.meta_id("_thumbnail_id")
        if lead_id is not None:
            if lead_id in self.attachments:
                pictures[str(lead_id)] = self._picture(str(lead_id), lead_id, None)
                pictures[str(lead_id)].is_lead = True
            else:
                self.report.missing_media.append(
                    _("Post %(id)s: its featured image (attachment %(attachment)s) is not in "
                      "the export.") % {"id": item.id, "attachment": lead_id}
                )  # fmt: skip
        for index in convert.placeholders(converted.markdown):
            use = converted.figures[index]
            key = str(use.attachment_id) if use.attachment_id else convert.image_path(use.url)
            keys[index] = key
            if key not in pictures:
                pictures[key] = self._picture(key, use.attachment_id, use)
            elif use.caption and not pictures[key].caption:  # the first use that has one
                pictures[key].caption = fit(use.caption, 400, cut=True)
        for picture in pictures.values():
            self._check(item, picture)
        lead = next((p for p in pictures.values() if p.is_lead and p.checked), None)
        if lead and lead.checked.width < settings.NEWSROOM_LEAD_IMAGE_MIN_WIDTH:
            lead.is_lead = False
            self.report.warnings.append(
                _("Post %(id)s: its featured image is %(width)s pixels wide, too narrow to "
                  "lead (%(min)s): it is the first figure instead.")
                % {"id": item.id, "width": lead.checked.width,
                   "min": settings.NEWSROOM_LEAD_IMAGE_MIN_WIDTH}
            )  # fmt: skip
            if lead.key not in keys.values():
                keys[len(converted.figures)] = lead.key
                converted.markdown = f"{PLACEHOLDER.format(len(converted.figures))}\n\n" + (
                    converted.markdown
                )
        number = 1
        for picture in sorted(pictures.values(), key=lambda p: not p.is_lead):
            if picture.checked:
                picture.number, number = number, number + 1
        return pictures, {index: pictures[key].number for index, key in keys.items()}

    def _picture(self, key, attachment_id, use):
        attachment = self.attachments.get(attachment_id)
        alt = (attachment.meta.get("_wp_attachment_image_alt", "") if attachment else "") or (
            use.alt if use else ""
        )
        caption = use.caption if use and use.caption is not None else None
        if caption is None:
            caption = convert.one_line(attachment.excerpt) if attachment else ""
        return _Picture(
            key=key,
            url=attachment.attachment_url if attachment else use.url,
            alt=fit(" ".join(alt.split()), 300),
            caption=fit(caption, 400, cut=True),
        )

    def _check(self, item, picture):
        file = self.uploads.find(picture.url)
        where = {"id": item.id, "url": picture.url}
        if file is None:
            self.report.missing_media.append(_("Post %(id)s: %(url)s") % where)
            return
        if file not in self.checked:
            try:
                self.checked[file] = media.check_picture(file)
            except ValidationError as error:
                self.checked[file] = media.refusal(error)
        if isinstance(self.checked[file], str):
            self.report.refused_media.append(
                _("Post %(id)s: %(url)s: %(reason)s") % {**where, "reason": self.checked[file]}
            )
        else:
            picture.checked = self.checked[file]

    def _images(self, article, item, pictures):
        """Bring the article's imported images in line with ``pictures``; True if any changed."""
        changed = False
        wanted = {}
        for picture in sorted(pictures.values(), key=lambda p: p.is_lead):  # the lead last
            if picture.number is None:
                continue
            wordpress_id = record_key(f"{item.id}/{picture.key}")
            wanted[wordpress_id] = picture
            if not picture.alt:
                self.without_alt += 1
            values = {
                "alt_text": picture.alt,
                "caption": picture.caption,
                "is_lead": picture.is_lead,
                "order": picture.number,
            }
            image = self._mapped(Kind.IMAGE, wordpress_id, ArticleImage)
            if image is not None and image.article_id == article.pk:
                outcome = self._update(image, values)
            else:
                outcome = "created"
                if not self.report.dry_run:
                    image = self._store_image(article, picture.checked.path, values)
                    self._map(Kind.IMAGE, wordpress_id, image)
            self.report.count("images", outcome)
            changed |= outcome != "unchanged"
        for wordpress_id, image in self._mapped_of_post(item.id).items():
            if wordpress_id not in wanted and image.article_id == article.pk:
                image.delete()
                changed = True
        return changed

    def _store_image(self, article, path, values):
        image = ArticleImage(article=article, **values)
        if path in self.stored_names:  # the same file in several posts is stored once
            image.image = self.stored_names[path]
            image.save()
        else:
            with path.open("rb") as handle:
                image.image = File(handle, name=path.name)
                image.save()
            self.stored_names[path] = image.image.name
            self.stored.append(image.image.name)
        self.stored.extend(all_names(image.renditions))
        return image
