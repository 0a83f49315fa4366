"""Excerpts and highlighted titles for the results page, built in Python for both databases
from escaped text and ``<mark>`` tags only."""

import html
import itertools
import re
import unicodedata

from django.db import connections
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Left
from django.utils.html import escape
from django.utils.safestring import SafeString
from django.utils.text import Truncator

from ..models import Article
from .words import WORD, fold, query_words

EXCERPT_WORDS = 40
WORDS_BEFORE_MATCH = 12
# Excerpts come from the standfirst, else from this much of the start of the body (in
# characters of Markdown, about 1,500 words): a match further on gives no excerpt.
BODY_EXCERPT_CHARS = 10_000
# Highlight words that start with a query word of at least this length: plurals, stems.
HIGHLIGHT_PREFIX_MIN = 3

# Each with what a text holds if it can match there: most paragraphs hold no "[", and a
# regular expression costs more to run over them than that look.
_MARKDOWN = [
    (re.compile(r"^\s*\[figure\s+\d+\s*\]\s*$", re.MULTILINE | re.IGNORECASE), " ", "["),
    (re.compile(r"!?\[([^\]]*)\]\([^)]*\)"), r"\1", "]("),  # links and images: their text
    (re.compile(r"^\s{0,3}(?:#{1,6}|>|[-*+]|\d+[.)])\s+", re.MULTILINE), "", ""),
]


def one_line(text):
    return " ".join(unicodedata.normalize("NFC", text or "").split())


def plain_text(markdown_text):
    """Editor Markdown as the words a reader sees, on one line (not HTML: escape it)."""
    text = markdown_text or ""
    for pattern, replacement, held in _MARKDOWN:
        if held in text:
            text = pattern.sub(replacement, text)
    # Emphasis and code: every asterisk and backtick left once lists are gone.
    return one_line(text.replace("*", "").replace("`", ""))


# A word holding a letter or digit beyond ASCII, whole: from the start of a word, its ASCII
# letters and digits (possessive: none given back to look for the other kind), then one of
# the other kind, then the rest of the word.
_NON_ASCII_WORD = re.compile(r"(?<![^\W_])[a-zA-Z0-9]*+[^\W\x00-\x7f][^\W_]*")


class _Matcher:
    """Whether a word of the text matches one of the query's words (equal once folded, or
    starting with a query word of at least HIGHLIGHT_PREFIX_MIN letters).

    A word in ASCII letters and digits folds to its lowercase: the query's own expression
    finds those that match in any text, with no look at the others. Every other word is
    folded and compared once."""

    def __init__(self, words):
        self.folded = [fold(word) for word in words]
        self.exact = frozenset(self.folded)
        self.prefixes = tuple(query for query in self.folded if len(query) >= HIGHLIGHT_PREFIX_MIN)
        self.matching, self.others = set(), set()
        # What each query word leaves of itself in a text seen through loose_fold(): a text
        # holding none of them holds no match (an empty one says nothing: look at the words).
        self.loose = {loose_fold(word) for word in self.folded}
        self.ascii_words = _ascii_words(self.folded)
        self.finders = {}  # of each set of matching words beyond ASCII met, its _Finder
        if self.ascii_words:
            self.finders[frozenset()] = _Finder(self.ascii_words)

    def __call__(self, word):
        if word in self.matching:
            return True
        if word not in self.others:
            folded = fold(word)
            if folded in self.exact or folded.startswith(self.prefixes):
                self.matching.add(word)
                return True
            self.others.add(word)
        return False

    def hits(self, words):
        """The words of the set ``words`` that match, those already seen sorted out by set
        operations rather than one by one."""
        for word in words - self.matching - self.others:
            self(word)
        return words & self.matching

    def may_hold_a_match(self, text):
        """False when no word of ``text``, made plain, can match: a quick look at the raw
        text, that spares making plain and cutting into words the paragraphs far from the
        match. Made plain, a text loses characters and never gains any, and only the removed
        asterisks, backticks and link syntax can join two words into one: their paragraphs
        are looked at without them, or not judged here."""
        if "" in self.loose or "](" in text:
            return True
        seen = loose_fold(text.replace("*", "").replace("`", ""))
        return any(word in seen for word in self.loose)

    def finder(self, text):
        """A ``_Finder`` of the words of ``text`` that match; None if none can. It finds the
        same words in any part of ``text`` cut between words.

        The words in ASCII letters and digits are left to the query's expression: only the
        others, few in most texts and none in most English ones, are judged, each distinct
        word once, with no Python work per word of a long text."""
        beyond_ascii = set() if text.isascii() else set(_NON_ASCII_WORD.findall(text))
        hits = frozenset(self.hits(beyond_ascii))
        if hits and hits not in self.finders:
            literal = [(re.escape(word[0]), re.escape(word[1:])) for word in sorted(hits)]
            self.finders[hits] = _Finder(self.ascii_words + literal)
        # None when no word holds a match and no query word is in ASCII letters and digits.
        return self.finders.get(hits)


def _ascii_words(folded):
    """Of each ``folded`` query word in ASCII letters and digits, the regular expressions (of
    the first character, and of the rest) of the words in ASCII letters and digits that match
    it: its letters in either case (not IGNORECASE, which also takes "ı" for "i", "K" (KELVIN
    SIGN) for "k" or "ſ" for "s", unlike fold()), then more ASCII letters and digits if it is
    long enough to be a prefix. A query word holding anything else matches no such word."""
    words = []
    for query in sorted({query for query in folded if query.isascii() and query.isalnum()}):
        first, *rest = (f"[{c}{c.upper()}]" if c.isalpha() else c for c in query)
        rest.append("[a-zA-Z0-9]*" if len(query) >= HIGHLIGHT_PREFIX_MIN else "")
        words.append((first, "".join(rest)))
    return words


class _Finder:
    """Regular expressions finding, as whole words, what ``alternatives`` match (pairs of
    expressions: of a word's first character, and of the rest): in a text, and in that text
    escaped for HTML.

    That no letter or digit comes before a word is checked after its first character, not
    before: an expression starting with a character lets the search skip to the places that
    hold it, rather than try every one."""

    def __init__(self, alternatives):
        def words(after_first):
            return "|".join(f"{first}{after_first}{rest}" for first, rest in alternatives)

        # Of the first character and the one before: the latter is no letter or digit.
        self.in_text = re.compile(rf"(?:{words(r'(?<![^\W_].)')})(?![^\W_])")
        # Escaping leaves the words of the text as they are, and adds the words of its
        # entities (&amp; &lt; &gt; &quot; &#x27;), which alone follow "&" or "&#".
        self.in_escaped = re.compile(rf"({words(r'(?<![^\W_].)(?<!&.)(?<!&#.)')})(?![^\W_])")

    def first(self, text):
        """Where the first word found in ``text`` starts; None if none is."""
        found = self.in_text.search(text)
        return found.start() if found else None

    def highlight(self, text):
        """``text`` escaped, with the words found in ``<mark>`` (they hold no character
        that escaping changes)."""
        return SafeString(self.in_escaped.sub(r"<mark>\1</mark>", html.escape(text)))


def loose_fold(text):
    """The letters of ``text`` that fold() keeps as ASCII, with whatever else folds to ASCII:
    fold(word) starting with a query word ``q`` means loose_fold(q) is in loose_fold(text) for
    any text holding the word. Cheap (no Python work per character), for ruling texts out."""
    if text.isascii():  # the same, for less
        return text.lower()
    return unicodedata.normalize("NFKD", text).casefold().encode("ascii", "ignore").decode()


def _matcher(words):
    return words if isinstance(words, _Matcher) else _Matcher(words)


def highlight(text, words):
    """``text`` escaped, with the words matching ``words`` in ``<mark>``."""
    return _highlight(text, _matcher(words).finder(text))


def _highlight(text, finder):
    """``text`` escaped, with the words ``finder`` finds (if any) in ``<mark>``."""
    return SafeString(html.escape(text)) if finder is None else finder.highlight(text)


def first_match(text, words):
    """Where the first word of ``text`` matching ``words`` starts; None if none does."""
    return _first_match(text, _matcher(words).finder(text))


def _first_match(text, finder):
    return None if finder is None else finder.first(text)


def excerpt(text, words, *, more=False, position=None):
    """About EXCERPT_WORDS words of plain ``text`` around its first match, highlighted; None
    if ``text`` has no match. ``more``: ``text`` is the start of a longer text; ``position``:
    where its first match starts, when the caller knows."""
    is_match = _matcher(words)
    finder = None
    if position is None:
        finder = is_match.finder(text)
        position = _first_match(text, finder)
    if position is None:
        return None
    # Only the words shown are cut out of the text, not all of them.
    before, earlier = _words_before(text, position, WORDS_BEFORE_MATCH)
    after, later = _words_after(text, position, EXCERPT_WORDS - len(before))
    return _shown(text, before + after, earlier, later, more, is_match, finder)


def _shown(text, shown, earlier, later, more, is_match, finder=None):
    """The excerpt showing the words ``shown`` of ``text``, highlighted by ``finder`` (one for
    the whole text: the excerpt is cut between words), else by one for the excerpt."""
    begin = shown[0].start() if earlier else 0
    finish = shown[-1].end() if later else len(text)
    text = text[begin:finish]
    if finder is None:
        finder = is_match.finder(text)
    return SafeString(
        f"{'… ' if earlier else ''}{_highlight(text, finder)}{' …' if later or more else ''}"
    )


def _words_after(text, position, count):
    """``(the first count words from position on, whether words come after them)``."""
    words = list(itertools.islice(WORD.finditer(text, position), count + 1))
    return words[:count], len(words) > count


def _words_before(text, position, count):
    """``(the last count words before position, whether words come before them)``, read from
    the text just before ``position``, a wider stretch at a time until enough are found."""
    stretch = count * 16
    while True:
        start = max(0, position - stretch)
        words = list(WORD.finditer(text, start, position))
        if start > 0:
            words = words[1:]  # the stretch may start inside a word
        if len(words) > count or start == 0:
            return words[-count:], len(words) > count
        stretch *= 4


def with_body_start(queryset):
    """``queryset`` with ``body_start``, the first BODY_EXCERPT_CHARS characters of the body:
    all that ``add_highlights()`` reads of it, whatever the article's length."""
    start = Left("body", BODY_EXCERPT_CHARS)
    if connections[queryset.db].vendor == "postgresql":
        # PostgreSQL computes a plain expression of the select list for every row it sorts,
        # decompressing the body of every match for a page of 20 (100 ms for 1,000 matches);
        # a subquery it runs after the LIMIT, for the rows of the page only.
        start = Subquery(Article.objects.filter(pk=OuterRef("pk")).values(start=start))
    return queryset.annotate(body_start=start)


def _body_start(article):
    """The start of the body, as ``with_body_start()`` loads it; else read from the body."""
    if "body_start" in article.__dict__:
        return article.body_start
    return article.body[:BODY_EXCERPT_CHARS]


def body_excerpt(markdown_start, words):
    """The excerpt of a body from its start (see excerpt()). A start cut short ends at its
    last line break or space, never inside a word or (if it can) a link, and its excerpt says
    that more follows. The Markdown is made plain a paragraph at a time, up to the words the
    excerpt shows: stripping a whole start costs more than the rest of a result."""
    is_match = _matcher(words)
    more = len(markdown_start) >= BODY_EXCERPT_CHARS
    if more:
        cut = max(markdown_start.rfind("\n"), markdown_start.rfind(" "))
        markdown_start = markdown_start[:cut] if cut > 0 else markdown_start
    paragraphs = _Paragraphs(markdown_start)

    def plain(index):
        # Made plain as within the text, where a line break follows all but the last
        # paragraph: it ends a heading or list mark standing alone. None past the last.
        paragraph = paragraphs[index]
        if paragraph is None:
            return None
        return plain_text(paragraph if paragraphs.is_last(index) else paragraph + "\n")

    for found in itertools.count():
        paragraph = paragraphs[found]
        if paragraph is None:
            return None
        if is_match.may_hold_a_match(paragraph):
            text = plain(found)
            position = _first_match(text, is_match.finder(text))
            if position is not None:
                break
    # The paragraphs around it join it, as many as it takes for the words the excerpt shows
    # and those that tell whether more come before and after: more would change nothing.
    before, earlier = _words_before(text, position, WORDS_BEFORE_MATCH)
    if not earlier and found > 0:
        preceding = map(plain, range(found - 1, -1, -1))
        joined = " ".join(reversed(_holding(preceding, len(before), WORDS_BEFORE_MATCH)))
        if joined:
            text, position = f"{joined} {text}", position + len(joined) + 1
            before, earlier = _words_before(text, position, WORDS_BEFORE_MATCH)
    wanted = EXCERPT_WORDS - len(before)
    after, later = _words_after(text, position, wanted)
    if not later:
        following = map(plain, itertools.count(found + 1))
        joined = " ".join(_holding(following, len(after), wanted))
        if joined:
            text = f"{text} {joined}"
            after, later = _words_after(text, position, wanted)
    return _shown(text, before + after, earlier, later, more, is_match)


def _holding(paragraphs, count, needed):
    """Of the plain ``paragraphs`` (an iterator, ending at the first None), those read in turn
    until, with ``count`` words already there, they hold more than ``needed``; or all of them.
    Without the empty ones."""
    taken = []
    while count <= needed:
        paragraph = next(paragraphs, None)
        if paragraph is None:
            break
        if paragraph:
            taken.append(paragraph)
            # Its words up to the number still needed, not all of them.
            count += len(list(itertools.islice(WORD.finditer(paragraph), needed + 1 - count)))
    return taken


class _Paragraphs:
    """The paragraphs of Markdown, as ``split("\\n\\n")`` gives them, cut from the text as
    far as they are asked for: an excerpt needs those up to its match and a few more, not all
    the paragraphs of a long start."""

    def __init__(self, text):
        self.text, self.cut = text, []
        self.rest = 0  # where the paragraphs not cut yet start; None once all are cut

    def __getitem__(self, index):
        """The paragraph ``index``; None past the last."""
        while index >= len(self.cut):
            if self.rest is None:
                return None
            end = self.text.find("\n\n", self.rest)
            self.cut.append(self.text[self.rest : None if end < 0 else end])
            self.rest = None if end < 0 else end + 2
        return self.cut[index]

    def is_last(self, index):
        return self[index + 1] is None


def add_highlights(articles, text):
    """Give each article ``highlighted_title`` and ``excerpt`` (safe HTML) for the results
    page: the excerpt comes from the standfirst, else the start of the body (its first
    BODY_EXCERPT_CHARS characters: the work stays bounded however long the article), wherever
    the words are there."""
    is_match = _Matcher(query_words(text))
    articles = list(articles)
    for article in articles:
        article.highlighted_title = highlight(article.title, is_match)
        article.excerpt = (
            excerpt(one_line(article.standfirst), is_match)
            or body_excerpt(_body_start(article), is_match)
            or escape(Truncator(article.standfirst).words(EXCERPT_WORDS))
        )
    return articles
