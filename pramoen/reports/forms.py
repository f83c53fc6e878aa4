"""The form that starts a bulk job."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from pramoen.scoring.reader import FISCAL_YEAR_RANGE

from .formats import FORMATS


class JobForm(forms.Form):
    fiscal_year = forms.IntegerField(label=_("Fiscal year (B.E.)"), min_value=FISCAL_YEAR_RANGE[0],
                                     max_value=FISCAL_YEAR_RANGE[1])
    round_number = forms.TypedChoiceField(label=_("Round"), coerce=int, choices=[(n, str(n)) for n in (1, 2, 3, 4)])
    format = forms.ChoiceField(label=_("Format"), choices=[(f, f.upper()) for f in FORMATS])
    thai_digits = forms.BooleanField(label=_("Thai digits"), required=False, initial=True)
    buddhist_era = forms.BooleanField(label=_("Buddhist-era years"), required=False, initial=True)
