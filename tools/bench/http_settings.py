"""Settings for the end-to-end benchmark (``bench.http``): the load test's production
settings on loopback, with the bare view of ``bench.pages`` next to every real URL."""

from bench.loadtest_settings import *  # noqa: F403

ROOT_URLCONF = "bench.pages"
