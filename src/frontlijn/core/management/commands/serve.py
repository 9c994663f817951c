"""``frontlijn serve``: serve the app.

Development (default): Django's server on 127.0.0.1:$PORT (8000), static files via whitenoise.
Production (``--production`` or FRONTLIJN_ENV=production): gunicorn with several workers.
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

    def handle(self, *args, host, port, production, workers, **options):
        if not production:
            self.stdout.write(f"Frontlijn draait op http://{host}:{port}/")
            call_command("runserver", f"{host}:{port}", use_reloader=False)
            return
        from gunicorn.app.base import BaseApplication

        from frontlijn.wsgi import application

        _warm_up()

        class App(BaseApplication):
            def load_config(self):
                self.cfg.set("bind", f"{host}:{port}")
                self.cfg.set("workers", workers)
                self.cfg.set("accesslog", None)

            def load(self):
                return application

        App().run()


def _warm_up() -> None:
    """Load in the master what the first request of every worker would otherwise pay for.

    The workers are forked from this process, so they share what is loaded here: the theme
    classifier (scikit-learn and the active model, a few seconds). Database connections made
    for it are closed before forking; a failure only means the first request loads it.
    """
    from django.apps import apps
    from django.db import connections

    if apps.is_installed("frontlijn.signals"):
        try:
            from frontlijn.signals.classifier.registry import active_pipeline

            active_pipeline()
        except Exception as exc:  # the database may not be reachable yet: not fatal
            import logging

            logging.getLogger(__name__).warning("classifier warm-up skipped: %s", type(exc).__name__)
    connections.close_all()
