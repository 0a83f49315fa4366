from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from comments.privacy import purge_ips


class Command(BaseCommand):
    help = (
        "Clear the sender hash and user agent of comments older than "
        "COMMENTS_IP_RETENTION_DAYS days (run it daily)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Keep them for this many days instead of COMMENTS_IP_RETENTION_DAYS.",
        )

    def handle(self, *args, days=None, **options):
        if days is None:
            days = settings.COMMENTS_IP_RETENTION_DAYS
        if days < 0:
            raise CommandError("--days must be zero or more.")
        count = purge_ips(days)
        self.stdout.write(
            f"Cleared the sender hash and user agent of {count} comment(s) "
            f"older than {days} day(s)."
        )
