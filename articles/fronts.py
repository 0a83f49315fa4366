"""Where edited fronts plug in: the lead story and top stories editors place at the top of the
home page and of each section's page.

Another app chooses them and says how with ``register(placed_on)``: ``placed_on(section_id)``
(``None`` for the home page) returns the ``Placed`` stories readers may see now, loaded with
their section, and declares to the page cache what it read. Articles never imports that app;
without one, a front is the latest articles alone, the newest leading.
"""

from dataclasses import dataclass, field

from .models import Article

_choosers = []


@dataclass(frozen=True)
class Placed:
    lead: Article | None = None
    top: list[Article] = field(default_factory=list)

    @property
    def articles(self):
        return [self.lead, *self.top] if self.lead else list(self.top)


@dataclass(frozen=True)
class FirstPage:
    """A front's first page: its lead story, its top stories, then the latest articles."""

    lead: Article | None
    top: list[Article]
    latest: list[Article]

    @property
    def articles(self):
        return [*([self.lead] if self.lead else []), *self.top, *self.latest]


def register(placed_on):
    """Choose the placed stories with ``placed_on(section_id)`` from now on."""
    _choosers[:] = [placed_on]


def placed_on(section_id):
    return _choosers[0](section_id) if _choosers else Placed()


def first_page(placed, latest):
    """The placed lead story, else the newest of ``latest`` (the articles the front shows
    after the placed ones, none of them placed); the top stories; the rest of ``latest``."""
    latest = list(latest)
    lead = placed.lead
    if lead is None and latest:
        lead, latest = latest[0], latest[1:]
    return FirstPage(lead=lead, top=list(placed.top), latest=latest)
