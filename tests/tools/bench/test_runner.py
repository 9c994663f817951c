"""The request benchmark measures the pages of the load-test mix next to the bare view."""

import pytest

from bench.generate import generate
from bench.runner import Fixture, bench_requests
from frontlijn.contacts.models import ContactMoment
from frontlijn.signals.models import Signal

MIX = [
    "home",
    "search",
    "search-kcc",
    "search-postcode",
    "timeline",
    "contact-form",
    "contact-post",
    "contact-post-signal",  # issue 15: a home visit with a promise and a signal from the note
    "signal-offer",  # issue 15: the suggestion while the note is typed
]


@pytest.mark.django_db
def test_each_page_of_the_mix_is_measured_against_the_bare_view():
    generate(size="tiny", seed=7)
    contacts = ContactMoment.objects.count()
    signals = Signal.objects.count()

    results = bench_requests(Fixture(), repeat=2)

    for name in MIX:
        figure = results[name]
        assert "skipped" not in figure, (name, figure)
        assert figure["subject"]["n"] == figure["baseline"]["n"] == 2
        assert figure["baseline_label"] == "bare Django view, same middleware"
        assert figure["queries"] > 2, name  # counted before the next request clears the log
        assert figure["subject"]["cpu_median_ms"] > 0
    assert ContactMoment.objects.count() == contacts  # the posted contacts are removed again
    assert Signal.objects.count() == signals
