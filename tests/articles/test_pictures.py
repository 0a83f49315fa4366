"""Images on reader pages: <picture> from stored renditions; no file opened per request."""

from contextlib import contextmanager
from html.parser import HTMLParser

import PIL.Image
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage

from articles.models import ArticleImage, Author
from tests.factories import image_file, make_article, make_author, make_image, make_section

pytestmark = pytest.mark.django_db

# What renditions.picture() writes for each crop, with the heights of a 4:3 original.
HEIGHTS = {"free": {480: 360, 960: 720}, "16x9": {480: 270, 960: 540}, "1x1": {480: 480, 960: 960}}
EXTENSIONS = {"avif": "avif", "webp": "webp", "jpeg": "jpg"}
FIGURE_SIZES = "(min-width: 768px) 45rem, 100vw"
CARD_SIZES = "(min-width: 768px) 22.5rem, (min-width: 576px) 33rem, 100vw"


def hand_made_renditions(label, formats=("avif", "webp", "jpeg")):
    """Renditions JSON at 480 and 960 px for every crop, naming small files really stored."""
    crops = {}
    for crop, heights in HEIGHTS.items():
        crops[crop] = {}
        for fmt in formats:
            crops[crop][fmt] = [
                {
                    "width": width,
                    "height": height,
                    "name": default_storage.save(
                        f"renditions/{label}/{crop}/{width}.{EXTENSIONS[fmt]}",
                        ContentFile(b"not decoded by any page"),
                    ),
                }
                for width, height in heights.items()
            ]
    return {"crops": crops}


def set_renditions(image, renditions):
    """Store ``renditions`` as they are, whatever the upload hooks made."""
    ArticleImage.objects.filter(pk=image.pk).update(renditions=renditions)
    image.refresh_from_db()
    return image


def add_image(article, label, **fields):
    fields.setdefault("image", image_file(f"{label}.jpg"))
    return set_renditions(make_image(article, **fields), hand_made_renditions(label))


def url(label, crop, width, fmt="jpeg"):
    return default_storage.url(f"renditions/{label}/{crop}/{width}.{EXTENSIONS[fmt]}")


def srcset(label, crop, fmt, widths=(480, 960)):
    return ", ".join(f"{url(label, crop, width, fmt)} {width}w" for width in widths)


class Pictures(HTMLParser):
    """Each <picture> of a page as {"class", "sources": [attrs], "img": attrs}."""

    def __init__(self, html):
        super().__init__()
        self.pictures = []
        self._current = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "picture":
            self._current = {"class": attrs.get("class"), "sources": [], "img": None}
            self.pictures.append(self._current)
        elif tag == "source" and self._current is not None:
            self._current["sources"].append(attrs)
        elif tag == "img" and self._current is not None:
            self._current["img"] = attrs

    def handle_endtag(self, tag):
        if tag == "picture":
            self._current = None

    def showing(self, needle):
        """The one picture whose <img src> contains ``needle``."""
        [found] = [p for p in self.pictures if needle in p["img"]["src"]]
        return found


def pictures_of(client, url_):
    response = client.get(url_)
    assert response.status_code == 200
    return Pictures(response.content.decode())


@pytest.fixture
def article_page():
    """A live article with a lead image, two body figures (one decorative) and a teaser,
    related to an article whose lead image has renditions too."""
    section = make_section()
    other = make_article(section=section, title="The harbour a year later")
    add_image(other, "other-lead", is_lead=True, alt_text="Cranes at dawn")
    article = make_article(
        section=section,
        body=(
            "First paragraph.\n\n[figure 2]\n\nSecond paragraph.\n\n[figure 3]\n\n"
            f"[The harbour a year later]({other.get_absolute_url()})\n\nEnd."
        ),
    )
    add_image(article, "lead", is_lead=True, order=1, alt_text="Boats leaving the harbour")
    add_image(article, "body", order=2, alt_text="A map of the new quays", caption="The quays")
    add_image(article, "ornament", order=3, is_decorative=True, alt_text="")
    article.refresh_body()
    return article


def test_figure_offers_avif_and_webp_sources_then_a_jpeg_img(client, article_page):
    picture = pictures_of(client, article_page.get_absolute_url()).showing("renditions/body/")

    assert picture["sources"] == [
        {"type": "image/avif", "srcset": srcset("body", "free", "avif"), "sizes": FIGURE_SIZES},
        {"type": "image/webp", "srcset": srcset("body", "free", "webp"), "sizes": FIGURE_SIZES},
    ]
    img = picture["img"]
    assert img["src"] == url("body", "free", 960)
    assert img["srcset"] == srcset("body", "free", "jpeg")
    assert img["sizes"] == FIGURE_SIZES
    # The widest JPEG kept: the browser reserves the right box before anything loads.
    assert (img["width"], img["height"]) == ("960", "720")
    assert img["alt"] == "A map of the new quays"


def test_body_figure_loads_lazily_and_decodes_asynchronously(client, article_page):
    img = pictures_of(client, article_page.get_absolute_url()).showing("renditions/body/")["img"]

    assert img["loading"] == "lazy"
    assert img["decoding"] == "async"
    assert "fetchpriority" not in img


def test_lead_image_is_fetched_first_and_never_lazily(client, article_page):
    img = pictures_of(client, article_page.get_absolute_url()).showing("renditions/lead/")["img"]

    assert img["fetchpriority"] == "high"
    assert "loading" not in img
    assert img["src"] == url("lead", "free", 960)
    assert img["alt"] == "Boats leaving the harbour"


def test_decorative_image_has_an_empty_alt(client, article_page):
    page = pictures_of(client, article_page.get_absolute_url())

    img = page.showing("renditions/ornament/")["img"]

    assert img["alt"] == ""


def test_every_image_on_the_page_has_an_alt_attribute(client, article_page):
    page = pictures_of(client, article_page.get_absolute_url())

    assert page.pictures
    assert all(picture["img"].get("alt") is not None for picture in page.pictures)


def test_related_cards_use_the_16x9_crop_with_sizes_of_the_grid(client, article_page):
    page = pictures_of(client, article_page.get_absolute_url())

    card = next(p for p in page.pictures if p["class"] == "article-card__image")
    assert card["img"]["src"] == url("other-lead", "16x9", 960)
    assert card["img"]["srcset"] == srcset("other-lead", "16x9", "jpeg")
    assert card["img"]["sizes"] == CARD_SIZES
    assert (card["img"]["width"], card["img"]["height"]) == ("960", "540")
    assert card["sources"][0]["srcset"] == srcset("other-lead", "16x9", "avif")
    assert card["img"]["loading"] == "lazy"


def test_teaser_uses_only_the_small_16x9_renditions(client, article_page):
    page = pictures_of(client, article_page.get_absolute_url())

    teaser = next(p for p in page.pictures if p["class"] == "teaser__image")
    assert teaser["img"]["src"] == url("other-lead", "16x9", 480)
    assert teaser["img"]["srcset"] == f"{url('other-lead', '16x9', 480)} 480w"
    assert (teaser["img"]["width"], teaser["img"]["height"]) == ("480", "270")
    assert [source["srcset"] for source in teaser["sources"]] == [
        f"{url('other-lead', '16x9', 480, fmt)} 480w" for fmt in ("avif", "webp")
    ]


def test_home_lead_story_uses_the_16x9_crop_fetched_first(client):
    article = make_article()
    add_image(article, "home-lead", is_lead=True)

    picture = pictures_of(client, "/").showing("renditions/home-lead/")

    assert picture["class"] == "lead-story__image"
    assert picture["img"]["src"] == url("home-lead", "16x9", 960)
    assert picture["img"]["fetchpriority"] == "high"
    assert "loading" not in picture["img"]


def test_only_the_formats_that_exist_become_sources(client):
    article = make_article(body="Text.\n\n[figure 1]")
    image = make_image(article, image=image_file("plain.jpg"))
    set_renditions(image, hand_made_renditions("no-avif", formats=("webp", "jpeg")))
    article.refresh_body()

    picture = pictures_of(client, article.get_absolute_url()).showing("renditions/no-avif/")

    assert [source["type"] for source in picture["sources"]] == ["image/webp"]


def test_without_renditions_an_image_is_left_out_never_shown_as_its_original(client):
    article = make_article(body="Text.\n\n[figure 2]")
    lead = make_image(article, is_lead=True, order=1, image=image_file("zq-lead.jpg"))
    figure = make_image(article, order=2, image=image_file("zq-body.jpg"), caption="Quays")
    for image in (lead, figure):
        set_renditions(image, {})
    article.refresh_body()
    make_article(section=article.section)  # a page where it is a card

    for page_url in [article.get_absolute_url(), "/", article.section.get_absolute_url()]:
        html = client.get(page_url).content.decode()
        assert "<picture" not in html, page_url
        assert "zq-lead" not in html and "zq-body" not in html, page_url
    assert "<figure" not in client.get(article.get_absolute_url()).content.decode()


def test_card_without_a_16x9_crop_falls_back_to_the_whole_picture(client):
    article = make_article()
    image = make_image(article, is_lead=True)
    free_only = hand_made_renditions("free-only")
    free_only["crops"] = {"free": free_only["crops"]["free"]}
    set_renditions(image, free_only)
    make_article(section=article.section)  # pushes the first one into the card grid

    picture = pictures_of(client, "/").showing("renditions/free-only/")

    assert picture["img"]["src"] == url("free-only", "free", 960)


def test_malformed_renditions_show_no_picture_and_no_original(client):
    article = make_article(body="Text.\n\n[figure 1]")
    image = make_image(article, image=image_file("zq-broken.jpg"))
    set_renditions(image, {"crops": {"free": {"jpeg": [{"width": 480}]}}})
    article.refresh_body()

    response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    assert "<picture" not in response.content.decode()
    assert "zq-broken" not in response.content.decode()


def test_author_page_shows_the_square_crop_of_the_photo_named_after_the_author(client):
    author = make_author(name="Lea Martin", photo=image_file("lea.jpg"))
    Author.objects.filter(pk=author.pk).update(
        photo_renditions=hand_made_renditions("lea", formats=("webp", "jpeg"))
    )
    make_article(authors=[author])

    picture = pictures_of(client, author.get_absolute_url()).showing("renditions/lea/")

    assert picture["class"] == "author-header__photo"
    assert picture["img"]["src"] == url("lea", "1x1", 480)
    assert (picture["img"]["width"], picture["img"]["height"]) == ("480", "480")
    assert picture["img"]["alt"] == "Lea Martin"
    assert picture["img"]["sizes"] == "7.5rem"


def test_author_photo_without_renditions_is_left_out(client):
    author = make_author(name="Sam Roy", photo=image_file("zq-sam.jpg"))
    Author.objects.filter(pk=author.pk).update(photo_renditions={})

    html = client.get(author.get_absolute_url()).content.decode()

    assert "<picture" not in html
    assert "zq-sam" not in html


# No file is opened while pages render ---------------------------------------------------------


@contextmanager
def files_opened():
    """Records every stored file opened and refuses every image decoded, inside the block."""
    opened = []
    real_open = FileSystemStorage.open

    def record(self, name, *args, **kwargs):
        opened.append(name)
        return real_open(self, name, *args, **kwargs)

    def refuse(fp, *args, **kwargs):
        opened.append(getattr(fp, "name", fp))
        raise AssertionError("A page decoded an image")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(PIL.Image, "open", refuse)
        patch.setattr(FileSystemStorage, "open", record)
        yield opened


@pytest.fixture
def full_article_page(article_page):
    """The article page, with a second author who has a photo (shown on the author's page)."""
    author = make_author(photo=image_file("face.jpg"))
    article_page.bylines.create(author=author, order=1)
    # One image still waiting for its renditions: left out, unopened.
    make_image(article_page, order=4, image=image_file("waiting.jpg"))
    ArticleImage.objects.filter(article=article_page, order=4).update(renditions={})
    # And one with the renditions its upload made, whatever they are.
    make_image(article_page, order=5, image=image_file("uploaded.jpg"))
    article_page.body += "\n\n[figure 4]\n\n[figure 5]"
    article_page.save()
    return article_page


def test_rendering_an_article_page_100_times_opens_no_image_file(client, full_article_page):
    url_ = full_article_page.get_absolute_url()

    with files_opened() as opened:
        responses = [client.get(url_) for _ in range(100)]

    assert {response.status_code for response in responses} == {200}
    # Lead image, three figures (the fourth waits for its renditions), the teaser and the
    # related article's card.
    assert responses[-1].content.decode().count("<picture") == 6
    assert opened == []


def test_listing_and_author_pages_open_no_image_file(client, full_article_page):
    author = full_article_page.byline_authors[-1]
    urls = ["/", full_article_page.section.get_absolute_url(), author.get_absolute_url()]

    with files_opened() as opened:
        responses = [client.get(url_) for url_ in urls]

    assert [response.status_code for response in responses] == [200, 200, 200]
    assert 'class="author-header__photo"' in responses[2].content.decode()
    assert opened == []
