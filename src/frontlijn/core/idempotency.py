"""Nothing stored twice: one create per (user, idempotency key).

Every create form carries a hidden ``idempotency_key``: a UUID the browser makes when the form
opens (``frontlijn/offline/app.js``; the server renders one too, for a browser without
JavaScript). A double click, a re-sent POST or a replay from the offline outbox arrives with the
same key; :func:`create_once` then stores nothing and answers with the first result.

The key row is inserted in the same transaction as the record it stands for, *before* the
record: a second request with the same key waits on the unique index (PostgreSQL) or on the
database write lock (SQLite) and, once the first commits, fails the insert and reads the first
result. When the create fails validation, the transaction rolls back the key too, so the same
form can be corrected and sent again.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, TypeVar

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from frontlijn.core.models import IdempotencyKey
from frontlijn.lib import clock

if TYPE_CHECKING:
    from frontlijn.teams.models import User

T = TypeVar("T", bound=models.Model)
FIELD = "idempotency_key"


@dataclass
class Outcome(Generic[T]):
    """What a create returned: the new object, or (``replayed``) the first result of this key."""

    url: str
    obj: T | None = None
    replayed: bool = False


def parse_key(value) -> uuid.UUID | None:
    """The key from a form or header, or None when absent or not a UUID (then no protection)."""
    if isinstance(value, uuid.UUID):
        return value
    try:
        return uuid.UUID(str(value or "").strip())
    except ValueError:
        return None


def _first(user: User, key: uuid.UUID, kind: str) -> Outcome | None:
    row = IdempotencyKey.objects.filter(user=user, key=key).first()
    if row is None or not row.object_id:
        return None
    if row.kind != kind:
        raise ValidationError(_("Dit formulier is al eens voor iets anders verstuurd. Open het formulier opnieuw."))
    return Outcome(url=row.response_url, replayed=True)


def first_result(request, kind: str) -> Outcome | None:
    """For a POST whose key was already stored: the first result, before the form is validated
    again (a replay the next day must not fail on "a promise date today or later")."""
    key = parse_key(request.POST.get(FIELD)) if request.method == "POST" else None
    if key is None or not request.user.is_authenticated:
        return None
    try:
        return _first(request.user, key, kind)
    except ValidationError:
        return None  # used for another kind: the form reports it


def create_once(
    *,
    user: User,
    key: uuid.UUID | str | None,
    kind: str,
    create: Callable[[], T],
    url: Callable[[T], str],
    made_at: dt.datetime | None = None,
) -> Outcome[T]:
    """Run ``create`` once per (user, key) and remember where its result lives.

    ``create`` is a service call (it may raise ValidationError/PermissionDenied; then nothing is
    remembered). Without a key (an old form, the API) the create simply runs.
    """
    key = parse_key(key)
    if key is None:
        with transaction.atomic():
            obj = create()
        return Outcome(url=url(obj), obj=obj)
    if (first := _first(user, key, kind)) is not None:
        return first
    try:
        with transaction.atomic():
            row = IdempotencyKey.objects.create(user=user, key=key, kind=kind, made_at=made_at)
            obj = create()
            row.object_type = obj._meta.label_lower[:40]
            row.object_id = str(obj.pk)
            row.response_url = url(obj)[:300]
            row.save(update_fields=["object_type", "object_id", "response_url"])
    except IntegrityError:
        # Another request with this key won the race and has committed: answer with its result.
        if (first := _first(user, key, kind)) is not None:
            return first
        raise
    return Outcome(url=row.response_url, obj=obj)


def keys_expire(*, now: dt.datetime | None = None, dry_run: bool = False) -> int:
    """Remove keys older than FRONTLIJN_IDEMPOTENCY_DAYS (never fewer than 30); returns the count."""
    days = max(30, int(getattr(settings, "FRONTLIJN_IDEMPOTENCY_DAYS", 35)))
    cutoff = (now or clock.now()) - dt.timedelta(days=days)
    qs = IdempotencyKey.objects.filter(received_at__lt=cutoff)
    if dry_run:
        return qs.count()
    return qs.delete()[0]


class IdempotencyKeyField(forms.UUIDField):
    """The hidden key field. Unbound forms get a fresh server-side UUID; app.js replaces it
    with one made by the browser whenever the form opens afresh (also from the offline cache)."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", gettext_lazy("Verzendsleutel"))
        kwargs.setdefault(
            "error_messages", {"invalid": gettext_lazy("Open het formulier opnieuw en verstuur het dan.")}
        )
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "data-idempotency-key": ""}


class IdempotentFormMixin(forms.Form):
    """Adds the hidden ``idempotency_key`` (a fresh UUID when the form is not bound)."""

    idempotency_key = IdempotencyKeyField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault(FIELD, uuid.uuid4())
