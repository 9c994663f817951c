"""``frontlijn api-token create|list|revoke``: API tokens for integrations."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from frontlijn.api.models import ApiToken, TokenScope
from frontlijn.api.tokens import api_token_create, api_token_revoke


class Command(BaseCommand):
    help = "Maak, toon of trek API-tokens in. Het token zelf wordt alleen bij het maken getoond."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="Maak een token (het wordt één keer getoond).")
        create.add_argument("--user", required=True, help="gebruikersnaam van de eigenaar")
        create.add_argument("--scope", choices=TokenScope.values, default=TokenScope.READ)
        create.add_argument("--name", default="", help="waarvoor, bijvoorbeeld 'ERP-sync'")
        sub.add_parser("list", help="Toon alle tokens (zonder geheim).")
        revoke = sub.add_parser("revoke", help="Trek een token in.")
        revoke.add_argument("prefix", help="het voorvoegsel van het token (kolom prefix in 'list')")

    def handle(self, *args, action: str, **options):
        if action == "create":
            try:
                owner = get_user_model().objects.get(username=options["user"])
            except get_user_model().DoesNotExist as exc:
                raise CommandError(f"Geen gebruiker met gebruikersnaam {options['user']!r}.") from exc
            row, token = api_token_create(
                owner=owner, name=options["name"] or f"token van {owner.username}", scope=options["scope"]
            )
            self.stderr.write(
                f"Token {row.prefix} ({row.scope}) voor {owner.username}. Bewaar het nu; het wordt niet meer getoond:"
            )
            self.stdout.write(token)
        elif action == "list":
            self.stdout.write("prefix        scope  eigenaar      aangemaakt        laatst gebruikt   status   naam")
            for row in ApiToken.objects.select_related("owner"):
                used = f"{row.last_used_at:%Y-%m-%d %H:%M}" if row.last_used_at else "-"
                state = "actief" if row.is_active else "ingetrokken"
                self.stdout.write(
                    f"{row.prefix:<13} {row.scope:<6} {row.owner.username:<13} {row.created_at:%Y-%m-%d %H:%M}  "
                    f"{used:<17} {state:<8} {row.name}"
                )
        else:
            try:
                row = ApiToken.objects.get(prefix=options["prefix"])
            except ApiToken.DoesNotExist as exc:
                raise CommandError(f"Geen token met voorvoegsel {options['prefix']!r}.") from exc
            api_token_revoke(token=row)
            self.stdout.write(f"Token {row.prefix} is ingetrokken.")
