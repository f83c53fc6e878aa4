"""Forms of the agreements app: the list filter, a new agreement, the sections, KPIs, areas, workflow steps."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms import inlineformset_factory
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from pramoen.core.fields import NumberFormField, canonical, parse_number
from pramoen.scoring.fiscal import be_to_ce

from . import snapshot
from .models import (
    UNIT_SUGGESTIONS,
    Agreement,
    AgreementArea,
    Criterion,
    Kpi,
    KpiKind,
    Status,
)


class CapfirstLabels:
    """Labels start with a capital, as Django does for model fields (number fields come lower-case)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
        for field in self.fields.values():  # type: ignore[attr-defined]
            if field.label:
                field.label = capfirst(field.label)


class AgreementFilterForm(forms.Form):
    """The filters of the agreement list: fiscal year and status."""

    fiscal_year = forms.TypedChoiceField(label=_("Fiscal year"), coerce=int, empty_value=None, required=False)
    status = forms.ChoiceField(label=_("Status"), choices=[("", _("All statuses")), *Status.choices], required=False)

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["fiscal_year"].choices = [("", _("All years")), *[(y, str(y)) for y in years]]

    def filter(self, agreements):
        if self.cleaned_data.get("fiscal_year"):
            agreements = agreements.filter(fiscal_year=self.cleaned_data["fiscal_year"])
        if self.cleaned_data.get("status"):
            agreements = agreements.filter(status=self.cleaned_data["status"])
        return agreements


class CreateForm(forms.Form):
    fiscal_year = forms.IntegerField(
        label=_("Fiscal year (B.E.)"), min_value=2500, max_value=2700,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


class BEDateInput(forms.DateInput):
    """A browser date picker (the value travels as YYYY-MM-DD, whatever the display)."""

    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class BEDateField(forms.DateField):
    """A date typed as YYYY-MM-DD or D/M/YYYY (Thai digits fine); a year above 2400 is read as Buddhist era.

    The era is converted *before* the date is built: 29/02/2567 B.E. (2024) exists though
    2567 A.D. has no 29 February, and 29/02/2568 B.E. (2025) does not though 2568 A.D. would.
    """

    widget = BEDateInput
    PATTERNS = (
        re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})$"),
        re.compile(r"^(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})$"),
    )

    def to_python(self, value: Any) -> date | None:
        if value in self.empty_values:
            return None
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        text = str(value).strip()
        for pattern in self.PATTERNS:
            match = pattern.match(text)
            if match:
                year, month, day = (int(match[k]) for k in ("y", "m", "d"))  # int() reads Thai digits
                if year > 2400:
                    year = be_to_ce(year)
                try:
                    return date(year, month, day)
                except ValueError:
                    break
        raise ValidationError(self.error_messages["invalid"], code="invalid")


class SectionsForm(CapfirstLabels, forms.ModelForm):
    class Meta:
        model = Agreement
        fields = snapshot.SECTION_FIELDS  # a version freezes exactly what this form edits
        field_classes = {"term_start": BEDateField, "term_end": BEDateField}
        widgets = {f: forms.Textarea(attrs={"rows": 4}) for f in ["vision", "mission", "objectives", "obligations", "other_terms"]}

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("term_start"), data.get("term_end")
        if start and end and end < start:
            self.add_error("term_end", _("The term cannot end before it starts."))
        return data


KPI_FIELDS = ["area", "parent", "code", *snapshot.KPI_FIELDS]


class KpiForm(CapfirstLabels, forms.ModelForm):
    """One KPI of an agreement. Checks only what a form can (a code, a parent); the
    scoring rules (weights, levels) are checked by ``validation`` on the whole agreement."""

    class Meta:
        model = Kpi
        fields = KPI_FIELDS
        widgets = {
            **{f"level_text_{n}": forms.Textarea(attrs={"rows": 2}) for n in range(1, 6)},
            **{f: forms.Textarea(attrs={"rows": 2}) for f in ["definition", "formula", "numerator", "denominator", "notes"]},
            "unit": forms.TextInput(attrs={"list": "unit-suggestions"}),
        }

    unit_suggestions = UNIT_SUGGESTIONS

    def __init__(self, *args: Any, agreement: Agreement, areas: list[AgreementArea], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.agreement = agreement
        self.instance.agreement = agreement
        self.fields["area"].queryset = AgreementArea.objects.filter(agreement=agreement)
        self.fields["area"].choices = [(a.pk, f"{a.code} {a.name_th}") for a in areas]
        groups = Kpi.objects.filter(agreement=agreement, kind=KpiKind.GROUP)
        if self.instance.pk:
            groups = groups.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = groups
        self.fields["parent"].required = False
        self.fields["parent"].empty_label = _("(none: a KPI of the area)")

    def clean_code(self) -> str:
        code = (self.cleaned_data.get("code") or "").strip()
        # Thai (or any other) digits become 0-9, so "๒.๑" and "2.1" are one code, not two that look alike.
        code = "".join(str(unicodedata.decimal(ch)) if ch.isdecimal() and not ch.isascii() else ch for ch in code)
        if not code or any(ch.isspace() for ch in code):
            raise ValidationError(_("A code is one word without spaces, e.g. 2.1 or 3.1.2."))
        taken = Kpi.objects.filter(agreement=self.agreement, code=code)
        if self.instance.pk:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise ValidationError(_("Another KPI of this agreement already has the code %(code)s."), params={"code": code})
        return code

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        parent, area = data.get("parent"), data.get("area")
        if parent is not None and area is not None and parent.area_id != area.pk:
            self.add_error("parent", _("The group %(code)s is in another area.") % {"code": parent.code})
        if parent is not None and self.instance.pk and self._is_descendant(parent):
            # Saving would close a loop: the KPIs in it would drop out of the scorecard.
            self.add_error("parent", _("The group %(code)s is inside this KPI; a KPI cannot be placed under its own sub-KPI.")
                           % {"code": parent.code})
        kind = data.get("kind")
        has_children = bool(self.instance.pk) and self.instance.children.exists()
        if has_children and kind != KpiKind.GROUP:
            self.add_error("kind", _("This KPI has sub-KPIs: move or delete them before changing its kind."))
        if has_children and area is not None and area.pk != self.instance.area_id:
            self.add_error("area", _("This group has sub-KPIs in its area: move or delete them before moving the group."))
        return data

    def _is_descendant(self, candidate: Kpi) -> bool:
        """Whether ``candidate`` lies below this KPI (one query for the agreement's links)."""
        parent_of = dict(Kpi.objects.filter(agreement=self.agreement).values_list("pk", "parent_id"))
        seen: set[int] = set()
        node: int | None = candidate.pk
        while node is not None and node not in seen:
            if node == self.instance.pk:
                return True
            seen.add(node)
            node = parent_of.get(node)
        return False


class CriterionForm(CapfirstLabels, forms.ModelForm):
    class Meta:
        model = Criterion
        fields = snapshot.CRITERION_FIELDS


CriterionFormSet = inlineformset_factory(
    Kpi, Criterion, form=CriterionForm,
    widgets={
        "name_th": forms.Textarea(attrs={"rows": 2}),
        **{f"level_text_{n}": forms.Textarea(attrs={"rows": 2}) for n in range(1, 6)},
    },
    extra=3, can_delete=True,
)


class PastResultForm(forms.Form):
    """One previous year's result: a number (Thai digits fine) or a text such as N/A."""

    fiscal_year = forms.IntegerField(widget=forms.HiddenInput)
    result = forms.CharField(label=_("result"), required=False, max_length=255)
    is_preliminary = forms.BooleanField(label=_("preliminary"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        text = (data.get("result") or "").strip()
        data["value"], data["text"] = None, ""
        if text:
            try:
                data["value"] = parse_number(text)
            except ValidationError:
                data["text"] = text  # "N/A", "-", "ยังไม่มีผล"
        return data


class BasePastResultFormSet(forms.BaseFormSet):
    """The rows the form offered, and only those: each year once, none other (a posted year is not trusted)."""

    def __init__(self, *args: Any, years: list[int] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.years = set(years or [])

    def clean(self) -> None:
        seen: set[int] = set()
        for form in self.forms:
            year = (form.cleaned_data or {}).get("fiscal_year")
            if year is None:
                continue
            if year not in self.years:
                raise ValidationError(_("Past results can be given for %(years)s only, not %(year)s.")
                                      % {"years": ", ".join(str(y) for y in sorted(self.years)), "year": year})
            if year in seen:
                raise ValidationError(_("The past result of %(year)s is given twice.") % {"year": year})
            seen.add(year)


PastResultFormSet = forms.formset_factory(PastResultForm, formset=BasePastResultFormSet, extra=0)


def past_results_initial(kpi: Kpi | None, fiscal_year: int, years: int = 3) -> list[dict[str, Any]]:
    """The rows of the past-results table: the three previous years, filled from what is stored."""
    stored = {row.fiscal_year: row for row in (kpi.past_results.all() if kpi is not None and kpi.pk else [])}
    wanted = sorted({*range(fiscal_year - years, fiscal_year), *stored})
    rows = []
    for year in wanted:
        row = stored.get(year)
        result = ""
        if row is not None:
            result = row.text if row.value is None else canonical(row.value)
        rows.append({"fiscal_year": year, "result": result, "is_preliminary": bool(row and row.is_preliminary)})
    return rows


class AreaWeightForm(CapfirstLabels, forms.Form):
    weight = NumberFormField(label=_("weight"), required=False)


AreaWeightFormSet = forms.formset_factory(AreaWeightForm, extra=0)


class StepForm(forms.Form):
    occurred_on = BEDateField(label=_("Date"), required=False)
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
