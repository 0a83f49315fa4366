"""The demo's front pages, for ``manage.py seed_demo``: in each language of the demo
content (``articles.demo``), a lead story and top stories for the home page and for one
section's page, named by their stories' slugs.

Among the home page's top stories is the demo's scheduled story: it joins the front by itself
when it comes out.
"""

from dataclasses import dataclass

from django.db import transaction

from articles.models import Article, Section

from .models import Front, Placement
from .services import add_top_stories


@dataclass(frozen=True)
class DemoFront:
    section: str | None  # a section's slug; None for the home page
    lead: str
    top: tuple[str, ...]


FRONTS = {
    "en": (
        DemoFront(
            section=None,
            lead="harbourton-permit-office-open-source",
            top=(
                "amateur-astronomers-double-asteroid",
                "household-energy-bills-fall-third-quarter",
                "seagrass-meadows-recovering-sheltered-bays",
                "small-language-models-old-laptops",
                "harbourton-film-festival-restored-silent-films",  # scheduled
            ),
        ),
        DemoFront(
            section="science",
            lead="seagrass-meadows-recovering-sheltered-bays",
            top=("heat-pumps-coldest-winter-field-study", "amateur-astronomers-double-asteroid"),
        ),
    ),
    "fr": (
        DemoFront(
            section=None,
            lead="nanosatellite-etudiant-premieres-images",
            top=(
                "faille-routeurs-wifi-correctif",
                "batteries-sodium-ion-bus-hiver",
                "studio-independant-jeu-plateforme-financement-participatif",
                "traduction-hors-ligne-smartphone-modele-libre",
                "salon-pixel-est-zone-retro",  # scheduled
            ),
        ),
        DemoFront(
            section="tech",
            lead="ordinateur-portable-modulaire-indice-reparabilite",
            top=(
                "faille-routeurs-wifi-correctif",
                "puce-risc-v-capteurs-connectes-dix-ans-autonomie",
            ),
        ),
    ),
}


def seed(language):
    """Place the demo stories of ``language`` on fronts that have nothing placed yet, so that
    editors' own choices are never overwritten. Returns how many stories were placed."""
    placed = 0
    with transaction.atomic():
        for demo in FRONTS[language]:
            front = _front(demo.section)
            if front is None or front.placements.exists():
                continue
            articles = Article.objects.in_bulk([demo.lead, *demo.top], field_name="slug")
            if demo.lead in articles:
                Placement.objects.create(
                    front=front, article=articles[demo.lead], role=Placement.Role.LEAD
                )
                placed += 1
            top = [articles[slug] for slug in demo.top if slug in articles]
            placed += len(add_top_stories(front, top))
    return placed


def contribute(language):
    """The fronts' part of ``seed_demo`` (articles.demo.contributions)."""
    placed = seed(language)
    return f"Placed {placed} demo stories on the front pages." if placed else ""


def _front(section_slug):
    if section_slug is None:
        return Front.objects.home()
    section = Section.objects.filter(slug=section_slug).first()
    return Front.objects.of_section(section) if section else None
