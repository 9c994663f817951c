"""The demo association: a fictional Dutch housing association with two years of history.

``frontlijn demo`` builds the register (wijken, buurten, complexes, units, households, residents,
tenancies, home seekers), staff and teams, then contacts, promises and cases, and finally calls
``load(ctx)`` of every other Frontlijn app that has a ``demo`` module. Deterministic (fixed seed).
"""

from __future__ import annotations

import datetime as dt
import importlib
import time

from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.db import transaction

from frontlijn.cases.models import CLOSED_STATUSES, DEFAULT_LEAD_DAYS, Case, CaseStatusChange, CaseType, workflow_for
from frontlijn.contacts.models import ContactMoment, Promise, PromiseKind, PromiseStatus
from frontlijn.core.demo_context import DemoContext
from frontlijn.lib import clock
from frontlijn.register.models import Buurt, Complex, HomeSeeker, Household, Resident, Tenancy, Unit, Wijk
from frontlijn.teams.models import Role, Team, User

SIZES = {
    # wijken, buurten per wijk, complexes per buurt, units per complex, contacts per household per year
    "small": (2, 2, 2, 10, 2),
    "demo": (4, 5, 2, 75, 2.5),
    "large": (16, 10, 10, 50, 6.5),
}
PLACE = "Lindeveen"
WIJKEN = [
    "Noord",
    "Oost",
    "Zuid",
    "West",
    "Centrum",
    "Haven",
    "Park",
    "Molenwijk",
    "Dijkzicht",
    "Bloemenbuurt",
    "Rivierenwijk",
    "Vogelwijk",
    "Kerkwijk",
    "Heide",
    "Bosrand",
    "Stationskwartier",
]

# Dutch front-line texts: (subject, process note) per case type, and beyond-the-process notes.
PROCESS_TEXTS: dict[str, list[tuple[str, str]]] = {
    CaseType.REPARATIEVERZOEK: [
        ("Lekkage badkamer", "Lekkage bij de douche gemeld, loodgieter ingepland."),
        ("Cv-ketel doet het niet", "Storing cv-ketel, monteur komt morgen tussen 8 en 12."),
        ("Deur sluit slecht", "Voordeur klemt, timmerman ingepland."),
        ("Schimmel in de slaapkamer", "Schimmelplekken bekeken, opzichter komt kijken naar de ventilatie."),
        ("Kapotte tegel balkon", "Losse tegel op het balkon, vakman maakt het deze week."),
        ("Afvoer verstopt", "Keukenafvoer verstopt, ontstopper langs geweest."),
    ],
    CaseType.KLACHT: [
        (
            "Klacht over afhandeling reparatie",
            "Bewoner ontevreden over de duur van de reparatie; excuses gemaakt en opgeschaald.",
        ),
        ("Klacht schoonmaak trappenhuis", "Trappenhuis wordt niet goed schoongemaakt; schoonmaakbedrijf aangesproken."),
    ],
    CaseType.OVERLASTMELDING: [
        ("Geluidsoverlast bovenburen", "Melding geluidsoverlast 's nachts; buren aangeschreven, logboek meegegeven."),
        ("Overlast hangjongeren", "Hangjongeren bij de ingang; wijkagent op de hoogte gebracht."),
        ("Vervuiling achterpad", "Vuilniszakken op het achterpad; bewoners aangesproken."),
    ],
    CaseType.INKOMENSCONTROLE: [
        ("Inkomensgegevens huurverhoging", "Inkomensverklaring besproken voor de huurverhoging; bezwaar uitgelegd."),
    ],
    CaseType.VERHUUR: [
        ("Huuropzegging", "Huur opgezegd per eind volgende maand; voorinspectie gepland."),
        ("Nieuwe huurder sleuteloverdracht", "Sleutels overgedragen, woning samen doorgelopen."),
    ],
}
GENERAL_TEXTS = [
    ("Vraag over de huurverhoging", "Uitgelegd hoe de huurverhoging is opgebouwd."),
    ("Vraag over servicekosten", "Afrekening servicekosten doorgenomen."),
    ("Wijkronde", "Even bijgepraat tijdens de wijkronde."),
    ("Verjaardagsbezoek 75+", "Huisbezoek in het kader van de ronde 75-plussers."),
]
# Case texts that only make sense face to face; every other case text fits any channel.
IN_PERSON_SUBJECTS = {"Nieuwe huurder sleuteloverdracht"}
# General contacts by channel: what is said on the phone differs from a home visit or a street round.
CHANNEL_TEXTS = {
    "TEL": [
        ("Vraag over de huurverhoging", "Uitgelegd hoe de huurverhoging is opgebouwd."),
        ("Vraag over servicekosten", "Afrekening servicekosten doorgenomen."),
        ("Vraag over de huurbetaling", "Uitgelegd wanneer de huur wordt afgeschreven en hoe de incasso werkt."),
        ("Vraag over woningruil", "Uitgelegd hoe woningruil werkt en waar het formulier staat."),
        ("Terugbelverzoek", "Bewoner teruggebeld; vraag over de planning van de monteur beantwoord."),
    ],
    "BEZ": [
        ("Huisbezoek", "Op bezoek geweest; bijgepraat over de woning en de buurt."),
        ("Verjaardagsbezoek 75+", "Huisbezoek in het kader van de ronde 75-plussers."),
        ("Keukentafelgesprek", "Samen gekeken wat er nodig is om hier prettig te blijven wonen."),
        ("Woninginspectie", "Woning samen doorgelopen; kleine gebreken genoteerd."),
    ],
    "STR": [
        ("Wijkronde", "Even bijgepraat tijdens de wijkronde."),
        ("Aangesproken bij de containers", "Bewoner sprak me aan over het afval bij de containers."),
    ],
    "BAL": [
        ("Vraag aan de balie", "Vraag aan de balie beantwoord en de folder meegegeven."),
        ("Vraag over de huurverhoging", "Aan de balie uitgelegd hoe de huurverhoging is opgebouwd."),
    ],
    "EMA": [
        ("Vraag over servicekosten", "Per e-mail uitgelegd hoe de afrekening servicekosten is opgebouwd."),
        ("Vraag over de huurverhoging", "Per e-mail uitgelegd hoe de huurverhoging is opgebouwd."),
    ],
    "APP": [
        ("Vraag over de planning", "Via de app laten weten wanneer de vakman komt."),
        ("Foto van een gebrek", "Foto bekeken en doorgezet naar de opzichter."),
    ],
    "BRI": [("Brief over de huurverhoging", "Brief beantwoord met uitleg over de opbouw van de huurverhoging.")],
}
# Minutes a contact takes, by channel (a home visit takes longer than a phone call).
CHANNEL_MINUTES = {
    "BEZ": (30, 90),
    "STR": (5, 25),
    "TEL": (4, 14),
    "EMA": (5, 12),
    "APP": (3, 8),
    "BAL": (8, 20),
    "BRI": (10, 20),
}
# How each role spends its contact time (channel weights), for the demo's working days.
ROLE_CHANNELS = {
    Role.KCC_MEDEWERKER: {"TEL": 85, "EMA": 10, "APP": 5},
    Role.BALIEMEDEWERKER: {"BAL": 70, "TEL": 30},
    Role.VERHUURMEDEWERKER: {"BEZ": 50, "TEL": 35, "EMA": 15},
}
WIJK_CHANNELS = {"BEZ": 45, "STR": 25, "TEL": 20, "EMA": 5, "APP": 5}
# The teams' targets for time for contact (%): wijk teams in turn, then the contact centre and letting.
WIJK_TARGETS = [35, 32, 31, 33, 34]
KCC_TARGET, VERHUUR_TARGET = 33, 31


def channel_text(rng, channel: str) -> tuple[str, str]:
    """A general (subject, note) that fits ``channel``."""
    return rng.choice(CHANNEL_TEXTS.get(channel) or CHANNEL_TEXTS["TEL"])


BEYOND_TEXTS = [
    (
        "Mevrouw is sinds het overlijden van haar man veel alleen; zou graag meedoen met de koffieochtend.",
        ["eenzaamheid", "welzijn"],
    ),
    ("Meneer maakt zich zorgen over de energierekening, stookt de woonkamer niet meer.", ["geldzorgen"]),
    ("Bewoner wil graag kleiner wonen nu de kinderen het huis uit zijn, vraagt naar seniorenwoningen.", ["woonwens"]),
    ("Vertelt dat de buurvrouw hulp nodig heeft met boodschappen; mantelzorg valt weg.", ["buren", "gezondheid"]),
    ("Idee: samen de binnentuin opknappen, heeft al drie buren gevraagd.", ["idee"]),
    ("Gaat goed met het gezin, blij met de nieuwe keuken. Vroeg naar de speeltuin.", ["welzijn", "andere-vraag"]),
    ("Heeft moeite met de trap sinds de heupoperatie; vraagt of een traplift kan.", ["gezondheid", "woning"]),
    (
        "Vroeg hoe je een huurtoeslag aanvraagt; doorverwezen naar de schuldhulp van de gemeente.",
        ["geldzorgen", "andere-vraag"],
    ),
    ("Ergert zich aan het afval bij de containers, wil meedenken over een oplossing.", ["buren", "idee"]),
    ("Voelt zich niet veilig in de portiek 's avonds, lamp is kapot.", ["buren", "woning"]),
    (
        "Zoon is net begonnen aan een opleiding; moeder trots, maar krap bij kas door de studiekosten.",
        ["welzijn", "geldzorgen"],
    ),
    (
        "Meneer ziet sinds zijn pensioen weinig mensen; interesse in vrijwilligerswerk in de buurttuin.",
        ["eenzaamheid", "idee"],
    ),
    ("Gezin met vier kinderen in een driekamerwoning, vraagt naar grotere woning in de wijk.", ["woonwens"]),
    (
        "Mevrouw vergeet steeds vaker afspraken; dochter woont ver weg. Wijkverpleging al betrokken?",
        ["gezondheid"],
    ),
    (
        "Bewoners van de bovenverdieping willen een buurtbarbecue organiseren, vragen of de corporatie meedoet.",
        ["idee", "buren"],
    ),
    (
        "Betalingsachterstand door ziekte; schaamt zich ervoor. Uitgelegd dat een regeling kan.",
        ["geldzorgen"],
    ),
    (
        "Is blij met de nieuwe isolatie, het is veel stiller in huis. Vroeg wanneer de kozijnen aan de beurt zijn.",
        ["woning", "andere-vraag"],
    ),
    (
        "Meneer spreekt weinig Nederlands; buurjongen tolkte. Afgesproken dat we voortaan de buurjongen bellen.",
        ["welzijn"],
    ),
    (
        "Ouder echtpaar wil graag blijven wonen maar de douche is niet meer te doen; vragen naar aanpassingen.",
        ["gezondheid", "woning"],
    ),
    ("Jonge moeder alleen met baby, kent nog niemand in de buurt; gewezen op het ouder-kindcafé.", ["eenzaamheid"]),
]


def _postcode(rng, base: int) -> str:
    letters = "ABCDEGHJKLMNPRSTVWXZ"
    pair = rng.choice(letters) + rng.choice(letters)
    return f"{base} {'AB' if pair in {'SA', 'SD', 'SS'} else pair}"


def build_register(ctx: DemoContext) -> None:
    n_wijken, n_buurten, n_complexes, n_units, _rate = SIZES[ctx.size]
    wijken, buurten, complexes = _build_areas(ctx, n_wijken, n_buurten, n_complexes)
    Unit.objects.bulk_create(_units_for(ctx.rng, complexes, n_units), batch_size=2000)
    unit_rows = list(Unit.objects.filter(status="VEH").values_list("id", "buurt_id"))
    households, residents_by_household = _households_for(ctx, [unit_id for unit_id, _buurt_id in unit_rows])
    Household.objects.bulk_create(households, batch_size=2000)
    start_2y = ctx.today - dt.timedelta(days=3650)
    residents, tenancies = _residents_and_tenancies(ctx, households, residents_by_household, start_2y)
    Resident.objects.bulk_create(residents, batch_size=2000)
    Tenancy.objects.bulk_create(tenancies, batch_size=2000)
    HomeSeeker.objects.bulk_create(_home_seekers(ctx, max(20, len(unit_rows) // 10), start_2y))
    ctx.wijken, ctx.buurten, ctx.complexes = wijken, buurten, complexes
    ctx.unit_ids = [u for u, _ in unit_rows]
    ctx.household_ids = list(Household.objects.values_list("id", flat=True))


def _build_areas(
    ctx: DemoContext, n_wijken: int, n_buurten: int, n_complexes: int
) -> tuple[list[Wijk], list[Buurt], list[Complex]]:
    """The wijken, their buurten and the buurten's complexes, stored."""
    rng, fake = ctx.rng, ctx.fake
    wijken = Wijk.objects.bulk_create(
        [
            Wijk(
                code=f"WK9999{i:02d}", name=WIJKEN[i % len(WIJKEN)] + ("" if i < len(WIJKEN) else f" {i}"), place=PLACE
            )
            for i in range(n_wijken)
        ]
    )
    buurten = Buurt.objects.bulk_create(
        [
            Buurt(code=f"BU9999{w:02d}{b:02d}", name=f"{wijk.name} {fake.last_name()}buurt", wijk=wijk)
            for w, wijk in enumerate(wijken)
            for b in range(n_buurten)
        ]
    )
    complexes = Complex.objects.bulk_create(
        [
            Complex(
                code=f"{1000 + i}",
                name=f"{fake.street_name()}",
                buurt=buurt,
                construction_year=rng.choice([1925, 1958, 1965, 1972, 1985, 1998, 2008, 2019]),
            )
            for i, buurt in enumerate(b for b in buurten for _ in range(n_complexes))
        ]
    )
    return wijken, buurten, complexes


def _units_for(rng, complexes: list[Complex], n_units: int) -> list[Unit]:
    """``n_units`` units per complex (not stored): flats or single-family homes on the complex's street."""
    units = []
    postcode_base = 7000
    for c_index, complex_ in enumerate(complexes):
        street = complex_.name
        flats = rng.random() < 0.5
        postcode = _postcode(rng, postcode_base + c_index % 2999)
        for u in range(n_units):
            if flats:
                number, addition = 1 + u // 8, str(1 + u % 8)
                detail = rng.choice(["GAL", "POF", "POW"])
            else:
                number, addition = 1 + u, ""
                detail = rng.choice(["TUS", "HOE", "EIN", "BEN", "BOV"])
            units.append(
                Unit(
                    complex=complex_,
                    buurt_id=complex_.buurt_id,
                    street=street,
                    house_number=number,
                    house_number_addition=addition,
                    postcode=postcode,
                    place=PLACE,
                    kind="WOO",
                    detail_kind=detail,
                    status="VEH" if rng.random() > 0.02 else "LEE",
                    construction_year=complex_.construction_year,
                    id_extern=f"EH{c_index:04d}{u:03d}",
                )
            )
    return units


def _households_for(ctx: DemoContext, unit_ids: list[int]) -> tuple[list[Household], list[list[tuple]]]:
    """One household per let unit (not stored), with its people as (first, last, birth year, main tenant)."""
    rng, fake = ctx.rng, ctx.fake
    households, residents_by_household = [], []
    for unit_id in unit_ids:
        last = fake.last_name()
        size = rng.choices([1, 2, 3, 4], weights=[40, 30, 15, 15])[0]
        households.append(Household(name=f"Huishouden {last}", unit_id=unit_id))
        people = []
        for p in range(size):
            adult = p < 2
            year = rng.randint(1935, 2000) if adult else rng.randint(2005, 2020)
            people.append((fake.first_name(), last if p == 0 or rng.random() < 0.7 else fake.last_name(), year, p == 0))
        residents_by_household.append(people)
    return households, residents_by_household


def _residents_and_tenancies(
    ctx: DemoContext, households: list[Household], residents_by_household: list[list[tuple]], start_2y: dt.date
) -> tuple[list[Resident], list[Tenancy]]:
    """The stored households' residents and each household's tenancy (not stored)."""
    rng = ctx.rng
    residents, tenancies = [], []
    for household, people in zip(households, residents_by_household, strict=True):
        for first, last, year, main in people:
            prefix = ""
            if " " in last and last.split(" ")[0].lower() in {"de", "van", "van der", "van den", "ter", "den"}:
                prefix, last = last.split(" ", 1)
            residents.append(
                Resident(
                    household=household,
                    first_name=first,
                    prefix=prefix,
                    last_name=last,
                    birth_year=year,
                    phone=f"06 {rng.randint(10000000, 99999999)}" if main else "",
                    email=f"{first.lower()}.{last.lower().replace(' ', '')}@example.nl"
                    if main and rng.random() < 0.6
                    else "",
                    is_main_tenant=main,
                    preferred_language=rng.choices(["nl", "en", "tr", "ar", "pl"], weights=[85, 4, 5, 4, 2])[0],
                )
            )
        assert household.unit_id is not None  # made above from a unit
        tenancies.append(
            Tenancy(
                household=household,
                unit_id=household.unit_id,
                start_date=start_2y + dt.timedelta(days=rng.randint(0, 3600)),
            )
        )
    return residents, tenancies


def _home_seekers(ctx: DemoContext, count: int, start_2y: dt.date) -> list[HomeSeeker]:
    rng, fake = ctx.rng, ctx.fake
    return [
        HomeSeeker(
            registration_number=f"WZ{i:06d}",
            first_name=fake.first_name(),
            last_name=fake.last_name(),
            birth_year=rng.randint(1950, 2005),
            registered_on=start_2y + dt.timedelta(days=rng.randint(0, 3600)),
            email=f"zoeker{i}@example.nl",
        )
        for i in range(count)
    ]


def build_staff(ctx: DemoContext) -> None:
    fake = ctx.fake
    hashed = make_password(ctx.password)  # hash once: Argon2 is deliberately slow
    teams = []
    for index, wijk in enumerate(ctx.wijken):
        target = WIJK_TARGETS[index % len(WIJK_TARGETS)]
        team = Team.objects.create(name=f"Team {wijk.name}", contact_target_percent=target)
        team.wijken.add(wijk)
        teams.append(team)
    kcc_team = Team.objects.create(name="Klantcontactcentrum", contact_target_percent=KCC_TARGET)
    verhuur_team = Team.objects.create(name="Team Verhuur", contact_target_percent=VERHUUR_TARGET)
    verhuur_team.wijken.add(*ctx.wijken)
    ctx.teams = [*teams, kcc_team, verhuur_team]

    def make(username: str, role: str, team_list: list[Team], *, superuser: bool = False) -> User:
        user = User(
            username=username,
            first_name=fake.first_name(),
            last_name=fake.last_name(),
            role=role,
            email=f"{username}@lindeveen-wonen.example",
            is_superuser=superuser,
            is_staff=superuser,
        )
        user.password = hashed
        user.save()
        user.teams.set(team_list)
        ctx.users[username] = user
        return user

    first = teams[0]
    # One demo account per role, named after the role.
    for role, team_list in [
        (Role.WIJKBEHEERDER, [first]),
        (Role.HUISMEESTER, [first]),
        (Role.WOONCONSULENT, [first]),
        (Role.OPZICHTER, [first]),
        (Role.VAKMAN, [first]),
        (Role.TEAMLEIDER, [first]),
        (Role.VERHUURMEDEWERKER, [verhuur_team]),
        (Role.KCC_MEDEWERKER, [kcc_team]),
        (Role.BALIEMEDEWERKER, [kcc_team]),
        (Role.PLANEIGENAAR, []),
        (Role.MANAGER, []),
        (Role.BEHEERDER, []),
    ]:
        user = make(str(role), role, team_list)
        ctx.accounts.append((user.username, str(Role(role).label)))
    admin = make("admin", Role.BEHEERDER, [], superuser=True)
    ctx.accounts.append((admin.username, "Superuser (Django-beheer)"))
    # More staff so every team is of a realistic size: a wijk team has eight front staff (two
    # wijkbeheerders, huismeesters and woonconsulenten, an opzichter and a vakman) and a team lead;
    # the contact centre six, letting five. Every team then has at least five pulse answers.
    per_team = [Role.WIJKBEHEERDER, Role.HUISMEESTER, Role.WOONCONSULENT, Role.OPZICHTER]
    second = [Role.WIJKBEHEERDER, Role.HUISMEESTER, Role.WOONCONSULENT]
    for role in second:
        make(f"{role}1b", role, [first])
    for t_index, team in enumerate(teams[1:], start=1):
        for role in per_team:
            make(f"{role}{t_index + 1}", role, [team])
        for role in second:
            make(f"{role}{t_index + 1}b", role, [team])
        make(f"vakman{t_index + 1}", Role.VAKMAN, [team])
        make(f"teamleider{t_index + 1}", Role.TEAMLEIDER, [team])
        if ctx.size == "large":
            for extra in range(20):
                make(f"medewerker{t_index}_{extra}", per_team[extra % 4], [team])
    make("kcc2", Role.KCC_MEDEWERKER, [kcc_team])
    make("kcc3", Role.KCC_MEDEWERKER, [kcc_team])
    make("kcc4", Role.KCC_MEDEWERKER, [kcc_team])
    make("baliemedewerker2", Role.BALIEMEDEWERKER, [kcc_team])
    for number in range(2, 6):
        make(f"verhuurmedewerker{number}", Role.VERHUURMEDEWERKER, [verhuur_team])
    ctx.staff = [u for u in ctx.users.values() if u.is_front]


def build_history(ctx: DemoContext) -> None:
    """Two years of contacts and cases (ten years for the large size)."""
    staff_by_team, team_by_wijk, kcc_staff = _history_staff(ctx)
    buurt_wijk: dict[int, int] = dict(Buurt.objects.values_list("id", "wijk_id"))
    households = list(Household.objects.values_list("id", "unit_id", "unit__buurt_id"))
    contacts, cases = _household_contacts(ctx, households, staff_by_team, team_by_wijk, buurt_wijk, kcc_staff)
    contacts += _contact_time(ctx, contacts, households, team_by_wijk, buurt_wijk)
    _store_cases(cases)
    ContactMoment.objects.bulk_create(contacts, batch_size=5000)
    _store_last_contact(contacts)
    # Promises: mostly kept; some open for the demo accounts, a few overdue.
    promises = _contact_promises(ctx, contacts) + _demo_account_promises(ctx)
    Promise.objects.bulk_create(promises, batch_size=2000)


def _history_staff(ctx: DemoContext) -> tuple[dict[int, list[User]], dict[int, int], list[User]]:
    """Front staff per team, the team of each wijk (the first that serves it) and the KCC/balie staff."""
    staff_by_team: dict[int, list[User]] = {}
    for user in ctx.staff:
        for team_id in user.teams.values_list("id", flat=True):
            staff_by_team.setdefault(team_id, []).append(user)
    team_by_wijk: dict[int, int] = {}
    for team in ctx.teams:
        for wijk_id in team.wijken.values_list("id", flat=True):
            team_by_wijk.setdefault(wijk_id, team.pk)
    kcc_staff = [u for u in ctx.staff if u.role in (Role.KCC_MEDEWERKER, Role.BALIEMEDEWERKER)]
    return staff_by_team, team_by_wijk, kcc_staff


def _household_contacts(
    ctx: DemoContext, households, staff_by_team, team_by_wijk, buurt_wijk, kcc_staff
) -> tuple[list[ContactMoment], list[tuple[Case, list[str], dt.datetime]]]:
    """Each household's contacts over the years (not stored), and the cases some of them opened
    with the statuses each went through."""
    rng = ctx.rng
    rate = SIZES[ctx.size][4]
    years = 10 if ctx.size == "large" else 2
    now = ctx.now
    case_types = list(CaseType.values)
    case_weights = [55, 10, 15, 10, 10]
    cases, contacts = [], []
    for hh_id, unit_id, buurt_id in households:
        team_id = team_by_wijk.get(buurt_wijk[buurt_id])
        local_staff = (team_id is not None and staff_by_team.get(team_id)) or ctx.staff
        n = max(0, round(rng.gauss(rate * years, rate)))
        stories = rng.sample(BEYOND_TEXTS, 2)  # what is going on in this household, told over time
        for _ in range(n):
            # Office hours on the association's wall clock (08:00-17:59 always exist, also in March).
            when = clock.localtime(now - dt.timedelta(days=rng.random() * 365 * years, hours=rng.randint(0, 8)))
            when = when.replace(hour=rng.randint(8, 17), minute=rng.choice([0, 10, 15, 20, 30, 40, 45, 50]))
            if when > now:
                when = clock.localtime(now - dt.timedelta(hours=1))
            by_kcc = rng.random() < 0.45
            staff = rng.choice(kcc_staff if by_kcc and kcc_staff else local_staff)
            channel = (
                "TEL"
                if by_kcc
                else rng.choices(["BEZ", "STR", "TEL", "EMA", "APP", "BAL", "BRI"], weights=[35, 15, 20, 10, 10, 5, 5])[
                    0
                ]
            )
            case = None
            if rng.random() < 0.4:
                ctype = rng.choices(case_types, weights=case_weights)[0]
                subject, note = rng.choice(PROCESS_TEXTS[ctype])
                if subject in IN_PERSON_SUBJECTS:
                    channel = "BEZ"
                case, path = _demo_case(ctx, ctype, note, hh_id, unit_id, team_id, local_staff, staff, when.date())
                cases.append((case, path, when))
            else:
                subject, note = channel_text(rng, channel)
            tags: list[str]
            beyond, tags = ("", [])
            if rng.random() < 0.35:
                beyond, tags = stories.pop() if stories else ("", [])
            contacts.append(
                ContactMoment(
                    channel=channel,
                    direction=rng.choices(["INK", "UIT", "PRO"], weights=[60, 25, 15])[0],
                    staff=staff,
                    household_id=hh_id,
                    unit_id=unit_id,
                    occurred_at=when,
                    duration_minutes=_minutes(rng, channel),
                    subject=subject,
                    process_note=note,
                    beyond_note=beyond,
                    beyond_tags=list(tags),
                    case=case,
                )
            )
    return contacts, cases


def _store_cases(cases: list[tuple[Case, list[str], dt.datetime]]) -> None:
    """Store the cases and, per case, a status change for each status it went through."""
    changes = []
    Case.objects.bulk_create([c for c, _p, _w in cases], batch_size=2000)
    for case, path, _when in cases:
        previous = ""
        for status in path:
            changes.append(
                CaseStatusChange(case=case, from_status=previous, to_status=status, changed_by_id=case.created_by_id)
            )
            previous = status
    CaseStatusChange.objects.bulk_create(changes, batch_size=5000)


def _store_last_contact(contacts: list[ContactMoment]) -> None:
    """last_contact_at per household, in one pass"""
    last: dict[int, dt.datetime] = {}
    for c in contacts:
        hh = c.household_id
        assert hh is not None  # every demo contact is about a household
        if hh not in last or last[hh] < c.occurred_at:
            last[hh] = c.occurred_at
    objs = [Household(id=h, last_contact_at=when) for h, when in last.items()]
    Household.objects.bulk_update(objs, ["last_contact_at"], batch_size=2000)


def _contact_promises(ctx: DemoContext, contacts: list[ContactMoment]) -> list[Promise]:
    """A promise on about 400 of the stored contacts: the recent ones mostly open, the others kept."""
    rng, today = ctx.rng, ctx.today
    promises = []
    for c in contacts[:: max(1, len(contacts) // 400)]:
        due = clock.localdate(c.occurred_at) + dt.timedelta(days=rng.randint(1, 7))
        open_ = due >= today - dt.timedelta(days=3) and rng.random() < 0.6
        promises.append(
            Promise(
                contact_moment=c,
                household_id=c.household_id,
                kind=rng.choice(PromiseKind.values),
                description=rng.choice(
                    [
                        "Ik bel u terug over de planning.",
                        "Ik kom volgende week even langs.",
                        "Ik zoek uit wanneer de monteur komt.",
                        "Ik stuur u de folder over huurtoeslag.",
                    ]
                ),
                owner=c.staff,
                due_date=due,
                status=PromiseStatus.OPEN if open_ else PromiseStatus.KEPT,
                done_at=None
                if open_
                else clock.from_wall_clock(dt.datetime.combine(due, dt.time(15)))
                - dt.timedelta(days=rng.choice([0, 0, 0, 1, -2])),
            )
        )
    return promises


def _demo_account_promises(ctx: DemoContext) -> list[Promise]:
    """Open call-backs of the wijkbeheerder demo account, from two days overdue to two days ahead."""
    promises = []
    me = ctx.users.get("wijkbeheerder")
    if me is not None:
        my_households = list(
            Household.objects.filter(unit__buurt__wijk__teams__in=me.teams.all()).values_list("id", flat=True)[:5]
        )
        for i, hh in enumerate(my_households):
            promises.append(
                Promise(
                    household_id=hh,
                    owner=me,
                    kind=PromiseKind.CALL_BACK,
                    description=[
                        "Terugbellen over de lekkage",
                        "Langs voor de schimmelplekken",
                        "Uitzoeken of een traplift kan",
                        "Terugbellen over de buren",
                        "Folder koffieochtend brengen",
                    ][i],
                    due_date=ctx.today + dt.timedelta(days=i - 2),
                )
            )
    return promises


def _minutes(rng, channel: str) -> int:
    low, high = CHANNEL_MINUTES.get(channel, (5, 15))
    return rng.randint(low, high)


def _demo_case(
    ctx, ctype, note, hh_id, unit_id, team_id, local_staff, staff, registered: dt.date
) -> tuple[Case, list[str]]:
    """A case registered on ``registered`` and the statuses it went through: one older than its lead
    time has been closed (as a working association closes them), a young one is still under way with
    its target date ahead."""
    rng, today = ctx.rng, ctx.today
    age = (today - registered).days
    lead = DEFAULT_LEAD_DAYS[ctype]
    flow = workflow_for(ctype)
    status = "REG" if ctype == CaseType.REPARATIEVERZOEK else "AAN"
    path = [status]
    if age > lead:  # walk forward to a closing status
        for _step in range(10):
            if status in CLOSED_STATUSES:
                break
            options = [s for s in flow.get(status, []) if s != "GEA"] or flow.get(status, [])
            if not options:
                break
            status = options[0]
            path.append(status)
    else:
        for _step in range(rng.randint(0, 2)):
            options = [s for s in flow.get(status, []) if s not in CLOSED_STATUSES]
            if not options:
                break
            status = options[0] if rng.random() < 0.8 else rng.choice(options)
            path.append(status)
    case = Case(
        case_type=ctype,
        detail_type=_detail_for(rng, ctype),
        status=status,
        description=note,
        household_id=hh_id,
        unit_id=unit_id,
        assignee=rng.choice(local_staff),
        assignee_team_id=team_id,
        registered_on=registered,
        target_date=registered + dt.timedelta(days=lead),
        closed_on=min(today, registered + dt.timedelta(days=rng.randint(1, max(1, lead + lead // 4))))
        if status in CLOSED_STATUSES
        else None,
        created_by=staff,
        version=len(path),
    )
    return case, path


def _detail_for(rng, ctype: str) -> str:
    """A detail type of the case type's own list (or none), never another type's."""
    from frontlijn.cases.models import detail_codes_for

    codes = [c for c, _n in detail_codes_for(ctype)]
    return rng.choice(codes) if codes and rng.random() < 0.6 else ""


def _contact_time(ctx, contacts, households, team_by_wijk, buurt_wijk) -> list[ContactMoment]:
    """Contacts that bring every front staff member's working days near their team's target for
    time for contact (a team month at 92-102% of its target), as logged in a working association:
    phone calls at the contact centre, visits and street rounds in the wijk.

    Over the whole history for the demo size, the last three months for "small" (tests); the
    benchmark sizes keep their own generator (bench)."""
    if ctx.size not in ("demo", "small"):
        return []
    rng, now, today = ctx.rng, ctx.now, ctx.today
    from frontlijn.dashboard.indicators import add_months

    start = today - dt.timedelta(days=730) if ctx.size == "demo" else add_months(today.replace(day=1), -3)
    logged: dict[tuple[int, dt.date], int] = {}
    for c in contacts:
        key = (c.staff_id, clock.localdate(c.occurred_at))
        logged[key] = logged.get(key, 0) + c.duration_minutes
    by_team: dict[int, list[tuple[int, int]]] = {}
    for hh_id, unit_id, buurt_id in households:
        by_team.setdefault(team_by_wijk.get(buurt_wijk[buurt_id]), []).append((hh_id, unit_id))
    everyone = [(h, u) for h, u, _b in households]
    if not everyone:
        return []
    team_of: dict[int, Team] = {}
    for team in ctx.teams:
        for user in team.members.all():
            team_of.setdefault(user.pk, team)
    factors: dict[tuple[int, int, int], float] = {}
    morning: dict[dt.date, dt.datetime] = {}
    made = []
    for user in ctx.staff:
        team = team_of.get(user.pk)
        if team is None:
            continue
        weights = ROLE_CHANNELS.get(user.role, WIJK_CHANNELS)
        channels, channel_weights = list(weights), list(weights.values())
        pool = everyone if user.role in ROLE_CHANNELS else (by_team.get(team.pk) or everyone)
        day = start
        while day < today:  # whole working days only, none in the future
            if day.weekday() < 5:
                month_key = (team.pk, day.year, day.month)
                if month_key not in factors:
                    factors[month_key] = 0.92 + 0.10 * rng.random()
                share = team.contact_target_percent / 100 * factors[month_key] * max(0.6, rng.gauss(1, 0.12))
                goal = team.hours_per_week / 5 * 60 * share - logged.get((user.pk, day), 0)
                clock_minutes = 8 * 60 + 30
                while goal > 0:
                    channel = rng.choices(channels, weights=channel_weights)[0]
                    minutes = _minutes(rng, channel)
                    if minutes > 2 * goal:  # the day is as good as full
                        break
                    hh_id, unit_id = rng.choice(pool)
                    subject, note = channel_text(rng, channel)
                    if user.role == Role.VERHUURMEDEWERKER and channel == "BEZ":
                        subject, note = rng.choice(PROCESS_TEXTS[CaseType.VERHUUR])
                    beyond, tags = ("", [])
                    if channel in ("BEZ", "STR") and rng.random() < 0.2:
                        beyond, tags = rng.choice(BEYOND_TEXTS)
                    if day not in morning:  # 08:30 on the wall clock; later times of the day add minutes
                        morning[day] = clock.from_wall_clock(dt.datetime.combine(day, dt.time(8, 30)))
                    when = morning[day] + dt.timedelta(minutes=min(clock_minutes, 17 * 60 + 30) - (8 * 60 + 30))
                    made.append(
                        ContactMoment(
                            channel=channel,
                            direction="INK" if user.role in ROLE_CHANNELS else rng.choice(["UIT", "PRO", "INK"]),
                            staff=user,
                            household_id=hh_id,
                            unit_id=unit_id,
                            occurred_at=when,
                            duration_minutes=minutes,
                            subject=subject,
                            process_note=note,
                            beyond_note=beyond,
                            beyond_tags=list(tags),
                        )
                    )
                    goal -= minutes
                    clock_minutes += minutes + rng.randint(5, 30)
            day += dt.timedelta(days=1)
    return [c for c in made if c.occurred_at <= now]


def load_apps(ctx: DemoContext, *, stdout=None) -> None:
    for config in apps.get_app_configs():
        if not config.name.startswith("frontlijn.") or config.name == "frontlijn.core":
            continue
        try:
            module = importlib.import_module(f"{config.name}.demo")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.demo":
                raise
            continue
        started = time.monotonic()
        module.load(ctx)
        if stdout is not None:
            stdout.write(f"  {config.label}: {time.monotonic() - started:.1f} s")


@transaction.atomic
def demo_load(*, size: str = "demo", seed: int = 2021, stdout=None) -> DemoContext:
    ctx = DemoContext.create(seed=seed, size=size)
    steps = [("register", build_register), ("staff and teams", build_staff), ("contacts and cases", build_history)]
    for name, step in steps:
        started = time.monotonic()
        step(ctx)
        if stdout is not None:
            stdout.write(f"  {name}: {time.monotonic() - started:.1f} s")
    load_apps(ctx, stdout=stdout)
    return ctx
