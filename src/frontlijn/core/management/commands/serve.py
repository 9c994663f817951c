"""``frontlijn serve``: serve the app.

Development (default): Django's server on 127.0.0.1:$PORT (8000), static files via whitenoise.
Production (``--production`` or FRONTLIJN_ENV=production): gunicorn with several workers. The static
files are collected first when STATIC_ROOT does not hold the ones of this installation (a fresh
install, an upgrade), so no page fails on a missing manifest entry.
"""

import os

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Start de Frontlijn-webserver."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", default=os.environ.get("PORT", "8000"))
        parser.add_argument("--production", action="store_true", default=settings.PRODUCTION)
        parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "4")))
        parser.add_argument(
            "--no-collectstatic",
            action="store_false",
            dest="collect",
            help="Do not collect the static files at start; refuse to start when they are not collected.",
        )

    def handle(self, *args, host, port, production, workers, collect=True, **options):
        if not production:
            self.stdout.write(f"Frontlijn draait op http://{host}:{port}/")
            call_command("runserver", f"{host}:{port}", use_reloader=False)
            return
        from gunicorn.app.base import BaseApplication

        _audit_key_ready()
        # Before the application is loaded: WhiteNoise lists STATIC_ROOT once, when it starts.
        _static_ready(collect=collect, stdout=self.stdout)

        from frontlijn.wsgi import application

        _warm_up()

        class App(BaseApplication):
            def load_config(self):
                self.cfg.set("bind", f"{host}:{port}")
                self.cfg.set("workers", workers)
                self.cfg.set("accesslog", None)
                # Behind the reverse proxy: trust its X-Forwarded-* headers (FORWARDED_ALLOW_IPS, as gunicorn).
                self.cfg.set("forwarded_allow_ips", os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1"))
                self.cfg.set("timeout", int(os.environ.get("GUNICORN_TIMEOUT", "60")))
                self.cfg.set("graceful_timeout", int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30")))

            def load(self):
                return application

        App().run()


def _audit_key_ready() -> None:
    """Refuse to start when an app's start check fails (core/startup.py), such as privacy's
    audit-chain key: every read of resident data writes an audited row, so without it the pages
    would answer errors all day instead of not starting."""
    from django.core.management.base import CommandError

    from frontlijn.core import startup

    problems = startup.start_problems()
    if problems:
        raise CommandError(
            "Frontlijn start niet: " + " ".join(f"{p.msg} {p.hint}" for p in problems),
        )


def _warm_up() -> None:
    """Load in the master what the first request of every worker would otherwise pay for.

    The workers are forked from this process, so they share what is loaded here: the apps'
    warm-ups (core/startup.py), such as the theme classifier (scikit-learn and the active model, a
    few seconds). Database connections made for it are closed before forking; a failure only
    means the first request loads it.
    """
    from django.db import connections

    from frontlijn.core import startup

    for name, warm_up in startup.warm_ups():
        try:
            warm_up()
        except Exception as exc:  # the database may not be reachable yet: not fatal
            import logging

            logging.getLogger(__name__).warning("%s warm-up skipped: %s", name, type(exc).__name__)
    connections.close_all()


def _static_sources() -> dict[str, str]:
    """Each static file this installation ships: path -> "size:mtime"."""
    from django.contrib.staticfiles.finders import get_finders

    found: dict[str, str] = {}
    for finder in get_finders():
        for path, storage in finder.list(["CVS", ".*", "*~"]):
            if path not in found:
                stat = os.stat(storage.path(path))
                found[path] = f"{stat.st_size}:{int(stat.st_mtime)}"
    return found


def _static_ready(*, collect: bool, stdout) -> None:
    """Collect the static files when STATIC_ROOT's manifest lacks files of this installation, or was
    made from other versions of them (an upgrade)."""
    import hashlib
    import json
    from pathlib import Path

    from django.core.management.base import CommandError

    root = Path(settings.STATIC_ROOT)
    stamp = root / ".frontlijn-static"
    sources = _static_sources()
    fingerprint = hashlib.sha256(json.dumps(sources, sort_keys=True).encode()).hexdigest()
    try:
        manifest = json.loads((root / "staticfiles.json").read_text())["paths"]
    except (OSError, ValueError, KeyError):
        manifest = {}
    complete = bool(manifest) and all(path.replace(os.sep, "/") in manifest for path in sources)
    if complete and (not stamp.is_file() or stamp.read_text().strip() == fingerprint):
        return
    if not collect:
        raise CommandError(
            f"De statische bestanden in {root} ontbreken of horen niet bij deze installatie: "
            "voer eerst 'frontlijn collectstatic --noinput' uit (of start zonder --no-collectstatic)."
        )
    stdout.write(f"Statische bestanden verzamelen in {root} ...")
    call_command("collectstatic", interactive=False, verbosity=0)
    stamp.write_text(fingerprint + "\n")
