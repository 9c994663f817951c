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
