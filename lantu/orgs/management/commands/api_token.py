"""`lantu api-token USERNAME`: print a new personal API token for a user."""

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from lantu.orgs.services import api_token_create


class Command(BaseCommand):
    help = "Create a personal API token for USERNAME and print it (use it as `Authorization: Bearer TOKEN`)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="cli", help="a label to recognise the token by")

    def handle(self, *args, username: str, name: str, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"no user named {username!r}")
        self.stdout.write(api_token_create(user=user, name=name, now=timezone.now()))
