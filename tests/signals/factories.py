import factory

from frontlijn.signals.models import Sensitivity, Signal, Theme
from tests.factories import BuurtFactory, UserFactory


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
            self.themes.set(Theme.objects.filter(code__in=extracted or ["vervuiling"]))


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
