"""Settings for the end-to-end benchmark (``frontlijn.bench.http``): the load test's production
settings on loopback, with the bare view of ``frontlijn.bench.pages`` next to every real URL."""

from frontlijn.bench.loadtest_settings import *  # noqa: F403

ROOT_URLCONF = "frontlijn.bench.pages"
