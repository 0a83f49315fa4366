import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

USERNAME = "admin"
EMAIL = "admin@localhost"
PASSWORD_VARIABLE = "NEWSROOM_ADMIN_PASSWORD"


class Command(BaseCommand):
    help = (
        f"Make sure the superuser '{USERNAME}' exists. Its password comes from "
        f"{PASSWORD_VARIABLE} when set (and is then reset on every run); otherwise a new "
        "account gets a random password, printed once."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--address",
            default="127.0.0.1:8000",
            metavar="HOST:PORT",
            help="Where the site is served, for the admin's address in the message.",
        )

    def handle(self, *args, address, **options):
        admin_url = f"http://{address}/admin/"
        User = get_user_model()
        password = os.environ.get(PASSWORD_VARIABLE)
        user = User.objects.filter(**{User.USERNAME_FIELD: USERNAME}).first()

        if user is None:
            generated = not password
            if generated:
                password = secrets.token_urlsafe(12)
            User.objects.create_superuser(
                **{User.USERNAME_FIELD: USERNAME}, email=EMAIL, password=password
            )
            if generated:
                self.stdout.write(
                    self.style.SUCCESS(f"Admin login: {USERNAME} / {password} at {admin_url}")
                )
                self.stdout.write("This password is shown only once: note it now.")
            else:
                self.stdout.write(
                    self.style.SUCCESS(
                        f"Created admin account '{USERNAME}' with the password from "
                        f"{PASSWORD_VARIABLE}, at {admin_url}"
                    )
                )
            return

        if not password:
            self.stdout.write(f"Admin account '{USERNAME}' already exists. The admin: {admin_url}")
            return

        user.set_password(password)
        user.is_active = user.is_staff = user.is_superuser = True
        user.save()
        self.stdout.write(
            self.style.SUCCESS(
                f"Admin account '{USERNAME}': password set from {PASSWORD_VARIABLE}. "
                f"The admin: {admin_url}"
            )
        )
