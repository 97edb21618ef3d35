"""Forms for filtering the plan, editing items and adding status notes."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danish.formatting import MONTHS, number, parse_number
from organisation.models import Body, Director, Sdg
from plans.models import AMOUNT_FIELDS, DERIVED_FIELDS, Heading, Item, Plan, StatusNote, Theme


class PlanFilterForm(forms.Form):
    """The filters above the plan. Every field is optional; an empty form shows everything."""

    q = forms.CharField(label=_("Fritekst"), required=False, max_length=200)
    committee = forms.ModelChoiceField(
        label=_("Udvalg"), queryset=Body.objects.none(), required=False, empty_label=_("Alle")
    )
    kind = forms.ChoiceField(label=_("Type"), required=False)
    heading = forms.ModelChoiceField(
        label=_("Hovedpunkt"),
        queryset=Heading.objects.none(),
        required=False,
        empty_label=_("Alle"),
    )
    status = forms.ChoiceField(label=_("Status"), required=False)
    theme = forms.ModelChoiceField(
        label=_("Strategisk tema"),
        queryset=Theme.objects.none(),
        required=False,
        empty_label=_("Alle"),
    )
    sdg = forms.ModelChoiceField(
        label=_("Verdensmål"), queryset=Sdg.objects.all(), required=False, empty_label=_("Alle")
    )
    political = forms.ChoiceField(
        label=_("Politisk behandling"),
        required=False,
        choices=[
            ("", _("Alle")),
            ("yes", _("Kræver politisk behandling")),
            ("no", _("Ordinær drift")),
        ],
    )

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = Body.objects.committees()  # type: ignore[attr-defined]
        self.fields["heading"].queryset = plan.headings.all()  # type: ignore[attr-defined]
        self.fields["theme"].queryset = plan.themes.all()  # type: ignore[attr-defined]
        self.fields["kind"].choices = [("", _("Alle")), *Item.Kind.choices]  # type: ignore[attr-defined]
        self.fields["status"].choices = [("", _("Alle")), *Item.Status.choices]  # type: ignore[attr-defined]
        chosen = set(plan.chosen_sdgs.values_list("pk", flat=True))
        self.fields["sdg"].label_from_instance = lambda sdg: (  # type: ignore[attr-defined]
            _("%s (udvalgt)") % sdg if sdg.pk in chosen else str(sdg)
        )

    @property
    def criteria(self) -> dict:
        return self.cleaned_data if self.is_valid() else {}


class DanishDecimalField(forms.DecimalField):
    """Shows amounts the Danish way ('-1.250', '2,5') and reads them back as typed.

    A text field with a decimal keyboard rather than type=number, whose browser formatting
    and refusal of thousands separators confuse users.
    """

    widget = forms.TextInput

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "inputmode": "decimal"}

    def prepare_value(self, value):
        if isinstance(value, Decimal | int | float) and not isinstance(value, bool):
            return number(value)
        return value

    def to_python(self, value):
        if isinstance(value, str) and value.strip():
            try:
                value = str(parse_number(value))
            except ValueError:
                pass  # DecimalField's own error message follows.
        return super().to_python(value)


PERIOD_CHOICES = [
    ("", _("Hele året")),
    *[(f"q{n}", _("%(n)s. kvartal") % {"n": n}) for n in range(1, 5)],
    # Danish month names are written in lowercase: "januar".
    *[(f"m{n}", month) for n, month in enumerate(MONTHS, start=1)],
]


class ItemForm(forms.ModelForm):
    """Edit an item. `version` carries the version the user opened, to detect concurrent edits."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    timing_period = forms.ChoiceField(
        label=_("Tidspunkt: periode"), choices=PERIOD_CHOICES, required=False
    )

    class Meta:
        model = Item
        fields = [
            "code", "title", "kind", "status", "committee", "cross_cutting", "heading",
            "director", "contact", "description", "process", "cross_cutting_aspects",
            "board_role", "coordination", "followed_by_board", "needs_political_treatment",
            "political_bodies", "med_involvement", "timing_year", "themes", "sdgs",
            *AMOUNT_FIELDS, *DERIVED_FIELDS,
        ]  # fmt: skip
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "process": forms.Textarea(attrs={"rows": 3}),
            "cross_cutting_aspects": forms.Textarea(attrs={"rows": 2}),
            "board_role": forms.Textarea(attrs={"rows": 2}),
            "coordination": forms.Textarea(attrs={"rows": 2}),
            "med_involvement": forms.Textarea(attrs={"rows": 2}),
            "political_bodies": forms.CheckboxSelectMultiple,
            "themes": forms.CheckboxSelectMultiple,
            "sdgs": forms.CheckboxSelectMultiple,
        }
        field_classes = {name: DanishDecimalField for name in (*AMOUNT_FIELDS, *DERIVED_FIELDS)}

    def __init__(self, *args, plan: Plan, editable_committees=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.instance.plan = plan
        committees = Body.objects.committees()
        if editable_committees is not None:
            committees = committees.filter(pk__in=editable_committees)
        self.fields["committee"].queryset = committees  # type: ignore[attr-defined]
        self.fields["heading"].queryset = plan.headings.all()  # type: ignore[attr-defined]
        self.fields["heading"].empty_label = _("Intet hovedpunkt")  # type: ignore[attr-defined]
        self.fields["themes"].queryset = plan.themes.all()  # type: ignore[attr-defined]
        self.fields["director"].queryset = Director.objects.all()  # type: ignore[attr-defined]
        self.fields["director"].empty_label = _("Ingen valgt")  # type: ignore[attr-defined]
        self.fields["political_bodies"].queryset = Body.objects.all()  # type: ignore[attr-defined]
        chosen = set(plan.chosen_sdgs.values_list("pk", flat=True))
        self.fields["sdgs"].label_from_instance = lambda sdg: (  # type: ignore[attr-defined]
            _("%s (udvalgt af kommunen)") % sdg if sdg.pk in chosen else str(sdg)
        )
        self.fields["timing_year"].label = _("Tidspunkt: år")
        for year, amount, derived in plan.amount_columns:
            self.fields[amount].label = _("Beløb %(year)s (1.000 kr.)") % {"year": year}
            self.fields[derived].label = _("Afledt drift %(year)s (1.000 kr.)") % {"year": year}
        n = len(plan.years)
        for unused in (*AMOUNT_FIELDS[n:], *DERIVED_FIELDS[n:]):
            self.fields.pop(unused)
        if not self.is_bound:
            self.initial["version"] = self.instance.version
            if self.instance.timing_quarter:
                self.initial["timing_period"] = f"q{self.instance.timing_quarter}"
            elif self.instance.timing_month:
                self.initial["timing_period"] = f"m{self.instance.timing_month}"

    @property
    def amount_rows(self):
        """(year, amount field, derived field) bound fields, for a compact amounts table."""
        return [(year, self[a], self[d]) for year, a, d in self.plan.amount_columns]

    def clean(self):
        cleaned = super().clean()
        period = cleaned.get("timing_period") or ""
        cleaned["timing_quarter"] = int(period[1:]) if period.startswith("q") else None
        cleaned["timing_month"] = int(period[1:]) if period.startswith("m") else None
        if period and not cleaned.get("timing_year"):
            self.add_error("timing_year", _("Angiv året for tidspunktet."))
        year = cleaned.get("timing_year")
        if year and not 2000 <= year <= 2100:
            self.add_error("timing_year", _("Angiv et årstal, f.eks. 2025."))
        if cleaned.get("kind") == Item.Kind.DECLARATION and not cleaned.get("heading"):
            self.add_error("heading", _("En hensigtserklæring skal have et hovedpunkt."))
        if cleaned.get("needs_political_treatment") is False and cleaned.get("political_bodies"):
            self.add_error(
                "political_bodies",
                _("Vælg kun organer, når indsatsen kræver yderligere politisk behandling."),
            )
        return cleaned

    def _post_clean(self):
        # Timing is set from the period choice before model validation runs.
        self.instance.timing_quarter = self.cleaned_data.get("timing_quarter")
        self.instance.timing_month = self.cleaned_data.get("timing_month")
        super()._post_clean()

    def _get_validation_exclusions(self):
        # The plan is not a form field but is set, so "one code per plan" is checked here too.
        exclusions = super()._get_validation_exclusions()
        exclusions.discard("plan")
        return exclusions

    def field_values(self) -> dict:
        """Plain field values for the item services (many-to-many fields apart)."""
        data = {
            name: self.cleaned_data[name]
            for name in self.Meta.fields
            if name in self.fields and name not in {"themes", "sdgs", "political_bodies"}
        }
        data["timing_quarter"] = self.cleaned_data["timing_quarter"]
        data["timing_month"] = self.cleaned_data["timing_month"]
        return data

    def m2m_values(self) -> dict:
        return {name: self.cleaned_data[name] for name in ("themes", "sdgs", "political_bodies")}


class StatusNoteForm(forms.ModelForm):
    class Meta:
        model = StatusNote
        fields = ["date", "text"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "text": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {"text": _("Ny statusnote")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].initial = timezone.localdate()


class StrategyYearForm(forms.Form):
    """Which year's course the strategic plan shows (?aar=2026)."""

    aar = forms.TypedChoiceField(label=_("Kursen for"), coerce=int, required=False)

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["aar"].choices = [(y, str(y)) for y in plan.years]  # type: ignore[attr-defined]
        self.fields["aar"].error_messages["invalid_choice"] = _(
            "Vælg et af planens år (%(first)s-%(last)s)."
        ) % {"first": plan.first_year, "last": plan.last_year}


class ThemeForm(forms.ModelForm):
    """A strategic theme's texts and its ties to the SDGs the kommune chose for the plan."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Theme
        fields = ["name", "description", "strategy_link", "sdgs", "position"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "strategy_link": forms.Textarea(attrs={"rows": 3}),
            "sdgs": forms.CheckboxSelectMultiple,
        }
        labels = {"position": _("Rækkefølge i planen")}

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.plan = plan
        self.fields["sdgs"].queryset = plan.chosen_sdgs.all()  # type: ignore[attr-defined]
        self.fields["sdgs"].help_text = _(
            "Kun de verdensmål, kommunen har udvalgt for planen, kan vælges."
        )
        self.fields["position"].error_messages["invalid"] = _("Angiv et helt tal, f.eks. 3.")
        self.fields["position"].error_messages["min_value"] = _("Angiv 0 eller et højere tal.")
        if not self.is_bound:
            self.initial["version"] = self.instance.version

    def _get_validation_exclusions(self):
        # One name per plan is checked by the form too, not left to the database.
        exclusions = super()._get_validation_exclusions()
        exclusions.discard("plan")
        return exclusions

    def field_values(self) -> dict:
        return {
            name: self.cleaned_data[name]
            for name in ("name", "description", "strategy_link", "position")
        }


class CourseForm(forms.Form):
    """The course of one theme for one year."""

    text = forms.CharField(
        label=_("Kursen"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Tom tekst fjerner årets kurs for temaet."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class ChosenSdgsForm(forms.Form):
    """The SDGs the kommune has chosen as the basis of the plan."""

    sdgs = forms.ModelMultipleChoiceField(
        label=_("Udvalgte verdensmål"),
        queryset=Sdg.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _("Vælg blandt de 17 verdensmål."),
            "invalid_pk_value": _("Vælg blandt de 17 verdensmål."),
        },
    )
    # The numbers chosen when the page was opened, to refuse saving over a newer choice.
    based_on = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean_based_on(self) -> list[int]:
        text = self.cleaned_data["based_on"]
        try:
            return [int(n) for n in text.split(",") if n.strip()]
        except ValueError:
            raise forms.ValidationError(
                _("Siden er forældet. Genindlæs den, og vælg igen.")
            ) from None
