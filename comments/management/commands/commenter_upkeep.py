from django.conf import settings
from django.core.management.base import BaseCommand

from comments import retention
from comments.mail_queue import deliver


class Command(BaseCommand):
    help = (
        "Send commenters' emails still due (retrying those a mail server refused) and forget "
        "what is kept past its time: IP hashes and user agents, unconfirmed addresses, used "
        "data links. Run it every few minutes (deploy/systemd/newsroom-commenters.timer)."
    )

    def handle(self, *args, **options):
        failed = deliver(base_url=settings.NEWSROOM_SITE_URL)
        forgotten = retention.forget_old_data()
        self.stdout.write(
            f"Emails not sent yet: {failed}. Forgotten: "
            + ", ".join(f"{count} {what}" for what, count in forgotten.items())
            + "."
        )
