"""People of the review workflow, and their admin clients."""

from django.test import Client

from tests.factories import make_user


def make_writer(**fields):
    return make_user(is_staff=True, groups=["Writers"], **fields)


def logged_in(user):
    client = Client()
    client.force_login(user)
    client.user = user
    return client
