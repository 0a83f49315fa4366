"""Reading a WordPress export (WXR 1.1 or 1.2, the file of Tools → Export) as a stream.

The file is parsed by expat through defusedxml: no DTD, no entity (so no "billion laughs"), no
external reference, nothing fetched. It is read a line at a time, so memory holds one item (a
post with its comments) and not the file, and every error names the line it is on.

``read_export(path)`` yields the export's parts in file order: one ``Site`` (as soon as the
version is known), then ``Author``, ``Term`` and ``Item`` objects. Anything that is not WXR, a
version other than 1.1 or 1.2, or malformed XML raises ``ExportError`` with the line number.
"""

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from xml.etree.ElementTree import ParseError, TreeBuilder, XMLPullParser

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser
from django.utils.translation import gettext as _

SUPPORTED_VERSIONS = ("1.1", "1.2")
# WordPress writes http:// and, on some hosts, https:// namespaces.
_WP_NAMESPACE = re.compile(r"https?://wordpress\.org/export/\d+\.\d+/")
_EXCERPT_NAMESPACE = re.compile(r"https?://wordpress\.org/export/\d+\.\d+/excerpt/")
_OTHER_NAMESPACES = {
    "http://purl.org/rss/1.0/modules/content/": "content",
    "http://purl.org/dc/elements/1.1/": "dc",
    "http://wellformedweb.org/CommentAPI/": "wfw",
}
_NO_DATE = "0000-00-00 00:00:00"
# Children of <channel>: what describes the site, and what the site holds.
_SITE_FIELDS = {"title", "link", "language", "wp:base_blog_url"}
_CONTENT = {"wp:author", "wp:category", "wp:tag", "item"}


class ExportError(Exception):
    """The file cannot be imported; ``line`` is where the problem is (1 is the first)."""

    def __init__(self, message, line=None):
        super().__init__(message)
        self.message = message
        self.line = line

    def __str__(self):
        if not self.line:
            return self.message
        return _("line %(line)s: %(message)s") % {"line": self.line, "message": self.message}


@dataclass
class Site:
    version: str
    title: str = ""
    link: str = ""  # the blog's address (base_blog_url, else the channel's link)
    language: str = ""


@dataclass
class Author:
    login: str
    display_name: str = ""
    first_name: str = ""
    last_name: str = ""

    @property
    def name(self):
        full = f"{self.first_name} {self.last_name}".strip()
        return self.display_name.strip() or full or self.login


@dataclass
class Term:
    taxonomy: str  # "category" or "post_tag" (others are not read)
    slug: str
    name: str
    id: int | None = None
    parent: str = ""  # the parent's slug, categories only
    description: str = ""


@dataclass
class Comment:
    id: int
    author: str = ""
    email: str = ""
    url: str = ""
    ip: str = ""
    date_gmt: datetime | None = None
    content: str = ""
    approved: str = "1"  # "1", "0", "spam", "trash"...
    type: str = ""  # "" or "comment" for comments; "pingback", "trackback"...
    parent: int = 0


@dataclass
class Item:
    """A post, page, attachment or any other post type, with its comments."""

    id: int
    line: int
    type: str = "post"
    status: str = ""
    title: str = ""
    link: str = ""
    slug: str = ""
    content: str = ""
    excerpt: str = ""
    date_gmt: datetime | None = None
    creator: str = ""
    parent: int = 0
    password: str = ""
    is_sticky: bool = False
    comments_open: bool = True
    attachment_url: str = ""
    # (taxonomy, slug, name) in file order
    terms: list = field(default_factory=list)
    meta: dict = field(default_factory=dict)
    comments: list = field(default_factory=list)

    def meta_id(self, key):
        """A post id stored in a meta value (``_thumbnail_id``), or None."""
        value = self.meta.get(key, "").strip()
        return int(value) if value.isdigit() and int(value) else None


def read_export(path):
    """Yield the ``Site``, then every ``Author``, ``Term`` and ``Item`` of the export."""
    with open(path, "rb") as file:
        yield from _Reader(file).parts()


class _LineSource:
    """A file read a line at a time, counting lines, for the parser to feed on."""

    def __init__(self, file):
        self.file = file
        self.line = 0

    def read(self, _size):
        data = self.file.readline()
        if data:
            self.line += 1
        return data


class _Reader:
    def __init__(self, file):
        self.source = _LineSource(file)
        self.site_text = {}
        self.version = None
        self.site = None
        self.started_at = 0  # the line of the current child of <channel>

    def parts(self):
        parser = DefusedXMLParser(target=TreeBuilder(), forbid_dtd=True)
        pull = XMLPullParser(events=("start", "end"), _parser=parser)
        depth, channel = 0, None
        try:
            for event, element in self._events(pull):
                if event == "start":
                    depth += 1
                    if depth == 1:
                        self._check_root(element)
                    elif depth == 2 and _local(element.tag) == "channel":
                        channel = element
                    elif depth == 3:
                        self.started_at = self.source.line
                    continue
                depth -= 1
                if depth == 2 and channel is not None:
                    yield from self._channel_child(element)
                    channel.remove(element)  # what was read is let go
        except ParseError as error:
            line, column = error.position
            raise ExportError(
                _("the file is not well-formed XML (%(problem)s, column %(column)s).")
                % {"problem": _expat_message(error), "column": column + 1},
                line,
            ) from None
        except DefusedXmlException as error:
            raise ExportError(
                _(
                    "the file declares a DTD or entities, which WordPress exports never do; it "
                    "was not read for safety (%(problem)s)."
                )
                % {"problem": type(error).__name__},
                self.source.line,
            ) from None
        if channel is None:
            raise ExportError(_("this is not a WordPress export: it has no <channel>."))
        if self.version is None:
            raise ExportError(
                _("this is not a WordPress export (WXR): it has no <wp:wxr_version>."),
                self.source.line,
            )
        if self.site is None:  # an export of an empty site
            yield self._make_site()

    def _events(self, pull):
        source = self.source
        while data := source.read(0):
            pull.feed(data)
            yield from pull.read_events()
        pull.close()
        yield from pull.read_events()

    def _check_root(self, element):
        if _local(element.tag) != "rss":
            raise ExportError(
                _(
                    "this is not a WordPress export (WXR): the file starts with <%(tag)s>, "
                    "not <rss>."
                )
                % {"tag": _local(element.tag)},
                self.source.line,
            )

    def _channel_child(self, element):
        name = _name(element.tag)
        if name in _SITE_FIELDS:
            self.site_text[name] = _text(element)
        elif name == "wp:wxr_version":
            self.version = self._checked_version(element)
        elif name in _CONTENT:
            if self.version is None:
                raise ExportError(
                    _(
                        "this is not a WordPress export (WXR): no <wp:wxr_version> comes before "
                        "its content."
                    ),
                    self.source.line,
                )
            if self.site is None:
                yield self._make_site()
            if name == "wp:author":
                yield _author(element)
            elif name == "item":
                yield self._item(element)
            else:
                yield _term(element, name)

    def _checked_version(self, element):
        version = _text(element)
        if version not in SUPPORTED_VERSIONS:
            raise ExportError(
                _(
                    "WXR version “%(version)s” is not one this importer reads (%(supported)s). "
                    "Export the site again from a recent WordPress (Tools → Export)."
                )
                % {"version": version, "supported": ", ".join(SUPPORTED_VERSIONS)},
                self.source.line,
            )
        return version

    def _make_site(self):
        text = self.site_text
        link = text.get("wp:base_blog_url") or text.get("link", "")
        self.site = Site(
            version=self.version,
            title=text.get("title", ""),
            link=link.rstrip("/"),
            language=text.get("language", ""),
        )
        return self.site

    def _item(self, element):
        values, terms, meta, comments = {}, [], {}, []
        for child in element:
            name = _name(child.tag)
            if name == "category":
                taxonomy = child.get("domain", "category")
                slug = child.get("nicename") or ""
                terms.append((taxonomy, slug, _text(child)))
            elif name == "wp:postmeta":
                key = _child_text(child, "wp:meta_key")
                meta.setdefault(key, _child_text(child, "wp:meta_value"))
            elif name == "wp:comment":
                comments.append(_comment(child))
            else:
                values[name] = child.text or ""
        post_id = _integer(values.get("wp:post_id"))
        if post_id is None:
            raise ExportError(_("an <item> has no <wp:post_id>."), self.started_at)
        return Item(
            id=post_id,
            line=self.started_at,
            type=values.get("wp:post_type", "post").strip() or "post",
            status=values.get("wp:status", "").strip(),
            title=values.get("title", ""),
            link=values.get("link", "").strip(),
            slug=values.get("wp:post_name", "").strip(),
            content=values.get("content:encoded", ""),
            excerpt=values.get("excerpt:encoded", ""),
            date_gmt=_gmt(values.get("wp:post_date_gmt")) or _rfc822(values.get("pubDate")),
            creator=values.get("dc:creator", "").strip(),
            parent=_integer(values.get("wp:post_parent")) or 0,
            password=values.get("wp:post_password", ""),
            is_sticky=values.get("wp:is_sticky", "0").strip() == "1",
            comments_open=values.get("wp:comment_status", "open").strip() != "closed",
            attachment_url=values.get("wp:attachment_url", "").strip(),
            terms=terms,
            meta=meta,
            comments=comments,
        )


def _author(element):
    return Author(
        login=_child_text(element, "wp:author_login"),
        display_name=_child_text(element, "wp:author_display_name"),
        first_name=_child_text(element, "wp:author_first_name"),
        last_name=_child_text(element, "wp:author_last_name"),
    )


def _term(element, name):
    if name == "wp:category":
        return Term(
            taxonomy="category",
            id=_integer(_child_text(element, "wp:term_id")),
            slug=_child_text(element, "wp:category_nicename"),
            name=_child_text(element, "wp:cat_name"),
            parent=_child_text(element, "wp:category_parent"),
            description=_child_text(element, "wp:category_description"),
        )
    return Term(
        taxonomy="post_tag",
        id=_integer(_child_text(element, "wp:term_id")),
        slug=_child_text(element, "wp:tag_slug"),
        name=_child_text(element, "wp:tag_name"),
        description=_child_text(element, "wp:tag_description"),
    )


def _comment(element):
    values = {_name(child.tag): child.text or "" for child in element}
    return Comment(
        id=_integer(values.get("wp:comment_id")) or 0,
        author=values.get("wp:comment_author", "").strip(),
        email=values.get("wp:comment_author_email", "").strip(),
        url=values.get("wp:comment_author_url", "").strip(),
        ip=values.get("wp:comment_author_IP", "").strip(),
        date_gmt=_gmt(values.get("wp:comment_date_gmt")),
        content=values.get("wp:comment_content", ""),
        approved=values.get("wp:comment_approved", "1").strip(),
        type=values.get("wp:comment_type", "").strip(),
        parent=_integer(values.get("wp:comment_parent")) or 0,
    )


# Names and values -------------------------------------------------------------------------------


def _local(tag):
    return tag.rpartition("}")[2]


def _name(tag):
    """``"{https://wordpress.org/export/1.2/}post_id"`` -> ``"wp:post_id"``."""
    if not tag.startswith("{"):
        return tag
    namespace, _brace, local = tag[1:].partition("}")
    if _EXCERPT_NAMESPACE.fullmatch(namespace):
        return f"excerpt:{local}"
    if _WP_NAMESPACE.fullmatch(namespace):
        return f"wp:{local}"
    prefix = _OTHER_NAMESPACES.get(namespace)
    return f"{prefix}:{local}" if prefix else tag


def _text(element):
    return (element.text or "").strip()


def _child_text(element, name):
    for child in element:
        if _name(child.tag) == name:
            return _text(child)
    return ""


def _integer(value):
    value = (value or "").strip()
    return int(value) if value.isdigit() else None


def _gmt(value):
    """A GMT date of the export, or None for WordPress's "no date" (0000-00-00)."""
    value = (value or "").strip()
    if not value or value == _NO_DATE:
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)
    except ValueError:
        return None


def _rfc822(value):
    try:
        parsed = parsedate_to_datetime((value or "").strip())
    except (TypeError, ValueError):
        return None
    return parsed.astimezone(UTC) if parsed.tzinfo and parsed.year > 1 else None


def _expat_message(error):
    """Expat's words without its own position ("mismatched tag: line 4, column 2")."""
    return str(error).split(": line ")[0]
