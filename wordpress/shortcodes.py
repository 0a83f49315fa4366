"""WordPress shortcodes (``[caption …]…[/caption]``, ``[gallery ids="1,2"]``) in post text.

``replace_shortcodes(text, handle)`` finds each shortcode and asks ``handle(shortcode)`` for
what stands in its place. A bare word in brackets without attributes (``[sic]``) is left as
text, as WordPress itself shows it when no plugin claims the name; so is one with only
unnamed values (``[figure 2]``). ``[[name]]`` is WordPress's
way of writing a shortcode as text: it becomes ``[name]``.
"""

import html
import re
from dataclasses import dataclass, field

_OPENING = re.compile(
    r"\[(\[?)([A-Za-z][\w-]*)(?=[\s\]/])((?:[^\]\"']|\"[^\"]*\"|'[^']*')*?)(/?)\](\]?)"
)
# WordPress's shortcode_parse_atts(): name="value", name='value', name=value, "value", value.
_ATTRIBUTE = re.compile(
    r"""([\w-]+)\s*=\s*"([^"]*)"(?:\s|$)|([\w-]+)\s*=\s*'([^']*)'(?:\s|$)"""
    r"""|([\w-]+)\s*=\s*([^\s'"]+)(?:\s|$)|"([^"]*)"(?:\s|$)|'([^']*)'(?:\s|$)|(\S+)(?:\s|$)"""
)


@dataclass
class Shortcode:
    name: str
    attributes: dict = field(default_factory=dict)  # positional values under "0", "1"…
    content: str | None = None  # None for a shortcode without a closing tag

    @property
    def has_named_attributes(self):
        return any(not name.isdigit() for name in self.attributes)


def parse_attributes(text):
    attributes, position = {}, 0
    text = html.unescape(text.replace("\u00a0", " ").replace("\u200b", " ")).strip()
    for match in _ATTRIBUTE.finditer(text):
        groups = match.groups()
        if groups[0]:
            attributes[groups[0].lower()] = groups[1]
        elif groups[2]:
            attributes[groups[2].lower()] = groups[3]
        elif groups[4]:
            attributes[groups[4].lower()] = groups[5]
        else:
            value = next(g for g in groups[6:] if g is not None)
            attributes[str(position)] = value
            position += 1
    return attributes


def replace_shortcodes(text, handle):
    """``text`` with every shortcode replaced by ``handle(shortcode)``; ``handle`` returns None
    to leave a shortcode as it is written."""
    out, position = [], 0
    while match := _OPENING.search(text, position):
        out.append(text[position : match.start()])
        escaped_open, name, attributes, self_closing, escaped_close = match.groups()
        if escaped_open and escaped_close:  # [[name]]: the shortcode written as text
            out.append(match.group(0)[1:-1])
            position = match.end()
            continue
        shortcode = Shortcode(name.lower(), parse_attributes(attributes))
        end = match.end()
        if not self_closing:
            closing = re.compile(rf"\[/{re.escape(name)}\]", re.IGNORECASE)
            if found := closing.search(text, end):
                shortcode.content = text[end : found.start()]
                end = found.end()
        replacement = handle(shortcode)
        if replacement is None:
            out.append(match.group(0))
            position = match.end()
        else:
            out.append(replacement)
            position = end
    out.append(text[position:])
    return "".join(out)
