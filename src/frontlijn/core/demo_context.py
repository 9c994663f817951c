"""What the demo loader hands to each app's ``demo.load(ctx)``.

``frontlijn demo`` builds the register, staff and teams (``frontlijn.demo.loader``), then calls
``load(ctx)`` of every Frontlijn app that has a ``demo`` module, in INSTALLED_APPS order. Apps
use ``ctx.rng`` and ``ctx.fake`` (seeded) so the demo association is the same on every machine.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from faker import Faker


@dataclass
class DemoContext:
    rng: random.Random
    fake: Faker
    now: dt.datetime
    size: str = "demo"  # "demo" (make demo), "small" (tests/bench), "large" (scale benchmarks)
    users: dict = field(default_factory=dict)  # username -> User (one demo account per role, and more staff)
    staff: list = field(default_factory=list)  # all front staff users
    teams: list = field(default_factory=list)
    wijken: list = field(default_factory=list)
    buurten: list = field(default_factory=list)
    complexes: list = field(default_factory=list)
    unit_ids: list = field(default_factory=list)
    household_ids: list = field(default_factory=list)
    password: str = "frontlijn-demo"
    accounts: list = field(default_factory=list)  # (username, role label) printed at the end

    @property
    def today(self) -> dt.date:
        """The association's date at ``now`` (never ``now.date()``, the UTC date)."""
        from frontlijn.lib import clock

        return clock.localdate(self.now)

    @classmethod
    def create(cls, *, seed: int = 2021, size: str = "demo", now: dt.datetime | None = None) -> DemoContext:
        from frontlijn.lib import clock

        fake = Faker("nl_NL")
        fake.seed_instance(seed)
        return cls(rng=random.Random(seed), fake=fake, now=now or clock.now(), size=size)
