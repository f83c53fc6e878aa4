"""Forms of the frameworks app. Every message names the area or KPI it is about."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from pramoen.core.fields import canonical
from pramoen.scoring.reader import exact_sum
from pramoen.scoring.rules import HUNDRED

from .models import (
    ALL_AREAS_OVER_TOTAL,
    LIMITED_AREAS_OVER_LIMITED,
    LIMITED_OVER_TOTAL,
    Framework,
    FrameworkArea,
    StandardCriterion,
    StandardKpi,
    kpi_limit_conflicts,
)


KPI_LIMIT_MESSAGES = {
    LIMITED_OVER_TOTAL: _(
        "At most %(limited)s KPIs in the limited areas is more than the %(total)s allowed in all areas."
    ),
    ALL_AREAS_OVER_TOTAL: _(
        "%(areas)s areas with at least %(least)s KPIs each need %(need)s KPIs; the framework allows at most "
        "%(limit)s in all areas."
    ),
    LIMITED_AREAS_OVER_LIMITED: _(
        "%(areas)s limited areas with at least %(least)s KPIs each need %(need)s KPIs; the framework allows at "
        "most %(limit)s in them."
    ),
}


class FrameworkForm(forms.ModelForm):
    class Meta:
        model = Framework
        fields = [
            "name", "source", "max_kpis_total", "max_kpis_limited_areas", "min_kpis_per_area",
            "late_penalty_per_day", "late_penalty_cap", "signature_days", "signature_days_after_objection",
            "round_report_days",
        ]
        widgets = {"source": forms.Textarea(attrs={"rows": 6})}

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for name in ("late_penalty_per_day", "late_penalty_cap"):
            value = data.get(name)
            if value is not None and value < 0:
                self.add_error(name, _("The penalty cannot be negative."))
        self._check_kpi_limits(data)
        return data

    def _check_kpi_limits(self, data: dict[str, Any]) -> None:
        """Refuse limits no agreement could meet (agreements.validation applies them as they are)."""
        flags = list(self.instance.areas.values_list("counts_toward_limit", flat=True)) if self.instance.pk else []
        for name, which, numbers in kpi_limit_conflicts(
            data.get("max_kpis_total"), data.get("max_kpis_limited_areas"), data.get("min_kpis_per_area"), flags
        ):
            self.add_error(name, KPI_LIMIT_MESSAGES[which] % numbers)


class AreaForm(forms.ModelForm):
    class Meta:
        model = FrameworkArea
        fields = ["code", "name_th", "name_en", "default_weight", "min_weight", "max_weight", "counts_toward_limit", "order"]

    def __init__(self, *args: Any, framework: Framework, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.framework = framework
        self.framework = framework

    def clean_code(self) -> str:
        code = self.cleaned_data["code"].strip()
        others = self.framework.areas.exclude(pk=self.instance.pk)
        if others.filter(code=code).exists():
            raise ValidationError(
                _("The %(year)s framework already has an area %(code)s."),
                params={"year": self.framework.fiscal_year, "code": code},
            )
        return code

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        low, default, high = data.get("min_weight"), data.get("default_weight"), data.get("max_weight")
        if None not in (low, default, high) and not (0 <= low <= default <= high <= 100):
            # The model says the same without the area; here the message names it.
            raise ValidationError(
                _("Area %(code)s: the weights must satisfy 0 ≤ lowest ≤ default ≤ highest ≤ 100 (now %(low)s, %(default)s, %(high)s)."),
                params={"code": data.get("code") or self.instance.code or "?", "low": canonical(low),
                        "default": canonical(default), "high": canonical(high)},
            )
        return data

    def _post_clean(self) -> None:
        # The model's clean() repeats the band check without the area's code; ours above already ran.
        if not self.non_field_errors():
            super()._post_clean()


class StandardKpiForm(forms.ModelForm):
    class Meta:
        model = StandardKpi
        fields = ["area", "code", "name_th", "required", "description", "order"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4}), "name_th": forms.TextInput()}

    def __init__(self, *args: Any, framework: Framework, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.framework = framework
        self.framework = framework
        area_field = self.fields["area"]
        area_field.queryset = framework.areas.all()  # type: ignore[attr-defined]
        area_field.empty_label = None  # type: ignore[attr-defined]

    def clean_code(self) -> str:
        code = self.cleaned_data["code"].strip()
        if self.framework.standard_kpis.exclude(pk=self.instance.pk).filter(code=code).exists():
            raise ValidationError(
                _("The %(year)s framework already has a standard KPI %(code)s."),
                params={"year": self.framework.fiscal_year, "code": code},
            )
        return code


class BaseCriterionFormSet(forms.BaseInlineFormSet):
    kpi_code: str = ""

    def kept_forms(self) -> list[forms.Form]:
        return [f for f in self.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]

    def save(self, commit: bool = True) -> list[StandardCriterion]:
        for position, form in enumerate(self.kept_forms(), 1):
            form.instance.order = position
        return super().save(commit)

    def clean(self) -> None:
        super().clean()
        if any(self.errors):
            return
        kept = self.kept_forms()
        code = self.kpi_code or "?"
        if not kept:
            raise ValidationError(_("KPI %(code)s needs at least one criterion."), params={"code": code})
        total = exact_sum(f.cleaned_data["weight"] for f in kept)
        if total != HUNDRED:
            raise ValidationError(
                _("The criteria of KPI %(code)s add up to %(total)s; they must add up to 100."),
                params={"code": code, "total": canonical(total)},
            )


class CriterionForm(forms.ModelForm):
    class Meta:
        model = StandardCriterion
        fields = ["name_th", "weight"]  # the order is the order on the page
        widgets = {"name_th": forms.Textarea(attrs={"rows": 3})}

    def clean_weight(self) -> Decimal:
        weight = self.cleaned_data["weight"]
        if weight is not None and not (0 < weight <= 100):
            raise ValidationError(_("A criterion weighs more than 0 and at most 100."))
        return weight


CriterionFormSet = forms.inlineformset_factory(
    StandardKpi, StandardCriterion, form=CriterionForm, formset=BaseCriterionFormSet, extra=3, can_delete=True
)


class CopyForm(forms.Form):
    fiscal_year = forms.IntegerField(
        label=_("fiscal year (B.E.)"), validators=[MinValueValidator(2500), MaxValueValidator(2700)]
    )
    name = forms.CharField(label=_("name"), max_length=255)

    def clean_fiscal_year(self) -> int:
        year = self.cleaned_data["fiscal_year"]
        if Framework.objects.filter(fiscal_year=year).exists():
            raise ValidationError(_("There is already a framework for %(year)s."), params={"year": year})
        return year
