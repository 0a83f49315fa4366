"""A small, complete site for the page-level checks (accessibility, HTML validity, layout):
every kind of block a reader page can show, built with the test factories."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from articles.models import Source
from comments.models import Comment
from fronts.models import Alert
from fronts.services import post_alert
from pages.models import Page
from tests.comments.factories import make_comment
from tests.factories import (
    image_file,
    make_article,
    make_author,
    make_image,
    make_section,
    make_source,
    make_tag,
)
from tests.fronts.factories import make_lead, make_placement

FEATURE_BODY = """\
Heads of government arrived in the rain for three days of talks.

## What is on the table

- A timetable for coal
- Money for the **most exposed** countries
- A new [monitoring network](https://example.org/network)

[figure 2]

> We are out of time for half measures.

[{teaser_title}]({teaser_url})

### Next steps

Delegates meet again in *June*; the `draft` text runs to 40 pages.
"""

# Without JavaScript, without a valid email, and too long: the page a reader gets back.
INVALID_COMMENT = {
    "author_name": "Ada Reader",
    "author_email": "not an email",
    "author_url": "",
    "body": "x" * 5001,
    "homepage": "",
    "parent": "",
    "rendered": "",
}


@dataclass
class Site:
    feature: object
    scheduled: object
    pages: dict = field(default_factory=dict)  # name -> path, every page answering 200
    missing: str = "/no-such-page/"  # answers 404

    @property
    def comment_url(self):
        return reverse("comments:post", kwargs={"slug": self.feature.slug})


def build_site():
    now = timezone.now()
    world = make_section(name="World", slug="world", position=1)
    science = make_section(name="Science", slug="science", position=2)
    make_section(name="Culture", slug="culture", position=3)
    climate = make_tag(name="Climate", slug="climate")
    energy = make_tag(name="Energy", slug="energy")
    reporter = make_author(name="Maria Lopez", slug="maria-lopez", bio="Covers diplomacy.")
    agency = make_author(name="AFP", slug="afp")

    others = []
    for n, (title, section) in enumerate(
        [
            ("Glaciers retreat faster than measured", science),
            ("Ministers agree on a grid for the north", world),
            ("A quiet week on the markets", world),
            ("Telescope finds water on a far moon", science),
        ]
    ):
        article = make_article(
            title=title,
            section=section,
            tags=[climate] if n % 2 else [],
            authors=[reporter],
            published_at=now - timedelta(hours=n + 2),
        )
        make_image(
            article, image=image_file(size=(480, 270), color=(40 * n, 90, 140)), is_lead=True
        )
        others.append(article)

    teaser = others[0]
    feature = make_article(
        title="Leaders meet at the climate summit",
        standfirst="Three days of talks open with a promise and a protest.",
        body=FEATURE_BODY.format(teaser_title=teaser.title, teaser_url=teaser.get_absolute_url()),
        section=world,
        tags=[climate, energy],
        authors=[reporter, agency],
        published_at=now - timedelta(hours=1),
    )
    make_image(
        feature,
        image=image_file(size=(1200, 675), color=(30, 90, 160)),
        is_lead=True,
        alt_text="Delegates under umbrellas outside the conference hall",
        caption="The opening day",
        credit="Pool photo",
        credit_url="https://example.org/pool",
        licence="CC BY 4.0",
    )
    make_image(
        feature,
        image=image_file(size=(640, 480), color=(160, 90, 30)),
        order=2,
        alt_text="A chart of emissions since 1990",
        caption="Emissions since 1990",
        credit="Climate desk",
    )
    feature.refresh_body()
    make_source(feature, label="Summit programme", url="https://example.org/programme")
    make_source(feature, label="Pool photographers", url="", kind=Source.Kind.IMAGE)

    approved = {"status": Comment.Status.APPROVED, "reason": ""}
    grace = make_comment(
        feature,
        author_name="Grace",
        author_url="https://example.org/grace",
        body="Good summary.\nThe protest deserved more room.",
        **approved,
    )
    linus = make_comment(feature, parent=grace, author_name="Linus", **approved)
    make_comment(feature, parent=linus, author_name="Grace", body="Fair point.", **approved)
    make_comment(feature, author_name="Ada", body="See https://example.org/report", **approved)

    # The home page and the World page are edited fronts, and breaking news is on.
    make_lead(feature)
    make_placement(others[2])
    make_placement(others[1], section=world)
    post_alert(Alert(text="Summit: the final session is running late", url="/search/?q=summit"))

    scheduled = make_article(
        title="Results of the summit",
        section=world,
        published_at=now + timedelta(days=2),
    )

    about = Page.objects.create(
        title="About us", slug="about", body="Who we are.\n\n## Contact\n\nWrite to us.",
        role=Page.Role.ABOUT, in_footer=True, footer_position=1,
    )  # fmt: skip
    Page.objects.create(
        title="Privacy policy", slug="privacy", body="What we keep, and for how long.",
        role=Page.Role.PRIVACY, in_footer=True, footer_position=2,
    )  # fmt: skip

    site = Site(feature=feature, scheduled=scheduled)
    site.pages = {
        "page": about.get_absolute_url(),
        "home": "/",
        "section": world.get_absolute_url(),
        "tag": climate.get_absolute_url(),
        "author": reporter.get_absolute_url(),
        "article": feature.get_absolute_url(),
        "search": "/search/?q=climate",
        "search without results": "/search/?q=zebra",
    }
    return site
