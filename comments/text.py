"""Commenters' plain text made into safe HTML: escaped, links made clickable, lines kept."""

import re
from urllib.parse import urlsplit

from django.utils.html import escape

# Runs on escaped text, so "&" stands as "&amp;" and "<"/">" cannot occur.
_URL = re.compile(r"\b(?:https?://|www\.)(?:(?!&(?:quot|#x27|lt|gt);)[^\s<>\"'])+", re.I)
_TRAILING_PUNCTUATION = ".,:;!?)]}'\""
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def _link(match, hrefs):
    text = match.group(0)
    trailing = ""
    while text and text[-1] in _TRAILING_PUNCTUATION:
        if text[-1] == ")" and text.count("(") >= text.count(")"):
            break  # part of the address, as in https://en.wikipedia.org/wiki/Paris_(band)
        trailing = text[-1] + trailing
        text = text[:-1]
    href = text if "://" in text else "https://" + text
    hrefs.append(href)
    return f'<a href="{href}" rel="nofollow ugc noopener">{text}</a>{trailing}'


def _render(text):
    """``(html, [href])``: the one pass that both shows a comment and counts its links, so
    the link rule counts exactly what readers can click."""
    text = (text or "").replace("\r\n", "\n").strip()
    if not text:
        return "", []
    hrefs, html = [], []
    for paragraph in _PARAGRAPH_BREAK.split(text):
        linked = _URL.sub(lambda match: _link(match, hrefs), escape(paragraph.strip()))
        html.append("<p>" + linked.replace("\n", "<br>") + "</p>")
    return "\n".join(html), hrefs


def render_comment(text):
    """Escape ``text``, linkify http(s) URLs with rel="nofollow ugc noopener", keep breaks."""
    return _render(text)[0]


def clickable_links(text):
    """The addresses ``render_comment(text)`` links to, one per ``<a>``, in order."""
    return _render(text)[1]


def safe_website(url):
    """``url`` if it is an http(s) address, else an empty string: never a javascript: link."""
    url = (url or "").strip()
    return url if urlsplit(url).scheme.lower() in {"http", "https"} else ""
