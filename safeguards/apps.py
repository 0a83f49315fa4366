from django.apps import AppConfig


class SafeguardsConfig(AppConfig):
    """What protects the site from abusive requests, for every app to use: client addresses
    behind proxies, events counted across every app process (flood control, login throttling)
    and the browser's word on where a form comes from."""

    name = "safeguards"
