import factory

from frontlijn.signals.models import Sensitivity, Signal, Theme
from tests.factories import BuurtFactory, UserFactory


def ensure_default_themes() -> None:
    """The themes the data migration adds; a transactional test before this one may have flushed
    them (live-server browser tests), and a signal without its theme is silently theme-less."""
    from frontlijn.signals.themes import DEFAULT_THEMES

    for order, (code, label, soort, vera_code) in enumerate(DEFAULT_THEMES, start=1):
        Theme.objects.get_or_create(
            code=code, defaults={"label": label, "vera_soort": soort, "vera_code": vera_code, "order": order * 10}
        )


class SignalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Signal
        skip_postgeneration_save = True

    raised_by = factory.SubFactory(UserFactory)
    buurt = factory.SubFactory(BuurtFactory)
    wijk = factory.SelfAttribute("buurt.wijk")
    text = "Zwerfvuil rond de containers"
    sensitivity = Sensitivity.PLACE

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create:
            codes = extracted or ["vervuiling"]
            if Theme.objects.filter(code__in=codes).count() < len(set(codes)):
                ensure_default_themes()
            self.themes.set(Theme.objects.filter(code__in=codes))


def person_signal(household, **kwargs):
    unit = household.unit
    return SignalFactory(
        household=household,
        unit=unit,
        complex=unit.complex,
        buurt=unit.buurt,
        wijk=unit.buurt.wijk,
        sensitivity=Sensitivity.PERSON,
        text="Meneer is erg eenzaam sinds zijn vrouw overleed",
        **kwargs,
    )
