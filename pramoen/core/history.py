"""The audit trail as people read it: who changed which field of what, from what to what.

Every model keeps its history with django-simple-history; this module turns one
or more historical querysets into :class:`ChangeRow` rows, newest first, for
the partial ``core/_history_table.html``::

    rows = changes([Kpi.history.filter(agreement_id=a.pk), Criterion.history.filter(kpi__agreement_id=a.pk)])

Queries: one per queryset (``history_user`` comes with ``select_related``),
plus at most one to find the earlier records of objects whose previous version
the queryset left out, plus one per related model shown in a changed foreign
key. Never one per row: consecutive records are paired in Python.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Callable, Iterable

from django.db import models
from django.db.models import QuerySet
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.translation import gettext

from pramoen.core.fields import canonical
from pramoen.core.templatetags.pramoen import format_be_date

CREATED = "created"
CHANGED = "changed"
DELETED = "deleted"
_ACTIONS = {"+": CREATED, "~": CHANGED, "-": DELETED}

# Bookkeeping fields nobody edits; a change to them alone is not a change a person made.
EXCLUDED_FIELDS = frozenset({"updated_at", "created_at", "modified_at", "last_modified"})


@dataclass(frozen=True)
class ChangeRow:
    when: datetime
    user: str  # full name or username; "" when no user was recorded (a command, a migration)
    object_label: str
    action: str  # "created" | "changed" | "deleted"
    field_label: str  # the field's verbose name; "" for a creation, a deletion or a reason-only save
    before: str
    after: str
    reason: str  # history_change_reason, e.g. the workflow step


def changes(history_querysets: Iterable[QuerySet], labels: Callable[[models.Model], str] | None = None) -> list[ChangeRow]:
    """Rows for every change recorded in ``history_querysets``, newest first.

    ``labels(instance)`` names the object a row is about (default: ``str(instance)``,
    computed once per object). Give ``labels`` when the model's ``__str__`` follows a
    foreign key, or each object costs a query.
    """
    label_cache: dict[tuple[type, Any], str] = {}
    pending: list[tuple[Any, Any, list[models.Field]]] = []  # (record, previous record or None, changed fields)

    for queryset in history_querysets:
        records = list(queryset.select_related("history_user").order_by("history_date", "history_id"))
        if not records:
            continue
        history_model = type(records[0])
        pk_name = history_model.instance_type._meta.pk.attname
        earlier = _previous_records(history_model, records, pk_name)
        last_seen: dict[Any, Any] = {}
        for record in records:
            key = getattr(record, pk_name)
            previous = last_seen.get(key) or earlier.get(record.history_id)
            last_seen[key] = record
            pending.append((record, previous, _changed_fields(record, previous)))

    related = _related_labels(pending)
    # Each object is named once, as it is now (or was when deleted): from its newest record.
    for record, _previous, _fields in reversed(pending):
        object_key = (record.instance_type, getattr(record, record.instance_type._meta.pk.attname))
        if object_key not in label_cache:
            instance = record.instance
            label_cache[object_key] = labels(instance) if labels else str(instance)
    rows: list[tuple[tuple[datetime, int], ChangeRow]] = []
    for record, previous, fields in pending:
        model = record.instance_type
        object_key = (model, getattr(record, model._meta.pk.attname))
        base = dict(
            when=record.history_date,
            user=_user_name(record.history_user),
            object_label=label_cache[object_key],
            action=_ACTIONS[record.history_type],
            reason=record.history_change_reason or "",
        )
        sort_key = (record.history_date, record.history_id)
        if not fields:
            # A creation, a deletion, a change with nothing earlier to compare: one row. A save
            # that changed nothing shows only when it says why (a workflow step, say).
            if record.history_type != "~" or previous is None or base["reason"]:
                rows.append((sort_key, ChangeRow(field_label="", before="", after="", **base)))
            continue
        for field in fields:
            rows.append((
                sort_key,
                ChangeRow(
                    field_label=str(field.verbose_name),
                    before=_show(field, getattr(previous, field.attname), related),
                    after=_show(field, getattr(record, field.attname), related),
                    **base,
                ),
            ))
    # Newest record first; the sort is stable, so the fields of one record keep the model's order.
    rows.sort(key=lambda r: r[0], reverse=True)
    return [row for _key, row in rows]


def _previous_records(history_model: type, records: list, pk_name: str) -> dict[int, Any]:
    """The record just before each change whose predecessor the queryset did not include (one query)."""
    seen: set[Any] = set()
    first_of: dict[Any, Any] = {}  # object's pk → its first record here, when that is a change
    for record in records:
        key = getattr(record, pk_name)
        if key not in seen and record.history_type == "~":
            first_of[key] = record
        seen.add(key)
    if not first_of:
        return {}
    candidates = history_model.objects.filter(**{f"{pk_name}__in": list(first_of)}).order_by("history_date", "history_id")
    found: dict[int, Any] = {}
    for candidate in candidates:  # oldest first: the last one kept is the one just before
        orphan = first_of[getattr(candidate, pk_name)]
        if (candidate.history_date, candidate.history_id) < (orphan.history_date, orphan.history_id):
            found[orphan.history_id] = candidate
    return found


def _tracked_fields(record: Any) -> list[models.Field]:
    tracked = {t.name for t in record.tracked_fields}
    return [
        f
        for f in record.instance_type._meta.concrete_fields
        if f.editable
        and not f.primary_key
        and f.name in tracked
        and f.name not in EXCLUDED_FIELDS
        and not getattr(f, "auto_now", False)
        and not getattr(f, "auto_now_add", False)
    ]


def _changed_fields(record: Any, previous: Any | None) -> list[models.Field]:
    if record.history_type != "~" or previous is None:
        return []
    fields = _tracked_fields(record)
    delta = record.diff_against(previous, included_fields=[f.name for f in fields])
    changed = set(delta.changed_fields)
    return [f for f in fields if f.name in changed]


def _related_labels(pending: list[tuple[Any, Any, list[models.Field]]]) -> dict[tuple[type, Any], str]:
    """Names of the objects that changed foreign keys point at: one query per related model."""
    wanted: dict[type, set[Any]] = defaultdict(set)
    for record, previous, fields in pending:
        for field in fields:
            if field.is_relation and field.many_to_one:
                for value in (getattr(previous, field.attname), getattr(record, field.attname)):
                    if value is not None:
                        wanted[field.related_model].add(value)
    found: dict[tuple[type, Any], str] = {}
    for model, pks in wanted.items():
        for pk, obj in model._base_manager.in_bulk(list(pks)).items():
            found[(model, pk)] = str(obj)
    return found


def _user_name(user: Any) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def _show(field: models.Field, value: Any, related: dict[tuple[type, Any], str]) -> str:
    """``value`` of ``field`` the way a person reads it."""
    if value is None or value == "":
        return ""
    if field.is_relation and field.many_to_one:
        # A deleted target keeps its number so the row still says something.
        return related.get((field.related_model, value), f"#{value}")
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, Decimal):
        return canonical(value)
    if isinstance(value, datetime):
        local = timezone.localtime(value) if timezone.is_aware(value) else value
        return f"{format_be_date(local)} {local:%H:%M}"
    if isinstance(value, date):
        return format_be_date(value)
    if isinstance(value, FieldFile):
        return value.name or ""
    return str(value)
