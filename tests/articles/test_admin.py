from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone

from articles.images import renditions
from articles.models import Article
from tests.factories import (
    image_file,
    make_article,
    make_author,
    make_image,
    make_section,
    make_source,
    make_tag,
    make_user,
)

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:articles_article_add")
CHANGELIST_URL = reverse("admin:articles_article_changelist")
# Wide enough for a lead image (settings.NEWSROOM_LEAD_IMAGE_MIN_WIDTH).
LEAD_SIZE = (1200, 675)


def management_form(prefix, total, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def article_form_data(*, section, author, tag, images=(), sources=(), **overrides):
    """POST data of the article add form: fields plus byline, image and source inlines."""
    data = {
        "title": "Harbour reopens after the storm",
        "slug": "",
        "standfirst": "Ships are back in port.",
        "body": "The harbour reopened at dawn.\n\n[figure 2]\n\nTrade resumes.",
        "section": section.pk,
        "tags": [tag.pk],
        "status": Article.Status.PUBLISHED,
        "published_at_0": "",
        "published_at_1": "",
        "comments_enabled": "on",
        **management_form("bylines", 1),
        "bylines-0-author": author.pk,
        "bylines-0-order": "0",
        **management_form("images", len(images)),
        **management_form("sources", len(sources)),
    }
    for index, image in enumerate(images):
        data.update({f"images-{index}-{name}": value for name, value in image.items()})
    for index, source in enumerate(sources):
        data.update({f"sources-{index}-{name}": value for name, value in source.items()})
    data.update(overrides)
    return data


def test_editor_creates_and_publishes_an_article_with_images_and_sources(editor_client, newsroom):
    data = article_form_data(
        **newsroom,
        images=[
            {
                "image": image_file("lead.jpg", size=LEAD_SIZE),
                "alt_text": "Cranes at dawn",
                "is_lead": "on",
                "order": "1",
                "caption": "The port at dawn",
                "credit": "Port photo desk",
            },
            {
                "image": image_file("quay.png", format="PNG"),
                "alt_text": "An empty quay",
                "order": "2",
            },
        ],
        sources=[
            {
                "label": "Port authority statement",
                "url": "https://example.org/port",
                "kind": "story",
                "order": "0",
            },
        ],
    )

    response = editor_client.post(ADD_URL, data)

    assert response.status_code == 302, response.context and response.context["errors"]
    article = Article.objects.get()
    assert article.slug == "harbour-reopens-after-the-storm"
    assert article.is_live
    assert article.lead_image.alt == "Cranes at dawn"
    assert (article.lead_image.width, article.lead_image.height) == LEAD_SIZE
    assert [s.label for s in article.sources.all()] == ["Port authority statement"]
    quay = article.images.get(order=2)
    assert f"<!--figure:{quay.pk}-->" in article.body_html

    for url in [
        "/",
        newsroom["section"].get_absolute_url(),
        newsroom["tag"].get_absolute_url(),
        newsroom["author"].get_absolute_url(),
        article.get_absolute_url(),
    ]:
        assert "Harbour reopens after the storm" in editor_client.get(url).content.decode(), url


def test_article_form_refuses_two_lead_images_and_keeps_the_input(editor_client, newsroom):
    data = article_form_data(
        **newsroom,
        images=[
            {
                "image": image_file("a.jpg", size=LEAD_SIZE),
                "alt_text": "First",
                "is_lead": "on",
                "order": "1",
            },
            {
                "image": image_file("b.jpg", size=LEAD_SIZE),
                "alt_text": "Second",
                "is_lead": "on",
                "order": "2",
            },
        ],
    )

    response = editor_client.post(ADD_URL, data)

    assert response.status_code == 200
    assert "Only one image can be the lead image." in response.content.decode()
    assert "Harbour reopens after the storm" in response.content.decode()
    assert not Article.objects.exists()


def test_article_form_requires_alt_text_unless_decorative(editor_client, newsroom):
    data = article_form_data(
        **newsroom, images=[{"image": image_file("c.jpg"), "alt_text": "", "order": "1"}]
    )

    response = editor_client.post(ADD_URL, data)

    assert response.status_code == 200
    assert "tick “decorative”" in response.content.decode()
    assert not Article.objects.exists()


def test_decorative_image_needs_no_alt_text(editor_client, newsroom):
    data = article_form_data(
        **newsroom,
        images=[{"image": image_file("d.jpg"), "is_decorative": "on", "order": "1"}],
    )

    assert editor_client.post(ADD_URL, data).status_code == 302
    assert Article.objects.get().images.get().alt == ""


def test_article_form_requires_an_author(editor_client, newsroom):
    data = article_form_data(**newsroom)
    data.update(management_form("bylines", 1))
    data["bylines-0-author"] = ""

    response = editor_client.post(ADD_URL, data)

    assert response.status_code == 200
    assert not Article.objects.exists()


def test_non_image_upload_is_refused_with_a_message(editor_client, newsroom):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("fake.jpg", b"%PDF-1.4 not an image", content_type="image/jpeg")
    data = article_form_data(
        **newsroom, images=[{"image": fake, "alt_text": "Fake", "order": "1"}]
    )

    response = editor_client.post(ADD_URL, data)

    assert response.status_code == 200
    assert "Upload a valid image" in response.content.decode()


def test_publish_now_action_publishes_drafts_and_scheduled_articles(editor_client):
    draft = make_article(published=False)
    scheduled = make_article(published_at=timezone.now() + timedelta(days=2))

    response = editor_client.post(
        CHANGELIST_URL,
        {"action": "publish_now", "_selected_action": [draft.pk, scheduled.pk]},
        follow=True,
    )

    assert "2 articles published now." in response.content.decode()
    assert set(Article.objects.published()) == {draft, scheduled}


def test_unpublish_action_takes_articles_off_the_site(editor_client):
    article = make_article()

    response = editor_client.post(
        CHANGELIST_URL,
        {"action": "unpublish", "_selected_action": [article.pk], "reason": "Legal request."},
        follow=True,
    )

    assert "1 article unpublished" in response.content.decode()
    assert not Article.objects.published().exists()
    assert editor_client.get(article.get_absolute_url()).status_code == 410


def test_article_list_shows_state_authors_and_links(editor_client):
    author = make_author(name="Lea Dubois")
    live = make_article(title="Live one", authors=[author])
    make_article(title="Future one", published_at=timezone.now() + timedelta(days=1))
    make_article(title="Draft one", published=False)

    html = editor_client.get(CHANGELIST_URL).content.decode()

    assert "Lea Dubois" in html
    for label in ["Live", "Scheduled", "Draft"]:
        assert f">{label}</span>" in html
    assert live.get_absolute_url() in html
    assert live.get_preview_url() in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("state=live", ["Live one"]),
        ("state=scheduled", ["Future one"]),
        ("state=draft", ["Draft one"]),
        ("q=needle", ["Draft one"]),
    ],
)
def test_article_list_filters_by_state_and_searches_the_body(editor_client, query, expected):
    make_article(title="Live one")
    make_article(title="Future one", published_at=timezone.now() + timedelta(days=1))
    make_article(title="Draft one", published=False, body="A needle in the haystack.")

    response = editor_client.get(f"{CHANGELIST_URL}?{query}")

    assert [a.title for a in response.context["cl"].result_list] == expected


def test_change_form_shows_thumbnails_and_preview_link(editor_client):
    article = make_article(published=False)
    image = make_image(article, is_lead=True)
    make_source(article)

    html = editor_client.get(
        reverse("admin:articles_article_change", args=[article.pk])
    ).content.decode()

    smallest = renditions.closest(image.renditions, 120)
    assert f'src="{default_storage.url(smallest["name"])}"' in html
    assert article.get_preview_url() in html


@pytest.mark.parametrize("model", ["author", "section", "tag"])
def test_author_section_and_tag_lists_show_article_counts(editor_client, model):
    author, section, tag = make_author(), make_section(), make_tag()
    for _ in range(3):
        make_article(authors=[author], section=section, tags=[tag])

    response = editor_client.get(reverse(f"admin:articles_{model}_changelist"))

    [row] = response.context["cl"].result_list
    assert row.article_count == 3


def test_editors_group_exists_with_article_and_front_page_permissions_only():
    editors = Group.objects.get(name="Editors")
    app_labels = set(editors.permissions.values_list("content_type__app_label", flat=True))

    assert app_labels == {"articles", "fronts"}
    assert editors.permissions.filter(codename="publish_article").exists()


@pytest.mark.parametrize(
    "url",
    [
        reverse("admin:auth_user_changelist"),
        reverse("admin:auth_user_add"),
        reverse("admin:auth_group_changelist"),
    ],
)
def test_editor_cannot_touch_users_or_groups(editor_client, url):
    assert editor_client.get(url).status_code == 403


def test_editor_cannot_link_an_author_to_a_user_account(editor_client):
    author = make_author()
    staff = make_user(is_staff=True)

    editor_client.post(
        reverse("admin:articles_author_change", args=[author.pk]),
        {"name": author.name, "slug": author.slug, "bio": "", "user": staff.pk},
    )

    author.refresh_from_db()
    assert author.user is None


def test_staff_without_publish_permission_gets_no_publish_actions(client):
    writer = make_user(is_staff=True)
    writer.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["view_article", "change_article", "delete_article"]
        )
    )
    client.force_login(writer)
    make_article()

    response = client.get(CHANGELIST_URL)

    actions = [name for name, _ in response.context["action_form"].fields["action"].choices]
    assert "delete_selected" in actions
    assert "publish_now" not in actions and "unpublish" not in actions


@pytest.fixture
def writer_client(client):
    """Staff who may edit articles but not publish them."""
    writer = make_user(is_staff=True)
    writer.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_article", "change_article"])
    )
    client.force_login(writer)
    client.user = writer
    return client


def change_form_data(article, **overrides):
    """POST data of the change form of ``article`` as it stands, with ``overrides``."""
    byline = article.bylines.get()
    data = {
        "title": article.title,
        "slug": article.slug,
        "standfirst": article.standfirst,
        "body": article.body,
        "section": article.section_id,
        "comments_enabled": "on",
        **management_form("bylines", 1, initial=1),
        "bylines-0-id": byline.pk,
        "bylines-0-article": article.pk,
        "bylines-0-author": byline.author_id,
        "bylines-0-order": "0",
        **management_form("images", 0),
        **management_form("sources", 0),
    }
    data.update(overrides)
    return data


def post_change_form(client, article, **overrides):
    url = reverse("admin:articles_article_change", args=[article.pk])
    return client.post(url, change_form_data(article, **overrides))


PUBLISHING_FIELDS = {
    "status": Article.Status.PUBLISHED,
    "published_at_0": "2020-01-01",
    "published_at_1": "08:00:00",
}


def test_staff_without_publish_permission_sees_status_and_time_read_only(writer_client):
    draft = make_article(published=False)

    response = writer_client.get(reverse("admin:articles_article_change", args=[draft.pk]))

    assert response.status_code == 200
    form = response.context["adminform"].form
    assert "status" not in form.fields and "published_at" not in form.fields
    assert 'name="status"' not in response.content.decode()


def test_staff_without_publish_permission_cannot_publish_through_the_change_form(
    writer_client,
):
    draft = make_article(published=False, title="Embargoed", created_by=writer_client.user)

    response = post_change_form(writer_client, draft, title="Still embargoed", **PUBLISHING_FIELDS)

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.title == "Still embargoed"  # the rest of the edit is kept
    assert draft.status == Article.Status.DRAFT
    assert draft.published_at is None
    assert not Article.objects.published().exists()


def test_staff_without_publish_permission_cannot_unpublish_through_the_change_form(
    writer_client,
):
    live = make_article()

    post_change_form(writer_client, live, status=Article.Status.DRAFT)

    assert Article.objects.published().get() == live


def test_saving_a_publication_change_without_the_permission_is_refused(writer_client, monkeypatch):
    """Even if a form let the fields through, the save itself refuses."""
    from articles.admin import ArticleAdmin

    # A form that forgot to make the fields read-only.
    monkeypatch.setattr(
        ArticleAdmin, "get_readonly_fields", lambda self, *args: self.readonly_fields
    )
    draft = make_article(published=False, created_by=writer_client.user)

    response = post_change_form(writer_client, draft, **PUBLISHING_FIELDS)

    assert response.status_code == 403
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT


def test_editor_with_publish_permission_publishes_through_the_change_form(editor_client):
    draft = make_article(published=False)

    response = post_change_form(editor_client, draft, **PUBLISHING_FIELDS)

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Article.Status.PUBLISHED
    assert Article.objects.published().get() == draft


def test_staff_without_publish_permission_adds_drafts_only(client, newsroom):
    writer = make_user(is_staff=True)
    writer.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_article", "add_article"])
    )
    client.force_login(writer)

    response = client.post(ADD_URL, article_form_data(**newsroom, **PUBLISHING_FIELDS))

    assert response.status_code == 302
    article = Article.objects.get()
    assert article.status == Article.Status.DRAFT
    assert article.published_at is None
