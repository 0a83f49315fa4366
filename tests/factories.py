"""Small factory functions: each builds one valid object; tests override what they care about."""

import io
import itertools
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from articles.models import Article, ArticleAuthor, ArticleImage, Author, Section, Source, Tag

_numbers = itertools.count(1)


def _next():
    return next(_numbers)


def image_file(
    name="photo.jpg", size=(64, 48), color=(200, 80, 40), format="JPEG", *, image=None, **save
):
    """An upload of a plain ``color`` picture, or of ``image``; ``save`` goes to Pillow's save()
    (``exif=``, ``icc_profile=``...)."""
    buffer = io.BytesIO()
    (image or Image.new("RGB", size, color)).save(buffer, format=format, **save)
    content_type = Image.MIME.get(format, "application/octet-stream")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=content_type)


def make_section(**fields):
    n = _next()
    fields.setdefault("name", f"Section {n}")
    fields.setdefault("slug", f"section-{n}")
    return Section.objects.create(**fields)


def make_tag(**fields):
    n = _next()
    fields.setdefault("name", f"Tag {n}")
    fields.setdefault("slug", f"tag-{n}")
    return Tag.objects.create(**fields)


def make_author(**fields):
    n = _next()
    fields.setdefault("name", f"Author {n}")
    fields.setdefault("slug", f"author-{n}")
    return Author.objects.create(**fields)


def make_article(*, authors=None, tags=(), published=True, **fields):
    """A live article by default; ``published=False`` makes a draft."""
    n = _next()
    fields.setdefault("title", f"Article number {n}")
    fields.setdefault("standfirst", f"Standfirst of article {n}.")
    fields.setdefault("body", f"Body of article {n}.\n\n## A subheading\n\nMore text.")
    if "section" not in fields:
        fields["section"] = make_section()
    if published:
        fields.setdefault("status", Article.Status.PUBLISHED)
        fields.setdefault("published_at", timezone.now() - timedelta(hours=n))
    article = Article.objects.create(**fields)
    for order, author in enumerate(authors if authors is not None else [make_author()]):
        ArticleAuthor.objects.create(article=article, author=author, order=order)
    article.tags.add(*tags)
    return article


def make_image(article, **fields):
    fields.setdefault("image", image_file())
    fields.setdefault("alt_text", "A red rectangle")
    fields.setdefault("order", article.images.count() + 1)
    return ArticleImage.objects.create(article=article, **fields)


def make_source(article, **fields):
    n = _next()
    fields.setdefault("label", f"Source {n}")
    fields.setdefault("url", f"https://example.org/source-{n}")
    return Source.objects.create(article=article, **fields)


def make_user(*, groups=(), **fields):
    n = _next()
    fields.setdefault("username", f"user{n}")
    fields.setdefault("email", f"user{n}@example.org")
    password = fields.pop("password", "correct horse battery staple")
    user = get_user_model().objects.create_user(password=password, **fields)
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user


def make_editor(**fields):
    return make_user(is_staff=True, groups=["Editors"], **fields)
