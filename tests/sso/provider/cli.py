"""Set up the test provider's data from the tests: ``python -m tests.sso.provider.cli COMMAND``.

client CLIENT_ID SECRET REDIRECT_URI POST_LOGOUT_URI   register Frontlijn as a client
user USERNAME PASSWORD EMAIL [--groups a,b] [--inactive]   create or replace a user
"""

import argparse
import os
import sys

import django


def main(argv: list[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.sso.provider.settings")
    django.setup()
    from django.contrib.auth.models import Group, User
    from oauth2_provider.models import Application

    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    client = sub.add_parser("client")
    for name in ("client_id", "secret", "redirect_uri", "post_logout_uri"):
        client.add_argument(name)
    user = sub.add_parser("user")
    for name in ("username", "password", "email"):
        user.add_argument(name)
    user.add_argument("--groups", default="")
    user.add_argument("--inactive", action="store_true")
    args = parser.parse_args(argv)

    if args.command == "client":
        Application.objects.filter(client_id=args.client_id).delete()
        Application.objects.create(
            name="Frontlijn",
            client_id=args.client_id,
            client_secret=args.secret,
            client_type=Application.CLIENT_CONFIDENTIAL,
            authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
            redirect_uris=args.redirect_uri,
            post_logout_redirect_uris=args.post_logout_uri,
            algorithm=Application.RS256_ALGORITHM,
            skip_authorization=True,
        )
    else:
        account, _ = User.objects.get_or_create(username=args.username)
        account.set_password(args.password)
        account.email = args.email
        account.first_name = args.username.capitalize()
        account.last_name = "Test"
        account.is_active = not args.inactive
        account.save()
        groups = [Group.objects.get_or_create(name=name)[0] for name in args.groups.split(",") if name]
        account.groups.set(groups)


if __name__ == "__main__":
    main(sys.argv[1:])
