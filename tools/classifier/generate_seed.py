"""Generates ``seed_generated_nl.csv``: composed training texts that widen the vocabulary.

The hand-written ``seed_nl.csv`` has realistic texts but only 30 per theme. This script adds
texts composed from per-theme observation phrases, theme-neutral frames (who reported it, where,
how it was noticed) and random spelling mistakes, with a fixed seed. Run it again after editing
the phrases: ``python -m classifier.generate_seed``. The held-out set
(``holdout_nl.csv``) is never read here.
"""

from __future__ import annotations

import csv
import random
import re

from frontlijn.signals.classifier import engine

OUT = engine.GENERATED_PATH
PER_THEME = 130
# Texts per theme in the styles of the front (issue 19): two-word notes, KCC dictation,
# abbreviations, dialect and code-switching, a second theme in passing.
STYLE_PER_THEME = 110

PHRASES: dict[str, list[str]] = {
    "vocht-schimmel": [
        "schimmel op het plafond",
        "zwarte schimmel in de badkamer",
        "vochtplekken op de muur",
        "natte muren",
        "schimmel achter de kast",
        "condens op de ramen",
        "muffe lucht",
        "vochtige slaapkamer",
        "schimmelplekken rond het raam",
        "optrekkend vocht",
        "doorslaand vocht in de buitenmuur",
        "klamme woning",
        "beschimmelde kleding",
        "zwarte voegen in de douche",
        "natte plek op het plafond na lekkage",
        "vocht in de kelder",
        "schimmel in de kinderkamer",
        "groene aanslag op de muur",
        "behang laat los door vocht",
        "vochtige bergingen",
        "schimmel op de kozijnen",
        "water in de kruipruimte",
        "ventilatie werkt niet en alles beslaat",
        "schimmellucht in huis",
        "vochtprobleem in de woning",
        "beslagen ramen elke ochtend",
        "vochtschade aan het stucwerk",
        "schimmel op de matras",
        "vochtkringen op het plafond",
        "natte hoek in de woonkamer",
    ],
    "tocht-energie": [
        "het tocht bij de ramen",
        "enkel glas",
        "koude woning",
        "hoge energierekening",
        "slechte isolatie",
        "radiatoren blijven koud",
        "de verwarming doet het niet",
        "kieren bij de kozijnen",
        "tocht onder de deur",
        "geen spouwmuurisolatie",
        "koude vloeren",
        "stookkosten te hoog",
        "energiearmoede",
        "cv-ketel kapot",
        "geen warm water en geen verwarming",
        "vraag over verduurzaming",
        "vraag over zonnepanelen",
        "energielabel slecht",
        "lekke dubbele beglazing",
        "thermostaat kapot",
        "blokverwarming valt uit",
        "stadsverwarming te zwak",
        "het is ijskoud binnen",
        "warmtepomp geeft te weinig warmte",
        "vraag naar isolatie van de vloer",
        "dakisolatie ontbreekt",
        "tochtstrips versleten",
        "energiecoach gevraagd",
        "gas besparen door kou te lijden",
        "voorschot energie fors omhoog",
    ],
    "onderhoud": [
        "lekkende kraan",
        "kapotte lift",
        "slot van de voordeur kapot",
        "rotte kozijnen",
        "loszittende dakgoot",
        "verstopte afvoer",
        "kapotte verlichting in de gang",
        "scheur in de gevel",
        "losse tegels in de badkamer",
        "doorlopend toilet",
        "kapotte intercom",
        "roestige balkonhekken",
        "keukenkastjes versleten",
        "lekkage onder het aanrecht",
        "boiler stuk",
        "deur klemt",
        "rolluik kapot",
        "houtrot in de deur",
        "losse trapleuning",
        "kapotte brievenbussen",
        "afbladderend schilderwerk",
        "stopcontact defect",
        "verzakte vloer",
        "dakpannen los",
        "reparatieverzoek niet uitgevoerd",
        "kapotte deurdranger",
        "betonrot aan de balkons",
        "versleten keuken",
        "gebroken ruit",
        "kapotte kitranden",
    ],
    "geluid": [
        "harde muziek",
        "geluidsoverlast van de buren",
        "blaffende hond",
        "bonkende bassen",
        "schreeuwen in de nacht",
        "feestjes tot laat",
        "lawaai van scooters",
        "gestamp van de bovenburen",
        "klussen op zondag",
        "harde tv",
        "dichtslaande deuren",
        "geluid van de horeca",
        "lawaai op het plein",
        "dreunende subwoofer",
        "geluidsoverlast door een harde vloer",
        "herrie in het trappenhuis",
        "janken van honden",
        "boren in de avond",
        "ronkende motoren",
        "luidruchtige buren",
        "gillende kinderen tot laat",
        "muziek uit de auto",
        "geluid van de wasmachine in de nacht",
        "drummen in de berging",
        "lawaai van hangjongeren",
        "niet kunnen slapen door het lawaai",
        "geluidsoverlast al weken",
        "feest met muziek op het balkon",
        "lawaai van de buren",
        "geluidshinder",
    ],
    "samenleven": [
        "burenruzie",
        "ruzie tussen de buren",
        "conflict over de tuin",
        "scheldpartij op de galerij",
        "buurtbemiddeling nodig",
        "spanningen in het portiek",
        "buren praten niet meer met elkaar",
        "pesten door de buren",
        "discriminerende opmerkingen",
        "onenigheid over de schoonmaak van de trap",
        "conflict over parkeerplekken",
        "ruzie over roken op het balkon",
        "wantrouwen tussen bewoners",
        "intimidatie door de buurman",
        "beschuldigingen over en weer",
        "ruzie over de schutting",
        "nieuwe bewoners voelen zich niet welkom",
        "irritaties tussen bewoners",
        "ruzie over de hond van de buren",
        "grimmige sfeer in het complex",
        "mediation tussen twee huishoudens",
        "buren filmen elkaar",
        "conflict met de bewonerscommissie",
        "woordenwisseling tussen buren",
        "bewoners leven langs elkaar heen",
        "uitschelden in de lift",
        "familieruzie met de buren",
        "slechte verstandhouding met de buren",
        "geschil over de gemeenschappelijke ruimte",
        "wrijving tussen jong en oud",
    ],
    "vervuiling": [
        "afval naast de container",
        "ratten bij de containers",
        "kakkerlakken in de keuken",
        "zwerfvuil",
        "grofvuil op de stoep",
        "muizen in huis",
        "vervuilde woning",
        "bedwantsen",
        "hondenpoep in het portiek",
        "volle containers",
        "duivenpoep op de balkons",
        "stank van afval",
        "rattenplaag",
        "fietswrakken in de kelder",
        "ongedierte",
        "wespennest",
        "afval uit het raam",
        "vies trappenhuis",
        "mieren in de badkamer",
        "gedumpte matrassen",
        "vliegen bij de afvalruimte",
        "peuken en blikjes",
        "uitpuilende papiercontainer",
        "rommel op de galerij",
        "vuilniszakken op de galerij",
        "verstopte ondergrondse container",
        "drugsafval en spuiten",
        "smerige galerijen",
        "muizenkeutels in de kastjes",
        "schimmelend afval in de tuin",
    ],
    "veiligheid": [
        "drugsdealen",
        "onveilig gevoel",
        "inbraak in de bergingen",
        "hennepkwekerij",
        "wietlucht",
        "intimidatie bij de ingang",
        "geforceerde toegangsdeur",
        "auto opengebroken",
        "beroving",
        "brandgevaar",
        "bedreiging",
        "vernielde camera",
        "woninginbraak",
        "illegale onderhuur",
        "donkere onderdoorgang",
        "vandalisme",
        "ingegooide ruiten",
        "vuurwerk door de brievenbus",
        "straatroof",
        "messen getrokken",
        "aangestoken brand",
        "huiselijk geweld",
        "gestolen fietsen",
        "vreemde mensen in het trappenhuis",
        "geblokkeerde vluchtroute",
        "kapotte rookmelders",
        "criminaliteit in de buurt",
        "dealers in de bergingen",
        "verdachte situatie bij een woning",
        "agressie tegen bewoners",
    ],
    "buitenruimte": [
        "gras niet gemaaid",
        "kapotte speeltoestellen",
        "overhangende takken",
        "verwilderde tuinen",
        "losliggende stoeptegels",
        "te weinig bankjes",
        "geen groen op het plein",
        "heg moet gesnoeid",
        "onkruid tussen de tegels",
        "verlichting op het parkeerterrein kapot",
        "gemeenschappelijke tuin verwaarloosd",
        "plassen op het pad",
        "wens voor een moestuin",
        "auto's op het gras",
        "kapot hek bij de speelplaats",
        "bladeren op de paden",
        "gekapte bomen niet teruggeplant",
        "modderig trapveld",
        "geen fietsenrekken",
        "boomwortels drukken de tegels omhoog",
        "verdord groen",
        "vernielde picknicktafel",
        "braamstruiken in de brandgang",
        "vieze zandbak",
        "klimop over de gevel",
        "geen schaduw op het binnenterrein",
        "molshopen in het grasveld",
        "omgevallen schuttingen",
        "speelplek verwaarloosd",
        "groenvoorziening slecht onderhouden",
    ],
    "eenzaamheid": [
        "eenzaam",
        "woont alleen en heeft geen contact",
        "niemand om mee te praten",
        "komt de deur niet meer uit",
        "geen familie of vrienden",
        "sociaal isolement",
        "behoefte aan een praatje",
        "vereenzaming",
        "weduwe zonder netwerk",
        "wil graag mensen ontmoeten",
        "belt vaak voor de aanspraak",
        "heeft al weken niemand gesproken",
        "zit de hele dag alleen thuis",
        "vraagt om een maatje",
        "geen bezoek meer",
        "alleen sinds het overlijden van de partner",
        "geïsoleerd levende bewoner",
        "kent niemand in de buurt",
        "voelt zich alleen",
        "mist contact met anderen",
        "gordijnen altijd dicht en niemand ziet hem",
        "doet nergens aan mee",
        "geen sociale contacten",
        "trekt zich terug",
        "wil een vrijwilliger voor gezelschap",
        "ontmoetingsruimte dicht en ouderen zien elkaar niet",
        "eenzame oudere",
        "weinig sociale contacten",
        "niemand zou het merken als er iets gebeurt",
        "heeft alleen nog de thuiszorg",
    ],
    "geldzorgen": [
        "huurachterstand",
        "schulden",
        "kan de huur niet betalen",
        "deurwaarder",
        "incassobureau",
        "voedselbank",
        "betalingsregeling",
        "geen geld voor eten",
        "aanmaningen",
        "afsluiting energie dreigt",
        "schuldhulpverlening",
        "huurtoeslag niet aangevraagd",
        "toeslagen teruggevorderd",
        "uitkering stopgezet",
        "komt niet rond",
        "geldproblemen",
        "ongeopende brieven van schuldeisers",
        "schuldsanering",
        "baan kwijt en geen inkomen",
        "gokschulden",
        "leningen om de huur te betalen",
        "achterstand bij de zorgverzekering",
        "financiële zorgen",
        "kwijtschelding aanvragen",
        "geen geld voor kleding voor de kinderen",
        "huurschuld",
        "budgetcoach gevraagd",
        "maandelijks tekort",
        "armoede",
        "inkomen gehalveerd",
    ],
    "zorg": [
        "verward gedrag",
        "dementie",
        "slecht ter been",
        "psychische problemen",
        "valt vaak",
        "verslaving",
        "thuiszorg niet geregeld",
        "kan niet meer voor zichzelf zorgen",
        "mantelzorger overbelast",
        "hulpmiddelen nodig in de badkamer",
        "rollator en drempels",
        "rolstoel",
        "niet zelfredzaam",
        "gestopt met medicatie",
        "wijkteam inschakelen",
        "WMO-aanvraag",
        "slechtziend",
        "doof",
        "ernstig ziek",
        "vermagerd en eet slecht",
        "traplift nodig",
        "begeleid wonen",
        "depressie",
        "suïcidale uitspraken",
        "alcoholprobleem",
        "verwaarloost zichzelf",
        "gezondheid gaat achteruit",
        "hulp bij het huishouden nodig",
        "ziekenhuisopname en geen nazorg",
        "zorg en ondersteuning nodig",
    ],
    "woonwensen": [
        "wil kleiner wonen",
        "woning te klein voor het gezin",
        "wil naar een gelijkvloerse woning",
        "woningruil",
        "inschrijven als woningzoekende",
        "doorstromen naar een seniorenwoning",
        "wachttijd te lang",
        "starters vinden geen woning",
        "overbewoning",
        "urgentie aangevraagd",
        "wil verhuizen naar een woning met lift",
        "wil in de wijk blijven wonen",
        "zoekt een grotere woning",
        "inschrijfduur te kort",
        "zoekt een benedenwoning",
        "woonwens voor een woning met tuin",
        "woongroep voor ouderen",
        "wil terug naar de oude buurt",
        "voorrang na sloop",
        "studio voor een student",
        "aangepaste woning nodig",
        "huur van een kleinere woning te hoog",
        "wil de huur opzeggen en verhuizen",
        "doorstroomregeling",
        "woning past niet meer",
        "extra kamer nodig",
        "verhuiswens",
        "te weinig woningen voor ouderen",
        "jongeren moeten het dorp uit",
        "vraag naar nieuwbouw in de wijk",
    ],
    "bewonersinitiatief": [
        "buurtbarbecue organiseren",
        "bewonerscommissie oprichten",
        "idee voor een moestuin",
        "koffieochtend starten",
        "opschoonactie door bewoners",
        "taalcafé",
        "buurtfeest",
        "repaircafé",
        "klusgroep van bewoners",
        "boekenkastje in de hal",
        "bewoners willen meepraten over de plannen",
        "muurschildering met bewoners",
        "subsidie voor een straatfeest",
        "energiecoöperatie van huurders",
        "buurtpreventieteam",
        "wandelgroep",
        "kerstmarkt in de hal",
        "voetbaltoernooi voor de jeugd",
        "bewoners willen het groen zelf onderhouden",
        "buurtkamer in een lege ruimte",
        "klankbordgroep voor de renovatie",
        "huiswerkklas",
        "spelletjesmiddag",
        "bewoners helpen nieuwe buren",
        "prikbord voor vraag en aanbod",
        "samen koken voor de buurt",
        "vrijwilligers uit de flat",
        "initiatief van bewoners",
        "portiekcontactpersoon",
        "betrokken bewoners met een plan",
    ],
}

WHO = [
    "bewoner",
    "bewoonster",
    "mevrouw",
    "meneer",
    "de buren",
    "een huurder",
    "oudere bewoner",
    "het gezin",
    "bewoners van het portiek",
    "jonge moeder",
    "de bewonerscommissie",
    "een buurman",
]
WHERE = [
    "bij nummer 12",
    "in portiek 4",
    "op de galerij",
    "in flat B",
    "aan de achterkant",
    "in het complex",
    "op de tweede verdieping",
    "bij de ingang",
    "in de Lindenstraat",
    "in blok C",
    "op nummer 37",
    "in de buurt",
    "in het hofje",
    "bij de benedenwoningen",
    "",
]
FRAMES = [
    "{obs}",
    "{obs} {where}",
    "{who} meldt {obs}",
    "{who} meldt {obs} {where}",
    "Bij de wijkronde gezien: {obs} {where}",
    "Tijdens huisbezoek: {obs}",
    "{who} belde over {obs}",
    "{obs}, {who} maakt zich zorgen",
    "{obs} en {obs2}",
    "{who}: {obs} {where}. Graag iemand laten kijken",
    "Opgevallen {where}: {obs}",
    "{obs}. Speelt al langer volgens {who}",
    "melding {obs} {where}",
    "{who} vertelt over {obs} en {obs2}",
    "Signaal: {obs}",
]


# Words that other languages and dialects lend to front-line notes, per theme (written from the
# theme definitions: Turkish, Arabic/Moroccan-Dutch, English, Sranan/street Dutch).
LOANWORDS: dict[str, list[str]] = {
    "vocht-schimmel": ["mould", "damp", "küf", "rutubet", "nem", "wet walls"],
    "tocht-energie": ["cold", "soğuk", "kalorifer", "kombi", "heating", "ijskoud"],
    "onderhoud": ["broken", "arıza", "bozuk", "kapot", "leak", "repair"],
    "geluid": ["noise", "gürültü", "loud", "kabaal", "herrie", "bass"],
    "samenleven": ["kavga", "fitna", "drama", "beef", "fight", "ruzie"],
    "vervuiling": ["rubbish", "çöp", "zbel", "rats", "fare", "trash"],
    "veiligheid": ["unsafe", "dealers", "matties", "hossel", "tehlike", "stolen"],
    "buitenruimte": ["playground", "grass", "çimen", "trees", "garden", "park"],
    "eenzaamheid": ["lonely", "yalnız", "wahid", "alone", "niemand", "alleen"],
    "geldzorgen": ["broke", "para yok", "borç", "doekoe", "money", "flus"],
    "zorg": ["hasta", "mariedh", "confused", "sick", "dementie", "care"],
    "woonwensen": ["bigger house", "büyük ev", "move", "verhuizen", "urgentie", "ruilen"],
    "bewonersinitiatief": ["iftar", "buurtfeest", "together", "community", "barbecue", "initiatief"],
}
# Theme-neutral words of talk and dialect that a model should learn to ignore.
FILLERS = [
    "wallah",
    "echt",
    "serieus",
    "heftig",
    "abi",
    "yani",
    "inshallah",
    "ff",
    "effe",
    "zeg maar",
    "hedde",
    "ut is",
    "nou",
    "joh",
    "sowieso",
    "basically",
    "literally",
    "tja",
    "amai",
    "jonge",
]
ABBREVIATIONS = {
    "mevrouw": "mvr",
    "meneer": "dhr",
    "bewoner": "bew",
    "bewoonster": "bew",
    "slaapkamer": "slpk",
    "badkamer": "bdk",
    "nummer": "nr",
    "woning": "wng",
    "verdieping": "verd",
    "portiek": "port",
    "zo snel mogelijk": "zsm",
    "in verband met": "ivm",
    "telefonisch": "tel",
    "ongeveer": "ong",
}
_STOPWORDS_TEXT = (
    "de het een en van in op bij met voor aan is zijn er te dat die niet om naar door over al ook nog "
    "wordt worden heeft hebben meer geen elke alle"
)
STOPWORDS = frozenset(_STOPWORDS_TEXT.split())
KCC_WHO = ["Mvr", "Dhr", "Huurder", "Bewoonster", "Bewoner", "Mevrouw", "Meneer", "Dochter van bewoner"]
STYLE_FRAMES = [
    "{short}",
    "{short} {where}",
    "{short}, {short2}",
    "{kcc} belt. {Obs}. Verzoek om terugbellen.",
    "{kcc} belt. Geeft aan dat er {obs} is. {Obs2}. Graag iemand langs sturen.",
    "KCC: {kcc} meldt {obs} {where}. Graag contact opnemen.",
    "Telefonisch: {obs}, {kcc} vraagt wat wij kunnen doen",
    "{kcc} belde vanochtend. {Obs}. Speelt al een paar weken. Doorgezet.",
    "{kcc} meldt {obs} ({loan})",
    "{loan}, {obs} zegt {who}",
    "{filler} {obs} {where}",
    "{obs} {filler}, {who} is er klaar mee",
    "{who}: {loan} {loan2}, {short}",
    "{Obs}. Ook {other}, maar het gaat vooral om {short}.",
    "{short} en verder nog {other_short}, vooral {short}",
    "{obs}... {obs2}",
]


def _short(phrase: str, rng: random.Random) -> str:
    """A two- or three-word note: the content words of a phrase."""
    words = [w for w in phrase.split() if w.lower() not in STOPWORDS] or phrase.split()
    return " ".join(words[: rng.choice([2, 2, 3])])


def _abbreviate(text: str, rng: random.Random) -> str:
    for long, short in ABBREVIATIONS.items():
        if long in text.lower() and rng.random() < 0.6:
            text = re.sub(rf"\b{re.escape(long)}\b", short, text, flags=re.IGNORECASE)
    return text


def generate_styles(seed: int = 8, per_theme: int = STYLE_PER_THEME) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    rows = []
    themes = list(PHRASES)
    for theme, phrases in PHRASES.items():
        others = [t for t in themes if t != theme]
        for _ in range(per_theme):
            obs, obs2 = rng.sample(phrases, 2)
            other = rng.choice(PHRASES[rng.choice(others)])
            loan, loan2 = rng.sample(LOANWORDS[theme], 2)
            text = rng.choice(STYLE_FRAMES).format(
                obs=obs,
                obs2=obs2,
                Obs=obs[0].upper() + obs[1:],
                Obs2=obs2[0].upper() + obs2[1:],
                short=_short(obs, rng),
                short2=_short(obs2, rng),
                other=other,
                other_short=_short(other, rng),
                who=rng.choice(WHO),
                kcc=rng.choice(KCC_WHO),
                where=rng.choice(WHERE),
                loan=loan,
                loan2=loan2,
                filler=rng.choice(FILLERS),
            )
            text = " ".join(text.split()).replace(" .", ".").replace(" ,", ",")
            if rng.random() < 0.5:
                text = _abbreviate(text, rng)
            if rng.random() < 0.3:  # notes typed without punctuation
                text = text.replace(".", "").replace(",", "")
            rows.append((theme, _noise(text, rng)))
    return rows


def _typo(word: str, rng: random.Random) -> str:
    if len(word) < 5:
        return word
    i = rng.randrange(1, len(word) - 1)
    kind = rng.choice(["drop", "swap", "double"])
    if kind == "drop":
        return word[:i] + word[i + 1 :]
    if kind == "swap":
        return word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]
    return word[:i] + word[i] + word[i:]


def _noise(text: str, rng: random.Random) -> str:
    words = text.split()
    for _ in range(rng.choice([0, 0, 1, 1, 2])):
        j = rng.randrange(len(words))
        words[j] = _typo(words[j], rng)
    text = " ".join(words)
    if rng.random() < 0.35:
        text = text.lower()
    return text


def generate(seed: int = 7, per_theme: int = PER_THEME) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    rows = []
    for theme, phrases in PHRASES.items():
        for _ in range(per_theme):
            obs, obs2 = rng.sample(phrases, 2)
            text = rng.choice(FRAMES).format(obs=obs, obs2=obs2, who=rng.choice(WHO), where=rng.choice(WHERE))
            text = " ".join(text.split()).replace(" .", ".")
            rows.append((theme, _noise(text[0].upper() + text[1:], rng)))
    return rows


def main() -> None:
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter=";")
        writer.writerow(["theme", "text"])
        writer.writerows(generate())
        writer.writerows(generate_styles())


if __name__ == "__main__":
    main()
