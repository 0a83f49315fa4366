"""Two revisions of an article side by side: the text fields word by word
(``revisions.word_diff``), and the other changes as a list (section, tags, bylines, sources,
images' captions, credits and alt texts).

A revision holds the article's version and the versions of its parts saved with it
(``revisions.register`` follows bylines, images and sources); related rows (section, tags,
authors) are named as they are now, or by their number once deleted.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from .models import Article, ArticleAuthor, ArticleImage, Author, Section, Source, Tag
from .revisions import TEXT_FIELDS, word_diff

IMAGE_FIELDS = ("caption", "credit", "alt_text")


@dataclass
class TextChange:
    label: str
    pieces: list  # [(op, text)] from word_diff

    @property
    def changed(self):
        return any(op != "same" for op, _text in self.pieces)


@dataclass
class OtherChange:
    label: str
    before: str
    after: str


def parts(version, model):
    """The field dicts of ``model`` rows saved in the same revision as ``version``."""
    return [
        part.field_dict
        for part in version.revision.version_set.get_for_model(model).order_by("object_id")
    ]


def names(model, ids):
    known = dict(model.objects.filter(pk__in=ids).values_list("pk", "name"))
    return [known.get(pk, f"#{pk}") for pk in ids]


def snapshot(version):
    """What a reader of the comparison is shown of one revision, besides its text."""
    fields = version.field_dict
    bylines = sorted(parts(version, ArticleAuthor), key=lambda b: (b["order"], b["id"]))
    sources = sorted(parts(version, Source), key=lambda s: (s["order"], s["id"]))
    images = {image["order"]: image for image in parts(version, ArticleImage)}
    shown = {
        _("Section"): ", ".join(names(Section, [fields.get("section_id")])),
        _("Tags"): ", ".join(sorted(names(Tag, list(fields.get("tags") or [])))),
        _("Bylines"): ", ".join(names(Author, [b["author_id"] for b in bylines])),
        _("Sources"): "; ".join(f"{s['label']} <{s['url']}>".strip() for s in sources),
    }
    for number, image in sorted(images.items()):
        for name in IMAGE_FIELDS:
            label = ArticleImage._meta.get_field(name).verbose_name
            key = _("Image %(number)s: %(field)s") % {"number": number, "field": label}
            shown[key] = image.get(name) or ""
    return shown


def compare(older, newer):
    """``(text_changes, other_changes)`` from revision ``older`` to revision ``newer``."""
    texts = [
        TextChange(
            Article._meta.get_field(name).verbose_name,
            word_diff(older.field_dict[name], newer.field_dict[name]),
        )
        for name in TEXT_FIELDS
    ]
    before, after = snapshot(older), snapshot(newer)
    others = [
        OtherChange(label, before.get(label, ""), after.get(label, ""))
        for label in dict.fromkeys([*before, *after])
        if before.get(label, "") != after.get(label, "")
    ]
    return texts, others
