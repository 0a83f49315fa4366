"""What an import did, for the summary table the command prints."""

from collections import Counter
from dataclasses import dataclass, field

# The rows of the summary table, in order.
KINDS = ("authors", "sections", "tags", "articles", "images", "comments", "pages", "redirects")


@dataclass
class Report:
    dry_run: bool = False
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)
    # (kind, reason) -> how many
    skipped: Counter = field(default_factory=Counter)
    # One line each: a missing or refused image file, a password-protected post…
    missing_media: list = field(default_factory=list)
    refused_media: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    sticky: list = field(default_factory=list)  # titles of the posts WordPress kept on top
    shortcodes_dropped: Counter = field(default_factory=Counter)
    shortcodes_kept_as_text: Counter = field(default_factory=Counter)
    blocks_dropped: Counter = field(default_factory=Counter)
    blocks_kept_as_text: Counter = field(default_factory=Counter)

    def count(self, kind, outcome):
        """``outcome``: "created", "updated" or "unchanged"."""
        getattr(self, outcome)[kind] += 1

    def skip(self, kind, reason):
        self.skipped[(kind, reason)] += 1

    def skipped_of(self, kind):
        return sum(n for (k, _reason), n in self.skipped.items() if k == kind)

    def rows(self):
        """``[(kind, created, updated, unchanged, skipped)]`` for the summary table."""
        return [
            (
                kind,
                self.created[kind],
                self.updated[kind],
                self.unchanged[kind],
                self.skipped_of(kind),
            )
            for kind in KINDS
        ]

    @property
    def changed_anything(self):
        return bool(sum(self.created.values()) + sum(self.updated.values()))
