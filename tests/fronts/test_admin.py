"""Editors in the admin: a "Front page" screen per front, and the breaking-news alerts."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from fronts.models import Alert, Front, Placement
from tests.factories import make_article, make_section
from tests.fronts.factories import make_alert, make_lead, make_placement

pytestmark = pytest.mark.django_db

ALERTS_URL = reverse("admin:fronts_alert_changelist")
ADD_ALERT_URL = reverse("admin:fronts_alert_add")


def front_url(front):
    return reverse("admin:fronts_front_change", args=[front.pk])


def placements_form(front, rows):
    """POST data of a front's screen: ``rows`` of fields, the saved ones with their ``id``."""
    saved = sum(1 for row in rows if "id" in row)
    data = {
        "placements-TOTAL_FORMS": str(len(rows)),
        "placements-INITIAL_FORMS": str(saved),
        "placements-MIN_NUM_FORMS": "0",
        "placements-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        fields = {
            "front": front.pk,
            "role": Placement.Role.TOP,
            "starts_at_0": "",
            "starts_at_1": "",
            "ends_at_0": "",
            "ends_at_1": "",
            "position": "",
            **row,
        }
        data.update({f"placements-{index}-{name}": value for name, value in fields.items()})
    return data


def order(front):
    return list(front.placements.values_list("article__title", flat=True))


def test_the_home_page_has_its_front_page_screen_from_the_start(editor_client):
    home = Front.objects.get(section=None)
    make_lead(make_article(title="Harbour reopens"))

    changelist = editor_client.get(reverse("admin:fronts_front_changelist"))
    screen = editor_client.get(front_url(home))

    assert changelist.status_code == 200
    assert "Home page" in changelist.content.decode()
    page = screen.content.decode()
    assert screen.status_code == 200
    assert "Harbour reopens" in page
    assert 'id="placement-order-text"' in page  # the text of the drag-and-drop controls
    assert "fronts/admin/placements.js" in page


def test_editor_reorders_the_top_stories_by_their_numbers(editor_client):
    first, second, third = (make_placement(make_article(title=t)) for t in ["A", "B", "C"])
    home = first.front
    rows = [
        {"id": first.pk, "article": first.article_id, "position": "3"},
        {"id": second.pk, "article": second.article_id, "position": "1"},
        {"id": third.pk, "article": third.article_id, "position": "2"},
    ]

    response = editor_client.post(front_url(home), placements_form(home, rows))

    assert response.status_code == 302
    assert order(home) == ["B", "C", "A"]


def test_a_story_added_without_a_number_goes_last(editor_client):
    placed = make_placement(make_article(title="Placed"), position=7)
    home = placed.front
    added = make_article(title="Added")
    rows = [
        {"id": placed.pk, "article": placed.article_id, "position": "7"},
        {"article": added.pk, "role": Placement.Role.LEAD},
    ]

    response = editor_client.post(front_url(home), placements_form(home, rows))

    assert response.status_code == 302
    assert order(home) == ["Placed", "Added"]
    assert home.placements.get(article=added).role == Placement.Role.LEAD


def test_a_placement_ending_before_it_starts_is_refused_with_the_rows_kept(editor_client):
    home = Front.objects.home()
    article = make_article(title="Harbour reopens")
    rows = [
        {
            "article": article.pk,
            "starts_at_0": "2030-01-02",
            "starts_at_1": "18:00:00",
            "ends_at_0": "2030-01-02",
            "ends_at_1": "09:00:00",
        }
    ]

    response = editor_client.post(front_url(home), placements_form(home, rows))

    assert response.status_code == 200
    page = response.content.decode()
    assert "The end must come after the start." in page
    assert 'value="18:00:00"' in page and 'value="09:00:00"' in page
    assert not home.placements.exists()


def test_the_screen_says_which_stories_show_now_and_why_others_do_not(editor_client):
    now = timezone.now()
    make_placement(make_article(title="Live"))
    make_placement(make_article(title="Later"), starts_at=now + timedelta(days=1))
    make_placement(make_article(title="Over"), ends_at=now - timedelta(days=1))
    make_placement(make_article(title="Draft", published=False))
    make_placement(make_article(title="Tomorrow", published_at=now + timedelta(days=1)))

    page = editor_client.get(front_url(Front.objects.home())).content.decode()

    states = re.findall(r'<td class="field-shown_now">\s*<p>([^<]*)</p>', page)
    *rows, new_row = states
    assert [state.split(":")[0].split(" ")[0] for state in rows] == [
        "Shown",
        "From",
        "Ended",
        "Skipped",
        "Waits",
    ]
    assert new_row == "—"
    assert states[3] == "Skipped: the article is not published"


def test_a_section_gets_its_front_page_once(editor_client):
    science = make_section(name="Science")
    add = reverse("admin:fronts_front_add")
    empty = placements_form(Front(pk=None), [])

    first = editor_client.post(add, {"section": science.pk, **empty})
    again = editor_client.post(add, {"section": science.pk, **empty})
    home_again = editor_client.post(add, {"section": "", **empty})

    assert first.status_code == 302
    assert again.status_code == 200 and home_again.status_code == 200
    assert "already" in again.content.decode()
    assert "This page already has its front page." in home_again.content.decode()
    assert Front.objects.count() == 2


def test_the_home_page_front_cannot_be_deleted_but_a_section_one_can(editor_client):
    home = Front.objects.home()
    science = Front.objects.of_section(make_section())

    home_delete = reverse("admin:fronts_front_delete", args=[home.pk])
    science_delete = reverse("admin:fronts_front_delete", args=[science.pk])

    assert editor_client.post(home_delete, {"post": "yes"}).status_code == 403
    assert editor_client.post(science_delete, {"post": "yes"}).status_code == 302
    assert list(Front.objects.all()) == [home]


# Breaking news ----------------------------------------------------------------------------------


def test_editor_posts_an_alert_that_replaces_the_one_showing(editor_client):
    old = make_alert(text="Old news")

    response = editor_client.post(
        ADD_ALERT_URL,
        {"text": "Bridge closed", "url": "/articles/bridge/", "ends_at_0": "", "ends_at_1": ""},
    )

    assert response.status_code == 302
    new = Alert.objects.current()
    assert new.text == "Bridge closed"
    assert new.posted_by is not None
    old.refresh_from_db()
    assert old.withdrawn_at is not None


def test_an_alert_with_a_dangerous_link_is_refused_with_the_text_kept(editor_client):
    response = editor_client.post(
        ADD_ALERT_URL,
        {"text": "Click here", "url": "javascript:alert(1)", "ends_at_0": "", "ends_at_1": ""},
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "Give an address on this site starting with /" in page
    assert 'value="Click here"' in page
    assert not Alert.objects.exists()


def test_editor_withdraws_the_alert_from_the_list(editor_client):
    alert = make_alert(text="Bridge closed")

    response = editor_client.post(
        ALERTS_URL, {"action": "withdraw", "_selected_action": [alert.pk]}, follow=True
    )

    assert "1 alert withdrawn." in response.content.decode()
    assert Alert.objects.current() is None
    assert "Withdrawn" in editor_client.get(ALERTS_URL).content.decode()


def test_a_withdrawn_alert_can_no_longer_be_changed(editor_client):
    alert = make_alert(text="Bridge closed", withdrawn_at=timezone.now())

    editor_client.post(
        reverse("admin:fronts_alert_change", args=[alert.pk]),
        {"text": "Bridge open", "url": "/", "ends_at_0": "", "ends_at_1": ""},
    )

    alert.refresh_from_db()
    assert alert.text == "Bridge closed"


def test_an_article_placed_on_a_front_can_still_be_deleted(editor_client):
    article = make_article()
    make_lead(article)

    response = editor_client.post(
        reverse("admin:articles_article_delete", args=[article.pk]), {"post": "yes"}
    )

    assert response.status_code == 302
    assert not Article.objects.exists() and not Placement.objects.exists()
