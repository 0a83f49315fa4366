"""Demo content for ``manage.py seed_demo``: a small newsroom to click through and benchmark.

One data set per language (``DemoData``): the English one below, and a French tech-news site in
``demo_fr.py``; both go through the same creation code. The stories, people, towns and
organisations are invented. Web addresses of invented organisations use the reserved
``example.org`` domain; background links go to Wikipedia.
Pictures and portraits are drawn with Pillow when the command runs and saved through the
storage API, so the demo needs no binary files in the repository.

``seed()`` is idempotent: rows are looked up by slug, and only articles created by this run get
bylines, tags, images and sources.
"""

import io
import random
import textwrap
import zlib
from dataclasses import dataclass, fields
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from PIL import Image, ImageDraw

from .images import build as make_renditions
from .images.renditions import all_names
from .models import Article, ArticleAuthor, ArticleImage, Author, Section, Source, Tag

# Pillow-drawn pictures; tests make them smaller.
IMAGE_SIZE = (1600, 900)
PORTRAIT_SIZE = (600, 600)
# Synthetic benchmark articles share this many stored picture files.
IMAGE_POOL_SIZE = 8
LANGUAGES = ("en", "fr")


# Data shapes ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Picture:
    alt: str
    caption: str
    credit: str
    credit_url: str = ""
    licence: str = ""


@dataclass(frozen=True)
class Story:
    slug: str
    title: str
    standfirst: str
    section: str  # section slug
    authors: tuple[str, ...]  # author slugs, in byline order
    tags: tuple[str, ...]  # tag slugs
    # Hours before the run; negative schedules the article; None leaves it a draft.
    hours_ago: float | None
    body: str
    pictures: tuple[Picture, ...]  # the first is the lead (number 1); [figure 2] places the next
    sources: tuple[tuple[str, str, str], ...]  # (kind, label, url)
    corrected_after_hours: float | None = None  # edited later: readers see an "Updated" line


@dataclass(frozen=True)
class Vocabulary:
    """The phrases synthetic benchmark stories are put together from, in one language.

    A sentence is subject + past-tense verb + object + tail; a headline uses the verb's
    headline form.
    """

    slug: str  # with {n}
    title: str  # with {n} and {headline}
    subjects: tuple[str, ...]  # singular, so that "... backs ..." agrees
    verbs: tuple[tuple[str, str], ...]  # (headline form, past tense)
    objects: tuple[str, ...]
    tails: tuple[str, ...]  # end a sentence
    details: tuple[str, ...]  # whole sentences
    subheadings: tuple[str, ...]
    alts: tuple[str, ...]  # alternative texts of the shared pictures
    credits: tuple[str, ...]
    caption: str  # with {n}
    source_label: str
    source_url: str  # with {slug}
    headline_drops: tuple[str, ...] = ()  # articles left out of headlines ("The ")
    headline_lowercase: bool = False  # the headline follows a colon in running text


@dataclass(frozen=True)
class DemoData:
    """One language's demo: who writes, where, about what."""

    sections: tuple[tuple[str, str, str], ...]  # (slug, name, description)
    authors: tuple[tuple[str, str, str, bool], ...]  # (slug, name, bio, draw a portrait)
    tags: tuple[tuple[str, str], ...]  # (slug, name)
    stories: tuple[Story, ...]  # published; ``--articles N`` takes the first N
    scheduled: Story
    draft: Story
    synthetic: Vocabulary


@dataclass
class SeedReport:
    sections: int = 0
    authors: int = 0
    tags: int = 0
    articles: int = 0
    images: int = 0  # article images and author portraits
    files: int = 0  # picture files drawn and stored
    renditions: int = 0  # resized copies of them made for pages
    sources: int = 0

    @property
    def created_anything(self):
        return any(getattr(self, field.name) for field in fields(self))


# Sections, authors, tags ------------------------------------------------------------------------

SECTIONS = [
    (
        "technology",
        "Technology",
        "Software, networks and the machines we live with, from city halls to kitchen tables.",
    ),
    ("science", "Science", "Research, space, health and the natural world."),
    ("economy", "Economy", "Jobs, prices, housing and the businesses around us."),
    ("culture", "Culture", "Books, music, film and the places where people make things."),
]

# (slug, name, bio, draw a portrait)
AUTHORS = [
    (
        "maya-lindqvist",
        "Maya Lindqvist",
        "Technology correspondent. Covers public-sector software, privacy and the people who "
        "keep old machines running. A systems administrator in a previous life.",
        True,
    ),
    (
        "tomas-ferreira",
        "Tomás Ferreira",
        "Science writer with a background in marine biology. Writes about space, climate and "
        "the slow, careful work of research.",
        True,
    ),
    (
        "aisha-okafor",
        "Aisha Okafor",
        "Culture editor. Books, music, film and the libraries and halls where they happen.",
        False,
    ),
    (
        "daniel-brenner",
        "Daniel Brenner",
        "Economy reporter covering jobs, housing and household budgets.",
        False,
    ),
    (
        "wire-desk",
        "Wire Desk",
        "Stories from our news agency partners, checked and edited by the Newsroom desk.",
        False,
    ),
]

TAGS = [
    ("artificial-intelligence", "Artificial intelligence"),
    ("climate", "Climate"),
    ("energy", "Energy"),
    ("space", "Space"),
    ("health", "Health"),
    ("cities", "Cities"),
    ("jobs", "Jobs"),
    ("housing", "Housing"),
    ("books", "Books"),
    ("music", "Music"),
    ("film", "Film"),
]


def _body(text):
    return textwrap.dedent(text).strip() + "\n"


# Hand-written stories ---------------------------------------------------------------------------

STORIES = [
    Story(
        slug="harbourton-permit-office-open-source",
        title="Harbourton moves its building permits to open-source software",
        standfirst=(
            "The city expects to save on licence fees and let residents follow their "
            "applications online; staff want time to learn the new system first."
        ),
        section="technology",
        authors=("maya-lindqvist",),
        tags=("cities", "jobs"),
        hours_ago=5,
        body=_body("""
            Harbourton's permit office will retire its twenty-year-old case system in March and
            handle building applications on an open-source platform shared with three
            neighbouring towns, the city council decided on Monday evening.

            The council's digital services team expects to save about 180,000 euros a year in
            licence fees. The platform's code is published under the
            [European Union Public Licence](https://en.wikipedia.org/wiki/European_Union_Public_Licence),
            so other councils may reuse and adapt it.

            ## Following an application online

            For residents, the most visible change is a tracking page: anyone who files an
            application will see which department holds it and which documents are missing,
            instead of phoning the front desk. "Half of our calls are people asking where their
            file is," said Inès Carvalho, who runs the office.

            [figure 2]

            ## Training before the switch

            The staff union supports the move but has asked for two weeks of training before
            the old system is turned off. The council's
            [migration plan](https://harbourton.example.org/digital/permits-migration) sets
            aside ten days. Neighbouring Eastmoor, which adopted the platform last year,
            reported teething problems with scanned plans but says its processing times have
            since fallen by a fifth.
            """),
        pictures=(
            Picture(
                alt="A clerk at a service counter hands a stamped form to a resident.",
                caption="The permit office's front desk, where most enquiries still arrive.",
                credit="Lena Vogt",
                credit_url="https://lenavogt.example.org/",
            ),
            Picture(
                alt="Two office workers look at a laptop showing a colour-coded list of files.",
                caption="The tracking page as tested in Eastmoor during last year's pilot.",
                credit="Wire Desk",
            ),
        ),
        sources=(
            (
                "story",
                "Harbourton city council, minutes of Monday's meeting",
                "https://harbourton.example.org/council/minutes",
            ),
            ("other", "Source code of the permit platform", "https://code.example.org/permits"),
        ),
    ),
    Story(
        slug="small-language-models-old-laptops",
        title="Small AI language models run on decade-old laptops, study finds",
        standfirst=(
            "Researchers ran compact models offline on second-hand machines and found them good "
            "enough for summaries and translations, if users are patient."
        ),
        section="technology",
        authors=("maya-lindqvist", "tomas-ferreira"),
        tags=("artificial-intelligence",),
        hours_ago=11,
        body=_body("""
            A compact AI language model can summarise documents and translate short texts on a
            laptop bought in 2015, with no internet connection, according to a study published
            this week by the Northfield Institute of Computing.

            The team tested six openly available models on twelve second-hand laptops. The
            smallest answered within seconds; larger ones needed up to a minute per reply and
            drained batteries quickly.

            ## Why offline matters

            A model that runs locally never sends documents elsewhere, which matters to schools,
            clinics and small newsrooms handling sensitive material, the authors write. The
            approach relies on shrinking the numbers inside a
            [large language model](https://en.wikipedia.org/wiki/Large_language_model) until it
            fits in a few gigabytes of memory.

            [Harbourton moves its building permits to open-source
            software](/articles/harbourton-permit-office-open-source/)

            ## Fast intern, not encyclopaedia

            The small models made more factual errors than large online services, especially
            with names and dates, and the study recommends them for drafting rather than for
            facts. "Treat it like a fast intern, not an encyclopaedia," said co-author Priya
            Raman. The [paper and test scripts](https://northfield.example.org/papers/small-models)
            are available online.
            """),
        pictures=(
            Picture(
                alt="A worn silver laptop open on a wooden desk beside a paper notebook.",
                caption="One of the twelve second-hand laptops used in the tests.",
                credit="Northfield Institute of Computing",
                credit_url="https://northfield.example.org/press",
                licence="CC BY 4.0",
            ),
        ),
        sources=(
            (
                "story",
                "Northfield Institute of Computing, study on small models",
                "https://northfield.example.org/papers/small-models",
            ),
            (
                "image",
                "Northfield Institute of Computing, press photos",
                "https://northfield.example.org/press",
            ),
        ),
    ),
    Story(
        slug="valley-broadband-cooperative-thousandth-home",
        title="Valley broadband co-operative connects its thousandth home",
        standfirst=(
            "Residents who dug their own fibre trenches five years ago now run one of the "
            "fastest networks in the region."
        ),
        section="technology",
        authors=("wire-desk",),
        tags=("cities", "housing"),
        hours_ago=20,
        body=_body("""
            A broadband co-operative founded by residents of the Lowmere valley connected its
            thousandth home on Thursday, five years after volunteers began laying fibre ducts
            along farm tracks.

            Commercial providers had judged the valley's scattered villages too costly to
            serve. Members instead bought shares of 300 euros each, borrowed from a regional
            development fund and did much of the digging themselves.

            ## Faster than the town

            Households now pay a flat monthly fee for a symmetric connection that outpaces most
            offers in the nearest town. The co-operative reinvests any surplus, and its accounts
            are [published every spring](https://lowmere-fibre.example.org/accounts).

            ## A model for others?

            Similar community-run projects exist elsewhere, from Scandinavia to the north of
            England, bringing [fibre to the home](https://en.wikipedia.org/wiki/Fiber_to_the_x).
            Their weak point, the co-operative's treasurer says, is the second decade, when the
            founding volunteers step back and equipment needs replacing.
            """),
        pictures=(
            Picture(
                alt="A worker lowers an orange duct into a narrow trench along a country road.",
                caption="Volunteers laid much of the network's first forty kilometres of duct.",
                credit="Wire Desk",
            ),
        ),
        sources=(
            (
                "story",
                "Lowmere Fibre Co-operative, announcement",
                "https://lowmere-fibre.example.org/news",
            ),
        ),
    ),
    Story(
        slug="amateur-astronomers-double-asteroid",
        title="Amateur astronomers spot a rare double asteroid",
        standfirst=(
            "Two telescopes in a school car park caught a small moon circling a near-Earth "
            "asteroid, a discovery confirmed by professional observatories."
        ),
        section="science",
        authors=("tomas-ferreira",),
        tags=("space",),
        hours_ago=27,
        body=_body("""
            A group of volunteer astronomers has found that a small near-Earth asteroid has a
            moon of its own, after noticing a regular dip in its brightness during three nights
            of observation from a school car park.

            The dips repeat every 14 hours, the signature of one body passing in front of the
            other. Professional observatories confirmed the finding this week, and it has been
            reported to the [Minor Planet Center](https://en.wikipedia.org/wiki/Minor_Planet_Center).

            ## Why pairs matter

            About one in six near-Earth asteroids larger than 200 metres is thought to be a
            [binary asteroid](https://en.wikipedia.org/wiki/Binary_asteroid). Watching the moon's
            orbit lets astronomers weigh the pair, which in turn tells them how solid or loosely
            packed the rock is.

            [figure 2]

            ## No danger to Earth

            The asteroid's orbit keeps it well clear of Earth for at least the next century,
            the club's coordinator stressed. "What is exciting is that two second-hand
            telescopes and a lot of coffee can still add to science," she said.
            """),
        pictures=(
            Picture(
                alt="Two small telescopes on tripods in an empty car park at dusk.",
                caption="The club's telescopes, set up behind the secondary school.",
                credit="Jonas Berg",
            ),
            Picture(
                alt="A graph of brightness over time with regular dips every few hours.",
                caption="The light curve that gave the moon away.",
                credit="Eastmoor Astronomy Club",
                credit_url="https://eastmoor-astro.example.org/",
                licence="CC BY-SA 4.0",
            ),
        ),
        sources=(
            (
                "story",
                "Eastmoor Astronomy Club, observation report",
                "https://eastmoor-astro.example.org/reports/binary",
            ),
            (
                "image",
                "Eastmoor Astronomy Club, light curve",
                "https://eastmoor-astro.example.org/",
            ),
        ),
    ),
    Story(
        slug="heat-pumps-coldest-winter-field-study",
        title="Heat pumps held up through the coldest winter in a decade, field study finds",
        standfirst=(
            "Sensors in 240 homes show the pumps kept rooms warm at minus 15 degrees, though "
            "poorly insulated houses paid more than expected."
        ),
        section="science",
        authors=("tomas-ferreira", "daniel-brenner"),
        tags=("energy", "climate", "housing"),
        hours_ago=33,
        body=_body("""
            Heat pumps kept homes at comfortable temperatures through last winter's cold spell,
            when outdoor temperatures fell to minus 15 degrees, according to a field study of
            240 households published by the Regional Energy Agency.

            Sensors recorded indoor temperature and electricity use every ten minutes. On the
            coldest days the average pump delivered a little over twice as much heat as the
            electricity it used, a ratio known as the
            [coefficient of performance](https://en.wikipedia.org/wiki/Coefficient_of_performance).

            ## Insulation decides the bill

            The homes with the highest bills were not those with the oldest pumps but those
            with the draughtiest walls and windows. The agency recommends insulating first and
            sizing the pump afterwards, as a smaller unit then suffices.

            [Household energy bills fall for a third
            quarter in a row](/articles/household-energy-bills-fall-third-quarter/)

            ## What installers got wrong

            One home in eight had a pump set up with factory settings that were poorly suited to
            its radiators. Adjusting them cut consumption by up to 15 percent, the
            [study](https://energy-agency.example.org/studies/cold-winter) found.
            """),
        pictures=(
            Picture(
                alt="A white heat pump unit mounted on a brick wall, covered in frost.",
                caption="Outdoor units kept running at minus 15 degrees.",
                credit="Carmen Ruiz",
                credit_url="https://carmenruiz.example.org/",
            ),
        ),
        sources=(
            (
                "story",
                "Regional Energy Agency, cold-winter field study",
                "https://energy-agency.example.org/studies/cold-winter",
            ),
        ),
    ),
    Story(
        slug="seagrass-meadows-recovering-sheltered-bays",
        title="Seagrass meadows recover faster than expected in sheltered bays",
        standfirst=(
            "Divers mapping the coast found replanted meadows spreading by several metres a year "
            "where boats no longer anchor."
        ),
        section="science",
        authors=("wire-desk", "tomas-ferreira"),
        tags=("climate",),
        hours_ago=40,
        corrected_after_hours=3,
        body=_body("""
            Seagrass replanted four years ago in three sheltered bays has spread far faster than
            scientists expected, divers from the Coastal Research Station reported on Wednesday.

            In the best site the meadow has grown from a few hundred square metres to nearly two
            hectares. The plants shelter young fish, calm waves and store carbon in the seabed,
            which is why [seagrass meadows](https://en.wikipedia.org/wiki/Seagrass_meadow) are
            studied as a climate measure.

            ## Anchors were the problem

            The fastest recovery came in bays where the harbour authority installed fixed
            moorings, so boats no longer drag anchors through the beds. In an open bay without
            moorings, the replanted patches barely grew.

            [figure 2]

            ## Next steps

            The station now plans to collect seeds from the recovered meadows rather than from
            distant donor sites. *Correction: an earlier version of this article gave the
            meadow's area as twenty hectares. It is nearly two.*
            """),
        pictures=(
            Picture(
                alt="A diver hovers over a dense green seagrass meadow in clear shallow water.",
                caption="A replanted meadow four years on.",
                credit="Coastal Research Station",
                credit_url="https://coastal-station.example.org/media",
                licence="CC BY 4.0",
            ),
            Picture(
                alt="Rows of white buoys in a calm bay with a small harbour behind them.",
                caption="Fixed moorings keep anchors off the seabed.",
                credit="Wire Desk",
            ),
        ),
        sources=(
            (
                "story",
                "Coastal Research Station, survey results",
                "https://coastal-station.example.org/survey",
            ),
            (
                "image",
                "Coastal Research Station, media library",
                "https://coastal-station.example.org/media",
            ),
            ("other", "Harbour authority, mooring plan", ""),
        ),
    ),
    Story(
        slug="hospital-text-reminders-missed-appointments",
        title="A text message halves missed hospital appointments in trial",
        standfirst=(
            "A reminder sent three days ahead, with a simple way to cancel, freed thousands of "
            "slots at a regional hospital."
        ),
        section="science",
        authors=("tomas-ferreira", "wire-desk"),
        tags=("health",),
        hours_ago=46,
        body=_body("""
            A regional hospital halved the number of patients who miss outpatient appointments
            by sending a text message three days beforehand, according to a year-long trial
            reported by its research unit.

            The message gave the time and place and, crucially, a number to reply to in order to
            cancel. Cancelled slots were offered to patients on the waiting list.

            ## Small change, large effect

            Before the trial about one appointment in ten was missed. With the reminders, that
            fell to one in twenty, freeing around 6,000 slots in a year. Researchers say the
            cancellation option mattered more than the reminder itself: many patients who had
            stopped needing an appointment simply had no easy way to say so.

            ## Beyond the hospital

            Such [randomized controlled trials](https://en.wikipedia.org/wiki/Randomized_controlled_trial)
            of everyday administration are rare, the authors note. Their
            [report](https://stmarys-research.example.org/reminders) includes the wording of
            each message tested.
            """),
        pictures=(
            Picture(
                alt="A hand holding a mobile phone showing a short text message.",
                caption="The reminder offered a one-word reply to cancel.",
                credit="Sam Okoye",
            ),
        ),
        sources=(
            (
                "story",
                "St Mary's research unit, reminder trial report",
                "https://stmarys-research.example.org/reminders",
            ),
        ),
    ),
    Story(
        slug="household-energy-bills-fall-third-quarter",
        title="Household energy bills fall for a third quarter in a row",
        standfirst=(
            "Lower wholesale prices are reaching customers, but standing charges keep rising and "
            "weigh most on small households."
        ),
        section="economy",
        authors=("daniel-brenner",),
        tags=("energy", "housing"),
        hours_ago=8,
        body=_body("""
            The average household energy bill fell by 4 percent in the last quarter, the third
            fall in a row, according to figures published on Tuesday by the energy regulator.

            Wholesale gas and electricity prices have eased since last year and suppliers are
            passing part of the drop on. Bills remain about a quarter higher than five years ago.

            ## Fixed charges keep climbing

            The part of the bill that does not depend on use, the standing charge, rose again.
            Single-person households and those who use little energy therefore see the smallest
            savings, consumer groups say. The regulator's
            [quarterly report](https://energy-regulator.example.org/reports/q3) breaks down
            each component of the bill.

            ## What to check

            Advisers recommend comparing fixed and variable tariffs and checking whether a
            meter reading is overdue. Households struggling to pay can ask their supplier for a
            payment plan, which suppliers are obliged to offer.
            """),
        pictures=(
            Picture(
                alt="An electricity meter with a digital display in a hallway cupboard.",
                caption="Standing charges have risen even as unit prices fell.",
                credit="Lena Vogt",
            ),
        ),
        sources=(
            (
                "story",
                "Energy regulator, quarterly report",
                "https://energy-regulator.example.org/reports/q3",
            ),
            ("other", "Consumer Council, comment on the figures", ""),
        ),
    ),
    Story(
        slug="small-firms-apprenticeships-rise",
        title="Apprenticeships rise as small firms struggle to hire",
        standfirst=(
            "Unable to find experienced staff, workshops and builders are training their own, "
            "and the number of new apprentices is at a ten-year high."
        ),
        section="economy",
        authors=("daniel-brenner", "wire-desk"),
        tags=("jobs",),
        hours_ago=16,
        body=_body("""
            The number of new apprenticeships reached its highest level in ten years, driven by
            small companies that say they can no longer find experienced workers, the Chamber of
            Crafts said on Monday.

            Electricians, plumbers and joiners account for most of the increase. Many of the
            firms taking on apprentices employ fewer than ten people and are training someone
            for the first time.

            ## Training costs

            An [apprenticeship](https://en.wikipedia.org/wiki/Apprenticeship) costs a small firm
            time as well as wages: a senior worker spends hours each week supervising. The
            chamber wants the regional subsidy to cover part of that time, not only school fees.

            [Repair cafés turn from volunteer clubs into small
            businesses](/articles/repair-cafes-become-small-businesses/)

            ## Who signs up

            Older applicants are a growing share. One in five new apprentices is over 25, many
            changing careers after years in retail or logistics, according to the chamber's
            [annual survey](https://crafts-chamber.example.org/survey).
            """),
        pictures=(
            Picture(
                alt="A young apprentice and an older electrician wire a fuse box together.",
                caption="Most new apprenticeships are in the building trades.",
                credit="Jonas Berg",
                credit_url="https://jonasberg.example.org/",
            ),
        ),
        sources=(
            (
                "story",
                "Chamber of Crafts, annual apprenticeship survey",
                "https://crafts-chamber.example.org/survey",
            ),
        ),
    ),
    Story(
        slug="repair-cafes-become-small-businesses",
        title="Repair cafés turn from volunteer clubs into small businesses",
        standfirst=(
            "What began as monthly meetings to fix toasters now pays wages, as demand for repairs "
            "outgrows the volunteers."
        ),
        section="economy",
        authors=("daniel-brenner", "aisha-okafor"),
        tags=("jobs", "cities"),
        hours_ago=52,
        body=_body("""
            Three repair cafés in Harbourton have turned into registered businesses in the past
            year, employing six people between them, as demand for mending outgrew what
            volunteers could offer once a month.

            The [repair café](https://en.wikipedia.org/wiki/Repair_caf%C3%A9) movement began as
            free community events where people bring broken lamps, clothes and bicycles.
            Harbourton's cafés still hold those evenings, but now also run paid workshops.

            ## Spare parts are the bottleneck

            Owners say finding spare parts, not skills, limits what they can fix. They welcome
            new rules requiring manufacturers to sell parts for several years, described by the
            city's [waste prevention office](https://harbourton.example.org/waste/repair).

            [figure 2]

            ## Keeping the volunteers

            The switch was not without friction. Some volunteers worried about working for free
            alongside paid staff; the cafés now keep the monthly evenings entirely free and
            run by volunteers.
            """),
        pictures=(
            Picture(
                alt="A man repairs the cord of a table lamp at a crowded workbench.",
                caption="The monthly repair evening at the Northside café.",
                credit="Carmen Ruiz",
            ),
            Picture(
                alt="Shelves of labelled boxes holding screws, fuses and small motors.",
                caption="Spare parts, collected from appliances beyond repair.",
                credit="Carmen Ruiz",
                credit_url="https://carmenruiz.example.org/",
                licence="CC BY-NC 4.0",
            ),
        ),
        sources=(
            ("story", "Interviews with café owners and volunteers", ""),
            (
                "other",
                "Harbourton waste prevention office",
                "https://harbourton.example.org/waste/repair",
            ),
        ),
    ),
    Story(
        slug="library-lends-musical-instruments",
        title="The library that lends violins: instrument loans draw a waiting list",
        standfirst=(
            "Since spring, card holders can borrow guitars, keyboards and violins for three "
            "weeks. Eighty people are now waiting for one."
        ),
        section="culture",
        authors=("aisha-okafor",),
        tags=("music", "cities"),
        hours_ago=3,
        body=_body("""
            Harbourton's central library has lent out musical instruments for six months, and
            the waiting list now holds more than eighty names, most of them adults who want to
            pick up an instrument they gave up as children.

            The collection started with forty instruments donated by residents and a music
            school that was replacing its stock. Borrowers get three weeks, a beginner's book
            and a free lesson voucher.

            ## More than books

            Libraries have long lent things other than books, from tools to seeds, in what is
            sometimes called a [library of things](https://en.wikipedia.org/wiki/Library_of_things).
            Instruments are harder: they need tuning, new strings and the occasional repair.

            [figure 2]

            ## Volunteers tune on Saturdays

            A retired piano tuner and two music students check every returned instrument on
            Saturday mornings. The library is asking for donations of
            [ukuleles and keyboards](https://harbourton-library.example.org/instruments),
            which are most in demand.
            """),
        pictures=(
            Picture(
                alt="Violins and guitars hang on a wall of library shelves beside picture books.",
                caption="The instrument wall in Harbourton's central library.",
                credit="Lena Vogt",
                credit_url="https://lenavogt.example.org/",
            ),
            Picture(
                alt="An older man tunes a violin at a table while a student watches.",
                caption="Saturday morning checks before instruments go out again.",
                credit="Lena Vogt",
            ),
        ),
        sources=(
            (
                "story",
                "Harbourton central library, instrument loans",
                "https://harbourton-library.example.org/instruments",
            ),
        ),
    ),
    Story(
        slug="debut-novel-lighthouse-keeper-prize",
        title="Debut novel about a lighthouse keeper wins regional book prize",
        standfirst=(
            "Written in the evenings by a ferry engineer, the book follows the last keeper of a "
            "light on a winter island."
        ),
        section="culture",
        authors=("aisha-okafor", "wire-desk"),
        tags=("books",),
        hours_ago=60,
        body=_body("""
            A first novel by a ferry engineer has won this year's Coastal Book Prize, the jury
            announced on Saturday, praising a "quiet, precise book about attention and
            solitude."

            *The Last Keeper* follows a woman who tends a lighthouse through its final winter
            before automation. Its author, Ruth Calloway, wrote it over six years in the evenings
            after her shifts on the island ferry.

            ## Real lights, invented island

            The island is invented, but the work is real: Calloway drew on the logbooks of
            keepers, many of them held in local archives, and on accounts of the
            [lighthouse keepers](https://en.wikipedia.org/wiki/Lighthouse_keeper) who lost
            their posts to automation.

            [The library that lends violins: instrument loans draw a
            waiting list](/articles/library-lends-musical-instruments/)

            ## A small publisher's win

            The novel was published by a two-person press that prints a handful of books a year.
            It has ordered a [third printing](https://tidewater-press.example.org/last-keeper)
            since the shortlist was announced.
            """),
        pictures=(
            Picture(
                alt="A white lighthouse on a rocky island under a grey winter sky.",
                caption="The novel's island is invented; its lighthouse is a composite.",
                credit="Wire Desk",
            ),
        ),
        sources=(
            ("story", "Coastal Book Prize, jury statement", "https://bookprize.example.org/"),
            ("other", "Tidewater Press", "https://tidewater-press.example.org/last-keeper"),
        ),
    ),
]

# Published, with a publication time three days ahead: readers must not see it yet.
SCHEDULED_STORY = Story(
    slug="harbourton-film-festival-restored-silent-films",
    title="Harbourton film festival opens with restored silent films",
    standfirst="Live musicians will accompany six films restored from nitrate prints.",
    section="culture",
    authors=("aisha-okafor", "wire-desk"),
    tags=("film", "music"),
    hours_ago=-72,
    body=_body("""
        The Harbourton film festival opens tonight with six silent films restored from fragile
        nitrate prints found in a private collection, a small triumph of
        [film preservation](https://en.wikipedia.org/wiki/Film_preservation).

        ## Music in the pit

        Each screening is accompanied by live musicians, from a solo pianist to a twelve-piece
        ensemble. The full [programme](https://harbourton-films.example.org/programme) is online.
        """),
    pictures=(
        Picture(
            alt="An empty cinema with red seats and a lit screen.",
            caption="The Grand cinema, the festival's main venue.",
            credit="Jonas Berg",
        ),
    ),
    sources=(("story", "Festival press release", "https://harbourton-films.example.org/"),),
)

# Never published: only staff see it, through the preview.
DRAFT_STORY = Story(
    slug="port-authority-budget-what-we-know",
    title="Port authority budget: what we know so far",
    standfirst="The authority will vote on a budget that includes a new ferry terminal.",
    section="economy",
    authors=("daniel-brenner",),
    tags=("jobs",),
    hours_ago=None,
    body=_body("""
        The port authority's board votes next month on a budget that includes a new ferry
        terminal. This draft collects what we have confirmed so far.

        ## Confirmed

        The terminal would replace two ageing berths. Cost estimates have not been published.
        """),
    pictures=(
        Picture(
            alt="Cranes and stacked containers on a quay under a cloudy sky.",
            caption="The eastern quay, where the terminal would be built.",
            credit="Wire Desk",
        ),
    ),
    sources=(("story", "Port authority board agenda", ""),),
)

# Synthetic stories for benchmarks --------------------------------------------------------------

ENGLISH_SYNTHETIC = Vocabulary(
    slug="demo-story-{n}",
    title="Demo story {n}: {headline}",
    subjects=(
        "The city council",
        "A regional research team",
        "The traders' association",
        "The transport authority",
        "A volunteer group",
        "The engineers' union",
        "The university hospital",
        "The farmers' co-operative",
        "The school board",
        "A neighbourhood association",
    ),
    verbs=(
        ("presents", "presented"),
        ("questions", "questioned"),
        ("tests", "tested"),
        ("postpones", "postponed"),
        ("welcomes", "welcomed"),
        ("reviews", "reviewed"),
        ("backs", "backed"),
        ("rejects", "rejected"),
    ),
    objects=(
        "a plan to extend the tram line",
        "the results of a two-year pilot",
        "new rules for short-term rentals",
        "a budget for school repairs",
        "a proposal for night buses",
        "a study of river water quality",
        "a scheme to share delivery vans",
        "longer opening hours for the pool",
        "a fund for small theatres",
        "solar panels on public buildings",
    ),
    tails=(
        "after months of debate.",
        "despite objections from residents.",
        "ahead of the summer.",
        "in a vote on Tuesday evening.",
        "following a public consultation.",
        "as costs continue to rise.",
    ),
    details=(
        "Officials said a decision would follow once the figures had been checked.",
        "Several speakers asked for the documents to be published in full.",
        "The proposal would take two years to carry out if approved.",
        "Critics said the plan did little for the outlying districts.",
        "A spokesperson promised a further update before the end of the month.",
        "Similar schemes elsewhere have had mixed results, according to experts.",
        "The costs would be shared between the region and the municipalities.",
        "Residents can comment on the proposal online until the next meeting.",
    ),
    subheadings=("What happens next", "The numbers", "Reactions", "Background", "Open questions"),
    alts=(
        "A crowded council chamber during an evening meeting.",
        "A tram crossing a bridge at sunset.",
        "A row of market stalls under striped awnings.",
        "Students walking across a university courtyard.",
        "Solar panels on the flat roof of a school.",
        "A river flowing past old warehouses.",
    ),
    credits=("Wire Desk", "Lena Vogt", "Jonas Berg", "Carmen Ruiz", "Sam Okoye"),
    caption="Illustration for demo story {n}.",
    source_label="Demo source",
    source_url="https://news.example.org/{slug}",
    headline_drops=("The ", "A "),  # "Transport authority backs ..."
)


def synthetic_text(words, n):
    """(title, standfirst, body) of synthetic story ``n`` in ``words``, the same on every run."""
    rng = random.Random(n)

    def pick():
        return rng.choice(words.subjects), rng.choice(words.verbs), rng.choice(words.objects)

    def sentence():
        subject, (_, verb), obj = pick()
        return f"{subject} {verb} {obj} {rng.choice(words.tails)}"

    subject, (verb, _), obj = pick()
    for article in words.headline_drops:
        subject = subject.removeprefix(article)
    headline = f"{subject} {verb} {obj}"
    first = headline[0].lower() if words.headline_lowercase else headline[0].upper()
    title = words.title.format(n=n, headline=first + headline[1:])
    standfirst = f"{sentence()} {rng.choice(words.details)}"

    def paragraph():
        return " ".join([sentence(), *rng.sample(words.details, 2)])

    paragraphs = [paragraph(), paragraph(), f"## {rng.choice(words.subheadings)}", paragraph()]
    if rng.random() < 0.5:
        paragraphs += [f"## {rng.choice(words.subheadings)}", paragraph()]
    return title, standfirst, "\n\n".join(paragraphs) + "\n"


# Data sets --------------------------------------------------------------------------------------

ENGLISH = DemoData(
    sections=tuple(SECTIONS),
    authors=tuple(AUTHORS),
    tags=tuple(TAGS),
    stories=tuple(STORIES),
    scheduled=SCHEDULED_STORY,
    draft=DRAFT_STORY,
    synthetic=ENGLISH_SYNTHETIC,
)


def data_for(language):
    """The demo data set in ``language``, one of ``LANGUAGES``."""
    if language == "en":
        return ENGLISH
    if language == "fr":
        # Imported here: demo_fr builds its data from the shapes defined in this module.
        from .demo_fr import FRENCH

        return FRENCH
    raise ValueError(f"No demo content in {language!r}; choose one of {', '.join(LANGUAGES)}.")


def default_language():
    """French for a site that runs in French (``LANGUAGE_CODE`` "fr", "fr-ca"...), else English."""
    return "fr" if settings.LANGUAGE_CODE.lower().split("-")[0] == "fr" else "en"


# Pictures ---------------------------------------------------------------------------------------

_PALETTES = [
    ((24, 44, 84), (236, 146, 82), (255, 214, 140)),  # dusk
    ((120, 180, 220), (230, 240, 245), (255, 255, 255)),  # winter sky
    ((18, 70, 80), (110, 180, 160), (230, 250, 220)),  # sea
    ((60, 40, 70), (200, 90, 110), (250, 200, 120)),  # theatre
    ((40, 60, 40), (160, 190, 110), (240, 230, 160)),  # field
    ((30, 30, 40), (90, 110, 150), (200, 220, 255)),  # night
    ((150, 70, 40), (240, 190, 120), (255, 245, 210)),  # brick
    ((70, 80, 90), (190, 195, 200), (250, 250, 250)),  # overcast
]


def _random_for(name):
    """The same random sequence for the same name, on every run and every machine."""
    return random.Random(zlib.crc32(name.encode()))


def _gradient(size, top, bottom):
    mask = Image.linear_gradient("L").resize(size)
    return Image.composite(Image.new("RGB", size, bottom), Image.new("RGB", size, top), mask)


def _jpeg(image, name):
    """``image`` as a JPEG file ``name``.jpg, to hand to the storage API.

    The file needs a name: ImageField reads width and height only from named files.
    """
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=82)
    return ContentFile(buffer.getvalue(), name=f"{name}.jpg")


def draw_picture(name, size):
    """A landscape-like JPEG: sky gradient, translucent discs, a sun and layered hills."""
    rng = _random_for(name)
    top, bottom, light = rng.choice(_PALETTES)
    width, height = size
    image = _gradient(size, top, bottom).convert("RGBA")
    overlay = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    for _ in range(rng.randint(3, 6)):
        r = height * rng.uniform(0.05, 0.3)
        x, y = width * rng.random(), height * rng.uniform(0, 0.7)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=(*light, rng.randint(20, 60)))
    radius = height * rng.uniform(0.08, 0.16)
    cx, cy = width * rng.uniform(0.15, 0.85), height * rng.uniform(0.15, 0.45)
    draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), fill=(*light, 230))
    for layer in range(3):
        base = height * (0.55 + 0.15 * layer)
        steps = 8
        points = [(0, height)]
        points += [
            (width * i / steps, base - height * rng.uniform(0, 0.12)) for i in range(steps + 1)
        ]
        points.append((width, height))
        shade = tuple(int(c * (0.55 - 0.15 * layer)) for c in bottom)
        draw.polygon(points, fill=(*shade, 255))
    return _jpeg(Image.alpha_composite(image, overlay).convert("RGB"), name)


def draw_portrait(name, size):
    """A head-and-shoulders silhouette on a soft background."""
    rng = _random_for(name)
    top, bottom, light = rng.choice(_PALETTES)
    width, height = size
    image = _gradient(size, light, bottom)
    draw = ImageDraw.Draw(image)
    figure = tuple(int(c * 0.6) for c in top)
    draw.ellipse((width * 0.12, height * 0.68, width * 0.88, height * 1.3), fill=figure)
    draw.ellipse((width * 0.32, height * 0.2, width * 0.68, height * 0.62), fill=figure)
    return _jpeg(image, name)


# Seeding ----------------------------------------------------------------------------------------


def seed(*, language="en", articles=None, image_size=None, portrait_size=None):
    """Create what is missing of the demo content in ``language``; return what was created.

    ``articles`` published articles (by default all the hand-written stories): the hand-written
    stories first, then synthetic ones. The scheduled and the draft story are always added.
    """
    data = data_for(language)
    articles = len(data.stories) if articles is None else articles
    image_size = image_size or IMAGE_SIZE
    portrait_size = portrait_size or PORTRAIT_SIZE
    report = SeedReport()
    now = timezone.now()
    with transaction.atomic():
        sections = _ensure_sections(data.sections, report)
        authors = _ensure_authors(data.authors, report, portrait_size)
        tags = _ensure_tags(data.tags, report)
        stories = [*data.stories[:articles], data.scheduled, data.draft]
        _create_stories(stories, sections, authors, tags, now, image_size, report)
        if articles > len(data.stories):
            numbers = range(len(data.stories) + 1, articles + 1)
            _create_synthetic(data, numbers, sections, authors, tags, now, image_size, report)
    return report


def _ensure_sections(rows, report):
    sections = {}
    for position, (slug, name, description) in enumerate(rows):
        sections[slug], created = Section.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description, "position": position}
        )
        report.sections += created
    return sections


def _ensure_authors(rows, report, portrait_size):
    authors = {}
    for slug, name, bio, has_portrait in rows:
        author, created = Author.objects.get_or_create(
            slug=slug, defaults={"name": name, "bio": bio}
        )
        if created and has_portrait:
            data = draw_portrait(slug, portrait_size)
            author.photo.save(data.name, data, save=True)  # save() makes the renditions
            report.images += 1
            report.files += 1
            report.renditions += len(all_names(author.photo_renditions))
        authors[slug] = author
        report.authors += created
    return authors


def _ensure_tags(rows, report):
    tags = {}
    for slug, name in rows:
        tags[slug], created = Tag.objects.get_or_create(slug=slug, defaults={"name": name})
        report.tags += created
    return tags


def _create_stories(stories, sections, authors, tags, now, image_size, report):
    existing = set(
        Article.objects.filter(slug__in=[s.slug for s in stories]).values_list("slug", flat=True)
    )
    created = []
    for story in stories:
        if story.slug in existing:
            continue
        published = story.hours_ago is not None
        article = Article.objects.create(
            slug=story.slug,
            title=story.title,
            standfirst=story.standfirst,
            body=story.body,
            section=sections[story.section],
            status=Article.Status.PUBLISHED if published else Article.Status.DRAFT,
            published_at=now - timedelta(hours=story.hours_ago) if published else None,
        )
        ArticleAuthor.objects.bulk_create(
            ArticleAuthor(article=article, author=authors[slug], order=order)
            for order, slug in enumerate(story.authors)
        )
        article.tags.add(*(tags[slug] for slug in story.tags))
        Source.objects.bulk_create(
            Source(article=article, kind=kind, label=label, url=url, order=order)
            for order, (kind, label, url) in enumerate(story.sources)
        )
        report.sources += len(story.sources)
        created.append((article, story))
    report.articles += len(created)

    # Images come after every article exists...
    for article, story in created:
        for number, picture in enumerate(story.pictures, start=1):
            image = ArticleImage(
                article=article,
                alt_text=picture.alt,
                caption=picture.caption,
                credit=picture.credit,
                credit_url=picture.credit_url,
                licence=picture.licence,
                is_lead=number == 1,
                order=number,
            )
            data = draw_picture(f"{story.slug}-{number}", image_size)
            image.image.save(data.name, data, save=False)
            image.full_clean()
            image.save()  # makes the renditions
            report.images += 1
            report.files += 1
            report.renditions += len(all_names(image.renditions))

    # ...so that rendering the bodies again resolves [figure N] and "Read also" links. Stories
    # from an earlier, smaller run may link to one created now: they are rendered again too.
    new_links = tuple(f"/articles/{story.slug}/" for _, story in created)
    linking = [
        s.slug for s in stories if s.slug in existing and any(link in s.body for link in new_links)
    ]
    for article in Article.objects.filter(slug__in=linking):
        article.save(update_fields=["body_html", "reading_minutes"])
    for article, story in created:
        article.save(update_fields=["body_html", "reading_minutes"])
        if article.published_at and article.published_at < now:
            # Written at publication time (and corrected later for some), not when seeded.
            corrected = timedelta(hours=story.corrected_after_hours or 0)
            Article.objects.filter(pk=article.pk).update(
                created_at=article.published_at, updated_at=article.published_at + corrected
            )


def _create_synthetic(data, numbers, sections, authors, tags, now, image_size, report):
    words = data.synthetic
    slugs = {n: words.slug.format(n=n) for n in numbers}
    existing = set(Article.objects.filter(slug__in=slugs.values()).values_list("slug", flat=True))
    missing = [n for n in numbers if slugs[n] not in existing]
    if not missing:
        return
    sections, authors, tags = list(sections.values()), list(authors.values()), list(tags.values())
    oldest_story = max(story.hours_ago for story in data.stories)

    new_articles = []
    for n in missing:
        title, standfirst, body = synthetic_text(words, n)
        article = Article(
            slug=slugs[n],
            title=title,
            standfirst=standfirst,
            body=body,
            section=sections[n % len(sections)],
            status=Article.Status.PUBLISHED,
            published_at=now - timedelta(hours=oldest_story + 1.5 * (n - len(data.stories))),
        )
        article.render_body()  # bulk_create() skips save(); these bodies have no figures
        new_articles.append(article)
    Article.objects.bulk_create(new_articles)
    Article.objects.filter(pk__in=[a.pk for a in new_articles]).update(
        created_at=F("published_at"), updated_at=F("published_at")
    )

    # A few picture files, shared by all synthetic articles' lead images, with their renditions:
    # bulk_create() skips save(), which would make them for each image.
    field = ArticleImage._meta.get_field("image")
    pool = []
    for i in range(min(IMAGE_POOL_SIZE, len(new_articles))):
        data = draw_picture(f"demo-{i}", image_size)
        name = field.storage.save(field.generate_filename(None, data.name), data)
        pool.append((name, make_renditions(name, storage=field.storage)))

    bylines, taggings, images, sources = [], [], [], []
    for n, article in zip(missing, new_articles, strict=True):
        rng = _random_for(article.slug)
        for order, author in enumerate(rng.sample(authors, rng.randint(1, 2))):
            bylines.append(ArticleAuthor(article=article, author=author, order=order))
        taggings += [
            Article.tags.through(article=article, tag=tag)
            for tag in rng.sample(tags, rng.randint(1, 3))
        ]
        name, built = rng.choice(pool)
        images.append(
            ArticleImage(
                article=article,
                image=name,
                width=built.width,
                height=built.height,
                renditions=built.renditions,
                alt_text=rng.choice(words.alts),
                caption=words.caption.format(n=n),
                credit=rng.choice(words.credits),
                is_lead=True,
                order=1,
            )
        )
        sources.append(
            Source(
                article=article,
                label=words.source_label,
                url=words.source_url.format(slug=article.slug),
            )
        )
    ArticleAuthor.objects.bulk_create(bylines)
    Article.tags.through.objects.bulk_create(taggings)
    ArticleImage.objects.bulk_create(images)
    Source.objects.bulk_create(sources)
    report.articles += len(new_articles)
    report.images += len(images)
    report.files += len(pool)
    report.renditions += sum(len(all_names(built.renditions)) for _, built in pool)
    report.sources += len(sources)
