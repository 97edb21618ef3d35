"""The annual cycle's forms: validation in Danish, the recurrence offered as presets."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cycle import recurrence
from cycle.models import Event
from danish.formatting import MONTHS
from organisation.models import Body
from plans.models import Item, Theme

# The largest key a database column holds; a larger number is no choice (SQLite would raise).
LARGEST_KEY = 2**63 - 1


def _is_key(value) -> bool:
    text = str(value).strip()
    return text.isascii() and text.isdigit() and int(text) <= LARGEST_KEY


class KeyChoiceField(forms.ModelChoiceField):
    """A choice of a row by its key; what is not a key is refused as any other wrong choice."""

    def to_python(self, value):
        if value not in self.empty_values and not _is_key(value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class KeysChoiceField(forms.ModelMultipleChoiceField):
    def clean(self, value):
        for one in value or []:
            if not _is_key(one):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value",
                    params={"pk": str(one)[:40]},
                )  # fmt: skip
        return super().clean(value)


MONTH_CHOICES = [("", _("Vælg måned"))] + [(str(i), m) for i, m in enumerate(MONTHS, start=1)]


class EventForm(forms.ModelForm):
    preset = forms.ChoiceField(
        label=_("Gentagelse"), choices=recurrence.PRESET_CHOICES, initial=recurrence.Preset.YEARLY
    )
    month = forms.TypedChoiceField(
        label=_("Måned"), choices=MONTH_CHOICES, coerce=int, required=False, empty_value=None
    )
    second_month = forms.TypedChoiceField(
        label=_("Anden måned (to gange om året)"),
        choices=MONTH_CHOICES,
        coerce=int,
        required=False,
        empty_value=None,
    )
    custom_rule = forms.CharField(
        label=_("Egen regel (RRULE)"),
        required=False,
        max_length=300,
        help_text=_(
            "RFC 5545, f.eks. FREQ=MONTHLY;INTERVAL=2;BYDAY=1TU (første tirsdag hver anden måned)."
        ),
    )
    window_days = forms.IntegerField(
        label=_("Find et møde inden for (dage)"),
        min_value=1,
        max_value=366,
        initial=31,
        help_text=_("Det første møde i udvalget fra datoen og så mange dage frem."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Event
        fields = [
            "title",
            "kind",
            "description",
            "whole_organisation",
            "bodies",
            "responsible",
            "start",
            "theme",
            "item",
            "on_meeting",
            "topic_title",
            "topic_text",
            "own_item",
            "window_days",
        ]
        field_classes = {"bodies": KeysChoiceField, "theme": KeyChoiceField, "item": KeyChoiceField}
        widgets = {
            "start": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "bodies": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 3}),
            "topic_text": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, bodies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bodies"].queryset = bodies if bodies is not None else Body.objects.all()
        self.fields["theme"].queryset = Theme.objects.select_related("plan")
        self.fields["theme"].empty_label = _("Intet tema")
        self.fields["item"].queryset = Item.objects.select_related("plan").order_by("plan", "code")
        self.fields["item"].empty_label = _("Ingen indsats")
        self.fields["kind"].choices = Event.Kind.choices
        if self.instance.pk:
            values = recurrence.preset_of(self.instance.rule)
            self.initial.update(
                preset=values.preset,
                month=values.month,
                second_month=values.second_month,
                custom_rule=values.custom,
                version=self.instance.version,
            )

    def clean(self):
        data = super().clean()
        start = data.get("start")
        if start is None:
            return data
        try:
            data["rule"] = recurrence.rule_for(
                data.get("preset") or "",
                start=start,
                month=data.get("month"),
                second_month=data.get("second_month"),
                custom=data.get("custom_rule") or "",
            )
        except ValidationError as error:
            self._add(error)
            return data
        bodies = list(data.get("bodies") or [])
        if data.get("on_meeting") and not bodies:
            self.add_error("bodies", _("Vælg udvalget, hvis møde begivenheden skal sættes på."))
        if not data.get("whole_organisation") and not bodies:
            self.add_error("bodies", _("Vælg et eller flere udvalg, eller hele organisationen."))
        theme, item = data.get("theme"), data.get("item")
        if theme and item and theme.plan_id != item.plan_id:
            self.add_error("item", _("Indsatsen hører til en anden plan end temaet."))
        if data.get("own_item") and not data.get("on_meeting"):
            self.add_error(
                "own_item", _("Et eget dagsordenspunkt kræver, at begivenheden sættes på et møde.")
            )
        return data

    def _add(self, error: ValidationError) -> None:
        for name, messages in error.message_dict.items():
            self.add_error(name if name in self.fields else None, messages)

    def event_fields(self) -> dict:
        data = self.cleaned_data
        fields = {name: data[name] for name in self.Meta.fields if name != "bodies"}
        fields["rule"] = data["rule"]
        fields["plan"] = (
            (data["theme"] or data["item"]).plan if (data["theme"] or data["item"]) else None
        )
        return fields


class WheelFilterForm(forms.Form):
    """The wheel's filters; a value that is not one gives a Danish message, never a 500."""

    udvalg = forms.CharField(required=False, max_length=20)
    aar = forms.IntegerField(required=False, min_value=1900, max_value=2200)
    ringe = forms.ChoiceField(
        required=False, choices=[("udvalg", _("Udvalg")), ("slags", _("Slags begivenhed"))]
    )


class BriefingForm(forms.Form):
    """A director's 5-minute briefing on a strategic subject, planned on a meeting."""

    body = KeyChoiceField(label=_("Udvalg"), queryset=Body.objects.none())
    planned_for = forms.DateField(
        label=_("Mødedato"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Tom: afventer dato."),
    )
    title = forms.CharField(label=_("Emne"), max_length=300)
    presenter = forms.CharField(
        label=_("Oplæg ved"), max_length=200, help_text=_('F.eks. "Velfærdsdirektøren".')
    )
    theme = KeyChoiceField(label=_("Strategisk tema"), queryset=Theme.objects.none())
    description = forms.CharField(
        label=_("Beskrivelse"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, bodies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies if bodies is not None else Body.objects.all()
        self.fields["body"].empty_label = _("Vælg udvalg")
        self.fields["theme"].queryset = Theme.objects.select_related("plan")
        self.fields["theme"].empty_label = _("Vælg tema")

    def clean(self):
        data = super().clean()
        body, date = data.get("body"), data.get("planned_for")
        if body is not None and date is not None and not body.meetings.filter(date=date).exists():
            self.add_error(
                "planned_for",
                _("%(body)s har intet møde den dag. Vælg en mødedato, eller lad feltet stå tomt.")
                % {"body": body.name},
            )
        return data
