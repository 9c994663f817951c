from django.apps import AppConfig


class DemoConfig(AppConfig):
    """``frontlijn demo``: the demo association Lindeveen Wonen (``loader.py``). It builds every app's
    data, so it sits above all of them; the apps' own parts are their ``demo.load(ctx)``."""

    name = "frontlijn.demo"
    label = "demo"
