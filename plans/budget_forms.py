"""Forms for the next budget period, the råderumskatalog and the efficiency contribution."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _

from danish.formatting import parse_number
from organisation.models import Body
from plans.forms import DanishDecimalField
from plans.models import AMOUNT_FIELDS, MAX_PLAN_YEARS, Item, Plan, Proposal
from plans.services import CarryAmounts, CarryChoice, carry_over_default

AMOUNT_LIMIT = Decimal("99999999999.9")


class CarryOverForm(forms.Form):
    """The new plan's name and period, and the items of the old plan to carry over.

    The items are read from the POST as `carry` (ids, repeated) and `amounts-<id>`, one row
    per item of the old plan: a form field per item would be thousands of fields."""

    name = forms.CharField(label=_("Den nye plans navn"), max_length=120)
    first_year = forms.IntegerField(label=_("Første budgetår"), min_value=2000, max_value=2100)
    last_year = forms.IntegerField(label=_("Sidste budgetår"), min_value=2000, max_value=2100)
    archive_source = forms.BooleanField(
        label=_("Arkivér den gamle plan (den kan derefter kun læses)"), required=False
    )

    def __init__(self, data: QueryDict | None = None, *, source: Plan, items: list[Item]):
        first = source.first_year + 1
        last = min(source.last_year + 1, first + MAX_PLAN_YEARS - 1)
        super().__init__(
            data,
            initial={
                "name": f"Udmøntningsplan {first}-{last}",
                "first_year": first,
                "last_year": last,
                "archive_source": True,
            },
        )
        self.post = data
        self.source = source
        self.items = items
        self.choices: list[CarryChoice] = []
        self.item_errors: list[str] = []

    def rows(self) -> list[dict[str, Any]]:
        """One row per item of the old plan: whether it is carried and what its amounts do."""
        data = self.post
        carried = set(data.getlist("carry")) if data is not None else None
        rows = []
        for item in self.items:
            key = str(item.pk)
            rows.append(
                {
                    "item": item,
                    "carry": carry_over_default(item) if carried is None else key in carried,
                    "amounts": data.get(f"amounts-{key}", CarryAmounts.OVERLAP)
                    if data is not None
                    else CarryAmounts.OVERLAP,
                }
            )
        return rows

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        first, last = cleaned.get("first_year"), cleaned.get("last_year")
        if first is not None and last is not None:
            if not first <= last < first + MAX_PLAN_YEARS:
                self.add_error(
                    "last_year",
                    _g("En plan dækker 1 til %(n)d budgetår, ikke %(first)d-%(last)d.")
                    % {"n": MAX_PLAN_YEARS, "first": first, "last": last},
                )
            if first <= self.source.first_year:
                self.add_error(
                    "first_year",
                    _g("Den nye plan skal begynde efter %(year)d.")
                    % {"year": self.source.first_year},
                )
        name = cleaned.get("name")
        if name and Plan.objects.filter(name=name).exists():
            self.add_error("name", _g("Der findes allerede en plan med det navn."))
        by_id = {str(item.pk): item for item in self.items}
        carried = self.post.getlist("carry") if self.post is not None else []
        unknown = [value for value in carried if value not in by_id]
        if unknown:
            self.item_errors.append(
                _g("Listen over indsatser er ændret, mens siden var åben. Indlæs siden igen.")
            )
        choices = []
        for value in dict.fromkeys(carried):
            if value not in by_id:
                continue
            chosen = self.post.get(f"amounts-{value}") if self.post is not None else None
            amounts = str(chosen or CarryAmounts.OVERLAP)
            if amounts not in CarryAmounts.values:
                self.item_errors.append(
                    _g("%(code)s: ukendt valg for beløbene.") % {"code": by_id[value].code}
                )
                continue
            choices.append(CarryChoice(item=by_id[value], amounts=amounts))
        if not choices and not self.item_errors:
            self.item_errors.append(_g("Vælg mindst én indsats, der skal videreføres."))
        if self.item_errors:
            raise forms.ValidationError(self.item_errors)
        self.choices = choices
        return cleaned


class ProposalFilterForm(forms.Form):
    q = forms.CharField(label=_("Fritekst"), required=False, max_length=200)
    committee = forms.ModelChoiceField(
        label=_("Udvalg"), queryset=Body.objects.none(), required=False, empty_label=_("Alle")
    )
    state = forms.ChoiceField(
        label=_("Tilstand"), required=False, choices=[("", _("Alle")), *Proposal.State.choices]
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = Body.objects.committees()  # type: ignore[attr-defined]

    @property
    def criteria(self) -> dict[str, Any]:
        return dict(self.cleaned_data) if self.is_valid() else {}


class ProposalForm(forms.ModelForm):
    """Edit a proposal; `version` carries the version the user opened."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Proposal
        fields = [
            "number", "title", "committee", "state", "description", "consequences",
            *AMOUNT_FIELDS,
        ]  # fmt: skip
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "consequences": forms.Textarea(attrs={"rows": 4}),
        }
        field_classes = {name: DanishDecimalField for name in AMOUNT_FIELDS}

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.instance.plan = plan
        self.fields["committee"].queryset = Body.objects.committees()  # type: ignore[attr-defined]
        for year, amount, _derived in plan.amount_columns:
            self.fields[amount].label = _g("Beløb %(year)s (1.000 kr.)") % {"year": year}
        for unused in AMOUNT_FIELDS[len(plan.years) :]:
            self.fields.pop(unused)
        if not self.is_bound:
            self.initial["version"] = self.instance.version

    def _get_validation_exclusions(self):
        # The plan is set, not a field, so "one number per catalogue" is checked here too.
        exclusions = super()._get_validation_exclusions()
        exclusions.discard("plan")
        return exclusions

    def field_values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields if name in self.fields}


class ProposalItemForm(forms.Form):
    """Make the plan item of a chosen proposal."""

    code = forms.CharField(label=_("Indsatsens nummer i planen"), max_length=20)
    partly = forms.BooleanField(
        label=_("Forslaget er kun delvist valgt (beløbene rettes på indsatsen)"), required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class TargetsForm(forms.Form):
    """The efficiency contribution per committee and year: one field `target-<body>-<year>`
    per cell, empty for no target."""

    def __init__(
        self, data: QueryDict | None = None, *, plan: Plan, initial_targets: dict[Any, Any]
    ):
        super().__init__(data)
        self.plan = plan
        self.committees = list(Body.objects.committees())
        for committee in self.committees:
            for year in plan.years:
                name = f"target-{committee.pk}-{year}"
                self.fields[name] = DanishDecimalField(
                    label=_g("%(committee)s %(year)d") % {"committee": committee.abbreviation,
                                                          "year": year},
                    required=False, max_digits=12, decimal_places=1,
                    initial=initial_targets.get((committee.pk, year)),
                )  # fmt: skip

    def grid(self) -> list[tuple[Body, list[forms.BoundField]]]:
        return [
            (c, [self[f"target-{c.pk}-{year}"] for year in self.plan.years])
            for c in self.committees
        ]

    def targets(self) -> list[tuple[Body, int, Decimal | None]]:
        return [
            (c, year, self.cleaned_data[f"target-{c.pk}-{year}"])
            for c in self.committees
            for year in self.plan.years
        ]


def parse_amount(text: str) -> Decimal:
    """An amount typed the Danish way; ValueError when it is not one."""
    value = parse_number(text).quantize(Decimal("0.1"))
    if abs(value) > AMOUNT_LIMIT:
        raise ValueError(text)
    return value
