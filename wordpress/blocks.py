"""Gutenberg posts: the ``<!-- wp:name {attributes} -->…<!-- /wp:name -->`` comments around
the HTML of each block.

``render_blocks(content, report)`` gives the HTML of the post: static blocks keep their own HTML,
text between blocks (the "classic" parts) gets WordPress's paragraphs, embeds become
``<nr-embed>`` elements for the converter to write as links. Blocks that WordPress draws when a
page is shown (latest posts, archives, a calendar…) have no HTML in the export: they are dropped.
Blocks this module does not know keep their HTML as text. Both are counted in ``report``.
"""

import json
import re
from dataclasses import dataclass, field
from html import escape

from .autop import autop

# WordPress's own block parser grammar (wp-includes/class-wp-block-parser.php).
_DELIMITER = re.compile(
    r"<!--\s+(?P<closer>/)?wp:(?P<name>[a-z][a-z0-9_-]*(?:/[a-z][a-z0-9_-]*)?)\s+"
    r"(?P<attributes>\{(?:(?:[^}]+|}+(?=})|(?!}\s+/?-->).)*)?}\s+)?(?P<void>/)?-->",
    re.DOTALL,
)
# Blocks made of their own HTML, which the converter reads.
STATIC_BLOCKS = {
    "paragraph", "heading", "list", "list-item", "quote", "pullquote", "image", "gallery",
    "separator", "spacer", "code", "preformatted", "verse", "table", "columns", "column",
    "group", "cover", "media-text", "buttons", "button", "audio", "video", "file", "details",
    "html", "freeform", "footnotes", "text-columns", "subhead", "missing", "row", "stack",
}  # fmt: skip
# Blocks with nothing for readers in a copy of the page: page breaks, "read more".
SILENT_BLOCKS = {"more", "nextpage"}
_FIGCAPTION = re.compile(r"<figcaption[^>]*>(.*?)</figcaption>", re.DOTALL | re.IGNORECASE)


@dataclass
class Block:
    name: str
    attributes: dict = field(default_factory=dict)
    parts: list = field(default_factory=list)  # str (HTML) and Block, in order


def has_blocks(content):
    return "<!-- wp:" in content


def parse_blocks(content):
    """The top-level parts of ``content``: strings of classic HTML and ``Block`` trees."""
    root = Block("")
    stack, position = [root], 0
    for match in _DELIMITER.finditer(content):
        if match.start() > position:
            stack[-1].parts.append(content[position : match.start()])
        position = match.end()
        name = _short_name(match.group("name"))
        if match.group("closer"):
            if len(stack) > 1:  # an unmatched closer is ignored, as WordPress does
                finished = stack.pop()
                finished.name = finished.name or name
            continue
        block = Block(name, _attributes(match.group("attributes")))
        stack[-1].parts.append(block)
        if not match.group("void"):
            stack.append(block)
    if position < len(content):
        stack[-1].parts.append(content[position:])
    return root.parts


def render_blocks(content, report):
    """The HTML of a block post; unknown and dropped blocks counted in ``report``."""
    return "".join(
        autop(part) if isinstance(part, str) else _render(part, report)
        for part in parse_blocks(content)
    )


def _render(block, report):
    name = block.name
    inner = "".join(p if isinstance(p, str) else _render(p, report) for p in block.parts)
    if name in SILENT_BLOCKS:
        return ""
    if name == "embed" or name.startswith("core-embed/"):
        return _embed(block.attributes.get("url", ""), inner)
    if name == "shortcode":
        return f"\n\n{inner.strip()}\n\n"
    if name == "freeform":
        return autop(inner)
    if name in STATIC_BLOCKS:
        return inner
    if inner.strip():
        report.blocks_kept_as_text[name] += 1
        return inner
    report.blocks_dropped[name] += 1
    return ""


def _embed(url, inner):
    if not url:
        match = re.search(r"https?://[^\s<\"']+", inner)
        url = match.group(0) if match else ""
    if not url:
        return ""
    caption = _FIGCAPTION.search(inner)
    text = caption.group(1) if caption else ""
    return f'<nr-embed href="{escape(url)}">{text}</nr-embed>'


def _short_name(name):
    """``core/paragraph`` and ``paragraph`` are the same block; others keep their namespace."""
    return name.removeprefix("core/")


def _attributes(text):
    if not text:
        return {}
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}
