"""Post bodies (classic HTML or Gutenberg blocks, with shortcodes) -> Markdown in our dialect.

The steps, each in its own module:

1. ``blocks.render_blocks()`` or ``autop.autop()``: the HTML readers saw, with paragraphs;
2. ``shortcodes.replace_shortcodes()``: ``[caption]`` and ``[gallery]`` become figures,
   ``[embed]``, ``[video]``, ``[audio]`` links; unknown ones keep their text or are dropped;
3. here, on the parsed HTML (BeautifulSoup): every picture becomes a figure placeholder on a
   line of its own, every embedded player a link, bare URLs on their own line too;
4. markdownify, taught our dialect (``NewsroomMarkdown``): links to imported posts lead to their
   new address (so that a link alone on its line becomes a "Read also" teaser), text that would
   read as Markdown is escaped.

The figures are numbered once their pictures are found (``place_figures()``): the Markdown
holds a placeholder per picture until then.
"""

import re
from dataclasses import dataclass, field
from html import escape
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup, Tag
from markdownify import ATX, MarkdownConverter

from . import blocks
from .autop import autop
from .shortcodes import replace_shortcodes

_WP_IMAGE_CLASS = re.compile(r"wp-image-(\d+)")
_SIZE_SUFFIX = re.compile(r"-(?:\d+x\d+|scaled)(?=\.\w+$)")
_BARE_URL = re.compile(r"https?://\S+")
_PLACEHOLDER = re.compile(r"NRFIGURE(\d+)NR")
_SPACES = re.compile(r"[ \t\r]+")  # not no-break spaces: French typography needs them
# Players and media the page embedded: their address becomes a link.
_EMBEDDED = {"iframe": "src", "video": "src", "audio": "src", "embed": "src", "object": "data"}
_MEDIA_SHORTCODES = {"embed", "video", "audio", "youtube", "vimeo", "dailymotion", "soundcloud"}
_MEDIA_ATTRIBUTES = ("src", "url", "mp4", "m4v", "webm", "ogv", "mp3", "ogg", "m4a", "wav", "0")
_CAPTION_SHORTCODES = {"caption", "wp_caption"}
_LINE_START = {"p", "div", "li", "blockquote", "td", "th", "[document]", "dd", "dt"}
_BLOCK_TEXT = {"p", "div", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "pre"}


@dataclass
class FigureUse:
    """A picture placed in a body: the attachment it shows, or its address when it is not one."""

    attachment_id: int | None
    url: str = ""
    alt: str = ""
    caption: str | None = None  # None: the attachment's own caption


@dataclass
class Converted:
    markdown: str  # with a placeholder for each figure (see place_figures)
    figures: list = field(default_factory=list)  # FigureUse, by placeholder number
    first_paragraph: str = ""


@dataclass
class Site:
    """What the converter knows of the export besides the body at hand."""

    # attachment id -> its URL; its path (sizes removed) -> id; post id -> its attachments
    attachment_urls: dict = field(default_factory=dict)
    attachments_by_path: dict = field(default_factory=dict)  # exact paths first, then sizeless
    attachments_of_post: dict = field(default_factory=dict)
    new_address: object = staticmethod(lambda href: None)  # old link -> new address or None


def image_path(url):
    """The file path of an image address, its size suffix (``-300x200``) removed."""
    return _SIZE_SUFFIX.sub("", unquote(urlsplit(url).path))


def convert_body(content, *, post_id, site, report):
    """``content`` (as stored by WordPress) in our Markdown; see the module's docstring."""
    figures = []
    html = blocks.render_blocks(content, report) if blocks.has_blocks(content) else autop(content)
    html = replace_shortcodes(html, _ShortcodeRules(post_id, site, figures, report))
    soup = BeautifulSoup(html, "html.parser")
    _pictures_to_figures(soup, site, figures)
    _players_to_links(soup)
    _hoist(soup)
    paragraphs = (p.get_text() for p in soup.find_all("p", recursive=False))
    first = next((text for text in paragraphs if text.strip()), "")
    markdown = NewsroomMarkdown(new_address=site.new_address).convert_soup(soup)
    markdown = re.sub(r"\n{3,}", "\n\n", markdown).strip()
    return Converted(
        markdown=markdown + "\n" if markdown else "",
        figures=figures,
        first_paragraph=_SPACES.sub(" ", first.replace("\n", " ")).strip(" "),
    )


def placeholders(markdown):
    """The figure placeholders' numbers, in the order they appear."""
    return [int(number) for number in _PLACEHOLDER.findall(markdown)]


def place_figures(markdown, numbers):
    """Put ``[figure N]`` where each placeholder is; ``numbers[i]`` is None for a picture that
    could not be imported, whose line goes."""

    def figure(match):
        number = numbers.get(int(match.group(1)))
        return f"[figure {number}]" if number else ""

    markdown = _PLACEHOLDER.sub(figure, markdown)
    return re.sub(r"\n{3,}", "\n\n", markdown).strip() + "\n" if markdown.strip() else ""


def plain_text(html):
    """The text of a bit of HTML (an excerpt, a caption, a comment): paragraphs kept as blank
    lines, links written "text (address)", entities decoded."""
    # Most comments are plain text: nothing to parse.
    is_plain = "<" not in html and "&" not in html
    text = html.replace("\r\n", "\n") if is_plain else _soup_text(html)
    lines = [_SPACES.sub(" ", line).strip(" ") for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _soup_text(html):
    soup = BeautifulSoup(autop(html) if "<p" not in html else html, "html.parser")
    for br in soup.find_all("br"):
        br.replace_with("\n")
    for link in soup.find_all("a"):
        text, href = link.get_text(), link.get("href", "")
        if href.startswith(("http://", "https://")) and href.rstrip("/") not in text:
            link.replace_with(f"{text} ({href})" if text.strip() else href)
    for element in soup.find_all(_BLOCK_TEXT):
        element.insert_before("\n\n")
        element.insert_after("\n\n")
    return soup.get_text()


def one_line(html):
    return _SPACES.sub(" ", plain_text(html).replace("\n", " ")).strip(" ")


# Shortcodes -------------------------------------------------------------------------------------


class _ShortcodeRules:
    def __init__(self, post_id, site, figures, report):
        self.post_id, self.site, self.figures, self.report = post_id, site, figures, report

    def __call__(self, shortcode):
        name = shortcode.name
        if name in _CAPTION_SHORTCODES:
            return self._caption(shortcode)
        if name == "gallery":
            return "".join(self._figure(FigureUse(i)) for i in self._gallery_ids(shortcode))
        if name in _MEDIA_SHORTCODES:
            attributes = shortcode.attributes
            listed = [attributes[key] for key in _MEDIA_ATTRIBUTES if key in attributes]
            url = (shortcode.content or "").strip() or next(iter(listed), "")
            return f'<nr-embed href="{escape(url)}"></nr-embed>' if url else ""
        if shortcode.content is not None:
            self.report.shortcodes_kept_as_text[name] += 1
            return replace_shortcodes(shortcode.content, self)
        if shortcode.has_named_attributes or name == "playlist":
            self.report.shortcodes_dropped[name] += 1
            return ""
        return None  # [word]: text that only looks like a shortcode

    def _figure(self, use):
        self.figures.append(use)
        return f'<nr-figure data-ref="{len(self.figures) - 1}"></nr-figure>'

    def _caption(self, shortcode):
        soup = BeautifulSoup(shortcode.content or "", "html.parser")
        img = soup.find("img")
        if img is None:
            return shortcode.content or ""
        use = _figure_use(img, self.site)
        named = re.search(r"\d+", shortcode.attributes.get("id", ""))  # id="attachment_12"
        if use.attachment_id is None and named and int(named[0]) in self.site.attachment_urls:
            use.attachment_id = int(named[0])
        (img.find_parent("a") or img).decompose()
        caption = shortcode.attributes.get("caption") or str(soup)
        use.caption = one_line(caption)
        return self._figure(use)

    def _gallery_ids(self, shortcode):
        listed = shortcode.attributes.get("ids") or shortcode.attributes.get("include") or ""
        ids = [int(i) for i in re.findall(r"\d+", listed)]
        return ids or self.site.attachments_of_post.get(self.post_id, [])


# Pictures and players in the HTML --------------------------------------------------------------


def _figure_use(img, site):
    src = img.get("src", "")
    attachment_id = None
    for candidate in [
        img.get("data-id", ""),
        *_WP_IMAGE_CLASS.findall(" ".join(img.get("class", []))),
    ]:
        if candidate.isdigit() and int(candidate) in site.attachment_urls:
            attachment_id = int(candidate)
            break
    if attachment_id is None and src:
        path = unquote(urlsplit(src).path)
        attachment_id = site.attachments_by_path.get(path) or site.attachments_by_path.get(
            image_path(src)
        )
    return FigureUse(attachment_id, url=src, alt=" ".join(img.get("alt", "").split()))


def _pictures_to_figures(soup, site, figures):
    captions = []
    for img in soup.find_all("img"):
        use = _figure_use(img, site)
        holder = img.find_parent("figure")
        caption = holder.find("figcaption", recursive=False) if holder else None
        if caption is None and holder is not None:
            caption = holder.find("figcaption")
        if caption is not None:
            use.caption = caption.get_text(" ", strip=True)
            captions.append(caption)
        figures.append(use)
        placeholder = soup.new_tag("nr-figure", attrs={"data-ref": str(len(figures) - 1)})
        link = img.find_parent("a")
        (link if link is not None and link.get_text(strip=True) == "" else img).replace_with(
            placeholder
        )
    for caption in captions:
        if caption.parent is not None:
            caption.decompose()
    for holder in soup.find_all("figure"):
        holder.unwrap()


def _players_to_links(soup):
    for tag, attribute in _EMBEDDED.items():
        for element in soup.find_all(tag):
            url = element.get(attribute) or next(
                (s.get("src") for s in element.find_all("source") if s.get("src")), ""
            )
            if url:
                element.replace_with(soup.new_tag("nr-embed", attrs={"href": url}))
            else:
                element.decompose()
    for paragraph in soup.find_all("p"):
        text = paragraph.get_text(strip=True)
        if not paragraph.find(True) and _BARE_URL.fullmatch(text):
            paragraph.replace_with(soup.new_tag("nr-embed", attrs={"href": text}))


def _hoist(soup):
    """Figures and embeds stand between paragraphs: each leaves the paragraph, list or link it
    was in, and goes right after it."""
    for element in soup.find_all(["nr-figure", "nr-embed"]):
        top = element
        while top.parent is not None and top.parent is not soup:
            top = top.parent
        if top is element:
            continue
        anchor = top
        while isinstance(anchor.next_sibling, Tag) and anchor.next_sibling.get("data-hoisted"):
            anchor = anchor.next_sibling
        before, after = element.previous_sibling, element.next_sibling
        element.extract()
        if isinstance(before, str) and isinstance(after, str) and before.endswith(" "):
            after.replace_with(after.lstrip(" "))  # "Before <img> after": one space is left
        element["data-hoisted"] = "1"
        anchor.insert_after(element)
        if not top.get_text(strip=True) and not top.find(["nr-figure", "nr-embed"]):
            top.decompose()


# Markdown ----------------------------------------------------------------------------------------


class NewsroomMarkdown(MarkdownConverter):
    """markdownify, writing what our renderer (articles/markup.py) reads."""

    class Options(MarkdownConverter.DefaultOptions):
        heading_style = ATX
        bullets = "-"
        escape_asterisks = True
        escape_underscores = True

    def __init__(self, *, new_address, **options):
        super().__init__(**options)
        self.new_address = new_address

    def escape(self, text, parent_tags):
        if not text:
            return text
        text = text.replace("\\", "\\\\")
        text = super().escape(text, parent_tags)
        text = text.replace("[", r"\[").replace("]", r"\]")
        return re.sub(r"<(?=[A-Za-z/!?])", "&lt;", text)

    def process_text(self, el, parent_tags=None):
        text = super().process_text(el, parent_tags=parent_tags)
        if el.previous_sibling is None and el.parent is not None and el.parent.name in _LINE_START:
            # Text that starts a paragraph or an item and would read as Markdown syntax.
            text = re.sub(r"^(\s*)([#>+-])(?=\s)", r"\1\\\2", text)
            text = re.sub(r"^(\s*\d+)([.)])(?=\s)", r"\1\\\2", text)
        return text

    def convert_a(self, el, text, parent_tags):
        href = el.get("href") or ""
        if new := self.new_address(href):
            el["href"] = new
        return super().convert_a(el, text, parent_tags)

    def convert_nr_figure(self, el, text, parent_tags):
        return f"\n\nNRFIGURE{el['data-ref']}NR\n\n"

    def convert_nr_embed(self, el, text, parent_tags):
        url = el.get("href", "").strip()
        if not url.startswith(("http://", "https://")):
            return text
        label = " ".join(text.split())
        return f"\n\n[{label}]({url})\n\n" if label else f"\n\n<{url}>\n\n"

    def convert_img(self, el, text, parent_tags):
        return ""
