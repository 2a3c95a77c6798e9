"""`lantu api-token USERNAME`: create (and print), list or revoke personal API tokens."""

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.utils import timezone

from lantu.orgs.models import ApiToken
from lantu.orgs.services import api_token_create, api_token_revoke, token_digest


class Command(BaseCommand):
    help = (
        "Create a personal API token for USERNAME and print it (use it as `Authorization: Bearer TOKEN`); "
        "--list shows a user's tokens, --revoke PREFIX revokes one."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", nargs="?")
        parser.add_argument("--name", default="cli", help="a label to recognise the token by")
        parser.add_argument("--scope", choices=ApiToken.Scope.values, default=ApiToken.Scope.READ)
        parser.add_argument(
            "--days", type=int, default=None, help="days until it expires (LANTU_API_TOKEN_DAYS at most)"
        )
        parser.add_argument("--list", action="store_true", help="list USERNAME's tokens instead")
        parser.add_argument("--revoke", metavar="PREFIX", help="revoke the token that starts with PREFIX")

    def handle(self, *args, username, name, scope, days, list, revoke, **options):
        now = timezone.now()
        if revoke:
            tokens = ApiToken.objects.filter(revoked_at__isnull=True).filter(
                Q(prefix=revoke.rstrip("…")) | Q(digest=token_digest(revoke))
            )
            if username:
                tokens = tokens.filter(user__username=username)
            if tokens.count() != 1:
                raise CommandError(f"no single live token with prefix {revoke!r}")
            token = tokens.get()
            api_token_revoke(token=token, now=now)
            self.stdout.write(f"revoked {token.prefix}… of {token.user}")
            return
        user = User.objects.filter(username=username).first() if username else None
        if user is None:
            raise CommandError(f"no user named {username!r}")
        if list:
            for token in ApiToken.objects.filter(user=user).order_by("created_at"):
                state = (
                    "revoked"
                    if token.revoked_at
                    else "expired"
                    if token.expires_at and token.expires_at <= now
                    else "live"
                )
                expires = f"{token.expires_at:%Y-%m-%d}" if token.expires_at else "-"
                self.stdout.write(f"{token.prefix}…\t{token.scope}\t{expires}\t{state}\t{token.name}")
            return
        try:
            raw = api_token_create(user=user, name=name, scope=scope, days=days, now=now)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(raw)
