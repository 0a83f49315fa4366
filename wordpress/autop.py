"""WordPress's paragraph rules (``wpautop``) for classic-editor HTML.

Classic posts are stored without ``<p>`` tags: a blank line starts a paragraph and a single line
break is a ``<br>``, except around block-level elements and inside ``<pre>``. This follows
WordPress's own function (wp-includes/formatting.php) step by step, so that an imported post
has the paragraphs it had on WordPress; the result goes to the HTML-to-Markdown converter.
"""

import re

# WordPress's list, plus the elements the importer puts where a figure or an embed goes.
BLOCKS = (
    r"(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre"
    r"|form|map|area|blockquote|address|style|p|h[1-6]|hr|fieldset|legend|section|article"
    r"|aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary|nr-figure|nr-embed)"
)
_PRE = re.compile(r"<pre\b.*?</pre>", re.IGNORECASE | re.DOTALL)
_DOUBLE_BR = re.compile(r"<br\s*/?>\s*<br\s*/?>", re.IGNORECASE)
_BLOCK_OPEN = re.compile(rf"(<{BLOCKS}[\s/>])", re.IGNORECASE)
_BLOCK_CLOSE = re.compile(rf"(</{BLOCKS}>)", re.IGNORECASE)
_HR = re.compile(r"(<hr\s*?/?>)", re.IGNORECASE)
_TAG = re.compile(r"<[^<>]+>")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_EMPTY_P = re.compile(r"<p>\s*</p>")
_UNCLOSED_P = re.compile(r"<p>([^<]+)</(div|address|form)>")
_P_AROUND_BLOCK = re.compile(rf"<p>\s*(</?{BLOCKS}[^>]*>)\s*</p>", re.IGNORECASE)
_P_AROUND_LI = re.compile(r"<p>(<li.+?)</p>")
_P_BEFORE_BLOCK = re.compile(rf"<p>\s*(</?{BLOCKS}[^>]*>)", re.IGNORECASE)
_P_AFTER_BLOCK = re.compile(rf"(</?{BLOCKS}[^>]*>)\s*</p>", re.IGNORECASE)
_KEEP_NEWLINES = re.compile(r"<(script|style|svg|math).*?</\1>", re.IGNORECASE | re.DOTALL)
_NEWLINE = re.compile(r"(?<!<br />)\s*\n")
_BR_AFTER_BLOCK = re.compile(rf"(</?{BLOCKS}[^>]*>)\s*<br />", re.IGNORECASE)
_BR_BEFORE_BLOCK = re.compile(
    r"<br />(\s*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)", re.IGNORECASE
)
_KEPT = "\x00wp-kept-{}\x00"
_KEPT_NEWLINE = "\x00wp-newline\x00"


def autop(text):
    """``text`` with WordPress's paragraphs and line breaks made explicit."""
    if not text.strip():
        return ""
    kept = []

    def keep(match):
        kept.append(match.group(0))
        return f"<pre>{_KEPT.format(len(kept) - 1)}</pre>"

    text = _PRE.sub(keep, text.replace("\r\n", "\n").replace("\r", "\n") + "\n")
    text = _DOUBLE_BR.sub("\n\n", text)
    text = _BLOCK_OPEN.sub(r"\n\n\1", text)
    text = _BLOCK_CLOSE.sub(r"\1\n\n", text)
    text = _HR.sub(r"\1\n\n", text)
    # Line breaks inside a tag (between its attributes) are not paragraphs.
    text = _TAG.sub(lambda match: match.group(0).replace("\n", " "), text)
    paragraphs = [p for p in _PARAGRAPH_BREAK.split(text) if p.strip()]
    text = "".join(f"<p>{p.strip(chr(10))}</p>\n" for p in paragraphs)
    text = _EMPTY_P.sub("", text)
    text = _UNCLOSED_P.sub(r"<p>\1</p></\2>", text)
    text = _P_AROUND_BLOCK.sub(r"\1", text)
    text = _P_AROUND_LI.sub(r"\1", text)
    text = re.sub(r"<p><blockquote([^>]*)>", r"<blockquote\1><p>", text, flags=re.IGNORECASE)
    text = text.replace("</blockquote></p>", "</p></blockquote>")
    text = _P_BEFORE_BLOCK.sub(r"\1", text)
    text = _P_AFTER_BLOCK.sub(r"\1", text)
    text = _KEEP_NEWLINES.sub(lambda match: match.group(0).replace("\n", _KEPT_NEWLINE), text)
    text = text.replace("<br>", "<br />").replace("<br/>", "<br />")
    text = _NEWLINE.sub("<br />\n", text)
    text = text.replace(_KEPT_NEWLINE, "\n")
    text = _BR_AFTER_BLOCK.sub(r"\1", text)
    text = _BR_BEFORE_BLOCK.sub(r"\1", text)
    text = re.sub(r"\n</p>$", "</p>", text)
    for index, original in enumerate(kept):
        text = text.replace(f"<pre>{_KEPT.format(index)}</pre>", original)
    return text
