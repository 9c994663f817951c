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

        class App(BaseApplication):
            def load_config(self):
                self.cfg.set("bind", f"{host}:{port}")
                self.cfg.set("workers", workers)
                self.cfg.set("accesslog", None)

            def load(self):
                return application

        App().run()
