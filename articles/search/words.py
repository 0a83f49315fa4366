"""A reader's query cut into words: letters and digits only, so no query syntax gets through."""

import re
import unicodedata

MAX_WORDS = 20

# Letters and digits, the way FTS5's unicode61 and PostgreSQL's parser cut words.
WORD = re.compile(r"[^\W_]+")


def query_words(text):
    """The words of a reader's query, in order, once each; punctuation and syntax dropped."""
    words = {}
    for word in WORD.findall(unicodedata.normalize("NFKC", text or "")):
        words.setdefault(fold(word), word)
    return list(words.values())[:MAX_WORDS]


def fold(word):
    """``word`` without accents or case: "Étude" -> "etude"."""
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
