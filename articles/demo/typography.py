"""Typography rules the demo's texts follow in each language, applied when they are loaded.

The data files are written with ordinary spaces, as people type them.
"""

import re

NBSP = "\u00a0"
_SPACE_BEFORE = re.compile(r"(?<=\S)[ \n](?=[:;?!»%°])")
_SPACE_AFTER = re.compile(r"«[ \n]")
_AFTER_NUMBER = re.compile(r"(?<=\d) (?=\S)")


def french(text):
    """``text`` with no-break spaces inside « », before : ; ? ! % °, and after a number
    ("40 000 appareils", "200 Mo"), as French typography wants."""
    text = _SPACE_BEFORE.sub(NBSP, text)
    text = _SPACE_AFTER.sub("«" + NBSP, text)
    return _AFTER_NUMBER.sub(NBSP, text)
