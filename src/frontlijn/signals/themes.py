"""The default theme taxonomy (code, label, VERA list, VERA code). Installed by migration 0002."""

DEFAULT_THEMES: list[tuple[str, str, str, str]] = [
    ("vocht-schimmel", "Vocht en schimmel", "", ""),
    ("tocht-energie", "Tocht, kou en energie", "", ""),
    ("onderhoud", "Gebreken en onderhoud", "", ""),
    ("geluid", "Geluidsoverlast", "ZAAKTYPEDETAILSOORT", "GEL"),
    ("samenleven", "Samenleven en burenconflicten", "ZAAKTYPEDETAILSOORT", "RUZ"),
    ("vervuiling", "Afval, vervuiling en ongedierte", "ZAAKTYPEDETAILSOORT", "VUI"),
    ("veiligheid", "Veiligheid en criminaliteit", "ZAAKTYPEDETAILSOORT", "ONV"),
    ("buitenruimte", "Groen en buitenruimte", "ZAAKTYPESOORT", "LEE"),
    ("eenzaamheid", "Eenzaamheid en sociaal isolement", "SIGNALERINGSOORT", "ONB"),
    ("geldzorgen", "Geldzorgen en huurachterstand", "SIGNALERINGSOORT", "SCH"),
    ("zorg", "Gezondheid, zorg en zelfredzaamheid", "ZAAKTYPEDETAILSOORT", "PSY"),
    ("woonwensen", "Woonwensen en doorstroming", "", ""),
    ("bewonersinitiatief", "Bewonersinitiatief en betrokkenheid", "", ""),
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
