"""factory-boy factories for the core models, shared by every app's tests."""

import datetime as dt

import factory
from django.utils import timezone

from frontlijn.cases.models import Case, CaseType, initial_status
from frontlijn.contacts.models import ContactMoment, Promise
from frontlijn.register.models import Buurt, Complex, HomeSeeker, Household, Resident, Tenancy, Unit, Wijk
from frontlijn.teams.models import Role, Team, User


class WijkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Wijk

    name = factory.Sequence(lambda n: f"Wijk {n}")
    code = factory.Sequence(lambda n: f"WK0363{n:02d}")
    place = "Amsterdam"


class BuurtFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Buurt

    name = factory.Sequence(lambda n: f"Buurt {n}")
    code = factory.Sequence(lambda n: f"BU0363{n:04d}")
    wijk = factory.SubFactory(WijkFactory)


class ComplexFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Complex

    code = factory.Sequence(lambda n: f"C{n:04d}")
    name = factory.Sequence(lambda n: f"Complex {n}")
    buurt = factory.SubFactory(BuurtFactory)


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    complex = factory.SubFactory(ComplexFactory)
    buurt = factory.SelfAttribute("complex.buurt")
    street = "Dorpsstraat"
    house_number = factory.Sequence(lambda n: n + 1)
    postcode = "1234 AB"
    place = "Amsterdam"


class HouseholdFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Household

    name = factory.Sequence(lambda n: f"Huishouden {n}")
    unit = factory.SubFactory(UnitFactory)


class ResidentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resident

    household = factory.SubFactory(HouseholdFactory)
    first_name = "Anna"
    last_name = factory.Sequence(lambda n: f"Jansen{n}")
    birth_year = 1960
    phone = "06 12345678"
    is_main_tenant = True


class TenancyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tenancy

    household = factory.SubFactory(HouseholdFactory)
    unit = factory.SelfAttribute("household.unit")
    start_date = dt.date(2015, 1, 1)


class HomeSeekerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HomeSeeker

    registration_number = factory.Sequence(lambda n: f"WZ{n:06d}")
    first_name = "Sam"
    last_name = factory.Sequence(lambda n: f"Zoeker{n}")
    registered_on = dt.date(2020, 1, 1)


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Team {n}")

    @factory.post_generation
    def buurten(self, create, extracted, **kwargs):
        if create and extracted:
            self.buurten.set(extracted)

    @factory.post_generation
    def wijken(self, create, extracted, **kwargs):
        if create and extracted:
            self.wijken.set(extracted)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Fatma"
    last_name = factory.Sequence(lambda n: f"Medewerker{n}")
    role = Role.WIJKBEHEERDER
    password = factory.PostGenerationMethodCall("set_password", "geheim-wachtwoord-1")

    @factory.post_generation
    def teams(self, create, extracted, **kwargs):
        if create and extracted:
            self.teams.set(extracted)
        if create:
            self.save()


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Case

    case_type = CaseType.REPARATIEVERZOEK
    status = factory.LazyAttribute(lambda o: initial_status(o.case_type))
    description = "Lekkage in de badkamer"
    household = factory.SubFactory(HouseholdFactory)
    unit = factory.SelfAttribute("household.unit")
    registered_on = factory.LazyFunction(timezone.localdate)


class ContactMomentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactMoment

    channel = "TEL"
    direction = "INK"
    staff = factory.SubFactory(UserFactory)
    household = factory.SubFactory(HouseholdFactory)
    unit = factory.SelfAttribute("household.unit")
    occurred_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(hours=1))
    duration_minutes = 10
    subject = "Vraag over de huur"
    process_note = "Uitgelegd hoe de huurverhoging werkt."


class PromiseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Promise

    household = factory.SubFactory(HouseholdFactory)
    owner = factory.SubFactory(UserFactory)
    description = "Terugbellen over de lekkage"
    due_date = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=2))


def area(*, buurt=None):
    """A buurt with a team covering it; returns (buurt, team)."""
    buurt = buurt or BuurtFactory()
    team = TeamFactory(buurten=[buurt])
    return buurt, team


def staff_in(buurt, *, role=Role.WIJKBEHEERDER, **kwargs):
    """A staff member whose team covers ``buurt``."""
    team = TeamFactory(buurten=[buurt])
    return UserFactory(role=role, teams=[team], **kwargs)


def login(client, user):
    """Log ``client`` in as ``user`` as after the full login: the password and, for the roles that
    need one, the second factor (``privacy.twofactor``). Returns the client."""
    from frontlijn.privacy import twofactor

    client.force_login(user)
    if twofactor.required_for(user):
        session = client.session
        twofactor.mark_verified(session)
        session.save()
    return client
