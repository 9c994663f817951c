"""The default theme taxonomy (code, label, VERA list, VERA code). Installed by migration 0002.

The labels are stored in Dutch; ``gettext_noop`` puts them in the catalog so that
``Theme.name`` shows them in the user's language.
"""

from django.utils.translation import gettext_noop

DEFAULT_THEMES: list[tuple[str, str, str, str]] = [
    ("vocht-schimmel", gettext_noop("Vocht en schimmel"), "", ""),
    ("tocht-energie", gettext_noop("Tocht, kou en energie"), "", ""),
    ("onderhoud", gettext_noop("Gebreken en onderhoud"), "", ""),
    ("geluid", gettext_noop("Geluidsoverlast"), "ZAAKTYPEDETAILSOORT", "GEL"),
    ("samenleven", gettext_noop("Samenleven en burenconflicten"), "ZAAKTYPEDETAILSOORT", "RUZ"),
    ("vervuiling", gettext_noop("Afval, vervuiling en ongedierte"), "ZAAKTYPEDETAILSOORT", "VUI"),
    ("veiligheid", gettext_noop("Veiligheid en criminaliteit"), "ZAAKTYPEDETAILSOORT", "ONV"),
    ("buitenruimte", gettext_noop("Groen en buitenruimte"), "ZAAKTYPESOORT", "LEE"),
    ("eenzaamheid", gettext_noop("Eenzaamheid en sociaal isolement"), "SIGNALERINGSOORT", "ONB"),
    ("geldzorgen", gettext_noop("Geldzorgen en huurachterstand"), "SIGNALERINGSOORT", "SCH"),
    ("zorg", gettext_noop("Gezondheid, zorg en zelfredzaamheid"), "ZAAKTYPEDETAILSOORT", "PSY"),
    ("woonwensen", gettext_noop("Woonwensen en doorstroming"), "", ""),
    ("bewonersinitiatief", gettext_noop("Bewonersinitiatief en betrokkenheid"), "", ""),
]
DEFAULT_CODES = [code for code, *_ in DEFAULT_THEMES]


def ensure_default_themes() -> None:
    """Install the default themes when the table is empty.

    Migration 0002 installs them; a database that was flushed afterwards (``frontlijn demo
    --reset``, a test that empties tables) has none, and raising a signal needs themes.
    """
    from frontlijn.signals.models import Theme

    if Theme.objects.exists():
        return
    Theme.objects.bulk_create(
        [
            Theme(code=code, label=label, vera_soort=soort, vera_code=vera_code, order=order * 10)
            for order, (code, label, soort, vera_code) in enumerate(DEFAULT_THEMES, start=1)
        ],
        ignore_conflicts=True,
    )
