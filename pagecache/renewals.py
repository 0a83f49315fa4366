"""Renewing dependencies: what writes call, from the apps' signal handlers."""

from django.db import transaction

from .dependencies import EVERYTHING
from .storage import storage


class Renewal:
    """Renews ``names`` when called; kept as a value so tests can see what a write renews."""

    def __init__(self, names):
        self.names = frozenset(names)

    def __call__(self):
        storage().renew(sorted(self.names))

    def __eq__(self, other):
        return isinstance(other, Renewal) and other.names == self.names

    def __hash__(self):
        return hash(self.names)

    def __repr__(self):
        return f"Renewal({', '.join(sorted(self.names))})"


def renew(*names):
    """Whatever depends on any of ``names`` is out of date.

    Renewed at once, and again after the transaction commits: a request that read the old
    rows before the commit must not keep its page against the versions the commit brings.
    """
    names = {name for name in names if name}
    if not names:
        return
    renewal = Renewal(names)
    renewal()
    transaction.on_commit(renewal)


def renew_everything():
    """Every kept page and fragment is out of date (a restore, bulk imports)."""
    renew(EVERYTHING)
