"""Forms of the rounds app: one KPI's result and narrative, a workflow step, an evidence file."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from pramoen.agreements.models import LEVEL_NUMBERS, Criterion, Kpi, KpiKind
from pramoen.agreements.scorecard import milestone_levels
from pramoen.core.fields import NumberFormField
from pramoen.scoring.rules import percent_disagrees

from .models import CriterionResult, Result, Round
from .workflow import lock_editable

NARRATIVE_FIELDS = ("narrative_reasons", "narrative_factors", "narrative_obstacles", "narrative_plan")
NARRATIVE_MAX = 20_000
LOWEST_LEVEL, HIGHEST_LEVEL = Decimal(1), Decimal(5)
PERCENT_UNIT = "ร้อยละ"  # a result in this unit must agree with its formula's numbers


def _label(name: str) -> Any:
    return capfirst(Result._meta.get_field(name).verbose_name)


def check_level(value: Decimal | None) -> None:
    if value is not None and not (LOWEST_LEVEL <= value <= HIGHEST_LEVEL):
        raise ValidationError(
            _("A level must be from 1 to 5 (decimals such as 3.5 are allowed), not %(value)s."),
            code="level_range", params={"value": value},
        )


class LevelField(NumberFormField):
    """A level reached, 1–5, decimals allowed."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "decimal", "class": "level-input"})

    def validate(self, value: Any) -> None:
        super().validate(value)
        check_level(value)


class ResultForm(forms.Form):
    """The result of one KPI in one round and its four-part narrative.

    The result fields depend on the kind of KPI: a number (levelled), the level
    reached (milestone), or a level per criterion (composite).
    """

    narrative_reasons = forms.CharField(label=_label("narrative_reasons"), required=False, max_length=NARRATIVE_MAX,
                                        widget=forms.Textarea(attrs={"rows": 3}))
    narrative_factors = forms.CharField(label=_label("narrative_factors"), required=False, max_length=NARRATIVE_MAX,
                                        widget=forms.Textarea(attrs={"rows": 3}))
    narrative_obstacles = forms.CharField(label=_label("narrative_obstacles"), required=False,
                                          max_length=NARRATIVE_MAX, widget=forms.Textarea(attrs={"rows": 3}))
    narrative_plan = forms.CharField(label=_label("narrative_plan"), required=False, max_length=NARRATIVE_MAX,
                                     widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, kpi: Kpi, criteria: list[Criterion], result: Result | None, **kwargs: Any) -> None:
        self.kpi, self.criteria, self.result = kpi, criteria, result
        initial: dict[str, Any] = {}
        if result is not None:
            initial = {name: getattr(result, name) for name in NARRATIVE_FIELDS}
            initial["value"] = result.value
            initial["not_available"] = result.not_available
            initial["numerator_value"] = result.numerator_value
            initial["denominator_value"] = result.denominator_value
            for criterion_id, level in result.criterion_levels().items():
                initial[f"criterion_{criterion_id}"] = level
            for criterion_id, text in result.criterion_explanations().items():
                initial[f"explanation_{criterion_id}"] = text
        kwargs.setdefault("initial", initial)
        kwargs.setdefault("prefix", f"kpi{kpi.pk}")
        super().__init__(*args, **kwargs)
        result_fields: dict[str, forms.Field] = {}
        if kpi.kind == KpiKind.LEVELLED:
            label = _("Result") if not kpi.unit else _("Result (%(unit)s)") % {"unit": kpi.unit}
            result_fields["value"] = NumberFormField(label=label, required=False, keep_places=True)
        elif kpi.kind == KpiKind.MILESTONE:
            defined = [n for n in milestone_levels(kpi) if n is not None]
            result_fields["value"] = LevelField(
                label=_("Level reached"), required=False,
                help_text=_("1 to 5; defined levels: %(levels)s") % {"levels": ", ".join(defined)},
            )
            result_fields["value"].widget.attrs["list"] = f"levels-{kpi.pk}"
        if "value" in result_fields:
            result_fields["not_available"] = forms.BooleanField(
                label=_("No result this round (n/a)"), required=False,
                help_text=_("Leave the result empty and give the reason in the narrative; an n/a result scores 1."),
            )
        if kpi.kind == KpiKind.LEVELLED and self.has_inputs:
            # The formula's two numbers, printed in the report beside the result.
            result_fields["numerator_value"] = NumberFormField(
                label=_("Numerator: %(means)s") % {"means": kpi.numerator.strip()} if kpi.numerator.strip()
                else _("Numerator"), required=False, keep_places=True)
            result_fields["denominator_value"] = NumberFormField(
                label=_("Denominator: %(means)s") % {"means": kpi.denominator.strip()} if kpi.denominator.strip()
                else _("Denominator"), required=False, keep_places=True)
        elif kpi.kind == KpiKind.COMPOSITE:
            for criterion in criteria:
                result_fields[f"criterion_{criterion.pk}"] = LevelField(
                    label=criterion.name_th, required=False, help_text=_("Level reached, 1 to 5"),
                )
                result_fields[f"explanation_{criterion.pk}"] = forms.CharField(
                    label=_("How the level was reached"), required=False, max_length=NARRATIVE_MAX,
                    widget=forms.Textarea(attrs={"rows": 2}),
                )
        # Result fields first, then the narrative, so Tab follows the order people read.
        self.fields = {**result_fields, **self.fields}
        first = next(iter(self.fields.values()))
        first.widget.attrs["autofocus"] = True

    @property
    def has_inputs(self) -> bool:
        """A ratio KPI: its numerator or denominator is described in the agreement."""
        return bool(self.kpi.numerator.strip() or self.kpi.denominator.strip()
                    or (self.result is not None and self.result.numerator_value is not None))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        self.clean_inputs(data)
        if data.get("not_available"):
            if data.get("value") is not None:
                self.add_error("value", _("Leave the result empty when you mark it n/a, or untick n/a."))
            if not (data.get("narrative_reasons") or "").strip():
                self.add_error("narrative_reasons", _("Say why there is no result this round."))
        return data

    def clean_inputs(self, data: dict[str, Any]) -> None:
        if "numerator_value" not in self.fields:
            return
        numerator, denominator = data.get("numerator_value"), data.get("denominator_value")
        if (numerator is None) != (denominator is None):
            missing = "denominator_value" if denominator is None else "numerator_value"
            self.add_error(missing, _("Give both numbers of the formula, or neither."))
            return
        if denominator is not None and denominator.is_zero():
            self.add_error("denominator_value", _("The denominator cannot be 0."))
            return
        value = data.get("value")
        if numerator is None or value is None or self.kpi.unit.strip() != PERCENT_UNIT:
            return
        should_be = percent_disagrees(value, numerator, denominator)
        if should_be is not None:
            self.add_error("value", _(
                "%(numerator)s × 100 / %(denominator)s gives %(computed)s, not %(value)s: "
                "check the result or the two numbers."
            ) % {"numerator": numerator, "denominator": denominator, "computed": should_be, "value": value})

    @property
    def result_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name not in NARRATIVE_FIELDS]

    @property
    def narrative_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in NARRATIVE_FIELDS]

    def criterion_rows(self) -> list[tuple[Criterion, forms.BoundField, forms.BoundField]]:
        return [(c, self[f"criterion_{c.pk}"], self[f"explanation_{c.pk}"]) for c in self.criteria]

    def milestone_hints(self) -> list[tuple[int, str]]:
        """(level, text) of the defined levels of a milestone KPI, offered as suggestions."""
        return [(n, text) for n, text, defined in zip(LEVEL_NUMBERS, self.kpi.level_texts, milestone_levels(self.kpi))
                if defined is not None]

    def save(self, round_: Round) -> Result:
        """Save everything or nothing; refuse if the round stopped being editable meanwhile."""
        data = self.cleaned_data
        with transaction.atomic():
            locked = lock_editable(round_)
            # The round's lock serialises concurrent saves, so this cannot create the row twice.
            result = Result.objects.filter(round=locked, kpi=self.kpi).first() or Result(round=locked, kpi=self.kpi)
            values = {name: data.get(name, "").strip() for name in NARRATIVE_FIELDS}
            if "value" in self.fields:
                values["value"] = data.get("value")
                values["not_available"] = bool(data.get("not_available"))
            if "numerator_value" in self.fields:
                values["numerator_value"] = data.get("numerator_value")
                values["denominator_value"] = data.get("denominator_value")
            # Save only what changed, so the audit trail shows real edits (one record for a new result).
            if result.pk is None or any(getattr(result, k) != v for k, v in values.items()):
                for name, value in values.items():
                    setattr(result, name, value)
                result.save()
            existing = {cr.criterion_id: cr for cr in result.criterion_results.all()}
            for criterion in self.criteria:
                level = data.get(f"criterion_{criterion.pk}")
                explanation = (data.get(f"explanation_{criterion.pk}") or "").strip()
                cr = existing.get(criterion.pk)
                if cr is None:
                    if level is not None or explanation:
                        CriterionResult.objects.create(result=result, criterion=criterion, level=level,
                                                       explanation=explanation)
                elif (cr.level, cr.explanation) != (level, explanation):
                    cr.level, cr.explanation = level, explanation
                    cr.save()
        return result


class StepForm(forms.Form):
    comment = forms.CharField(label=_("Comment"), required=False, max_length=5000,
                              widget=forms.Textarea(attrs={"rows": 2}))


class EvidenceForm(forms.Form):
    file = forms.FileField(label=_("File"), allow_empty_file=True)
    description = forms.CharField(label=_("Description"), required=False, max_length=500)

    @property
    def max_mb(self) -> str:
        from .evidence import max_mb

        return max_mb()
