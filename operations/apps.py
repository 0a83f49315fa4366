from django.apps import AppConfig


class OperationsConfig(AppConfig):
    """Running the site: its admin account, backups and their restoration (manage.py
    ensure_admin, backup, restore). It has no tables and no pages."""

    name = "operations"
