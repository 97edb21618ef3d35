"""Forms of the status rounds: opening a round, answering for an item, reviewing an answer."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from danish.formatting import long_date
from followup.models import RespondentRule
from followup.services import parse_reminder_days
from meetings.models import Meeting
from organisation.models import Body
from plans.forms import PERIOD_CHOICES, DanishDecimalField
from plans.models import ItemKind, ItemStatus, Plan, Theme

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RoundOpenForm(forms.Form):
    plan = forms.ModelChoiceField(
        label=_("Plan"),
        queryset=Plan.objects.exclude(state=Plan.State.ARCHIVED),
        empty_label=None,
        error_messages={"invalid_choice": _("Vælg en af planerne.")},
    )
    name = forms.CharField(
        label=_("Navn"),
        max_length=120,
        help_text=_("F.eks. »Status juni 2025«."),
        error_messages={"required": _("Giv statusrunden et navn.")},
    )
    deadline = forms.DateField(
        label=_("Svarfrist"),
        widget=DATE_INPUT,
        error_messages={
            "required": _("Angiv svarfristen."),
            "invalid": _("Angiv svarfristen som en dato, f.eks. 20-06-2025."),
        },
    )
    rule = forms.ChoiceField(
        label=_("Hvem svarer for en indsats"),
        choices=RespondentRule.choices,
        initial=RespondentRule.CONTACT,
        error_messages={"invalid_choice": _("Vælg, hvem der svarer for indsatserne.")},
    )
    reminder_days = forms.CharField(
        label=_("Påmindelser (arbejdsdage før fristen)"),
        initial="10, 3, 0",
        required=False,
        max_length=60,
        help_text=_(
            "Hele tal adskilt af komma; 0 er selve dagen. Danske helligdage tælles ikke med."
        ),
    )
    committee = forms.ModelChoiceField(
        label=_("Kun udvalg"),
        queryset=Body.objects.committees(),
        required=False,
        empty_label=_("Alle udvalg"),
        error_messages={"invalid_choice": _("Vælg et af udvalgene.")},
    )
    kind = forms.ChoiceField(
        label=_("Kun type"),
        required=False,
        choices=[("", _("Alle typer")), *ItemKind.choices],
        error_messages={"invalid_choice": _("Vælg en af indsatstyperne.")},
    )
    theme = forms.ModelChoiceField(
        label=_("Kun strategisk tema"),
        queryset=Theme.objects.all(),
        required=False,
        empty_label=_("Alle temaer"),
        error_messages={"invalid_choice": _("Vælg et af planens temaer.")},
    )

    def clean_reminder_days(self) -> list[int]:
        try:
            return parse_reminder_days(self.cleaned_data.get("reminder_days") or "")
        except ValidationError as error:
            raise ValidationError(error.message_dict["reminder_days"]) from None

    def clean_deadline(self) -> datetime.date:
        deadline: datetime.date = self.cleaned_data["deadline"]
        if not 2000 <= deadline.year <= 2100:
            raise ValidationError(_("Angiv en svarfrist mellem år 2000 og 2100."))
        return deadline


class AnswerForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=ItemStatus.choices,
        error_messages={
            "invalid_choice": _("Vælg en af statusserne."),
            "required": _("Vælg indsatsens status."),
        },
    )
    note = forms.CharField(
        label=_("Statusnote"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=5000,
    )
    note_date = forms.DateField(
        label=_("Notens dato"),
        widget=DATE_INPUT,
        required=False,
        error_messages={"invalid": _("Angiv datoen som en dato, f.eks. 12-06-2025.")},
    )
    timing_year = forms.IntegerField(
        label=_("Justeret tidspunkt: år"),
        required=False,
        min_value=2000,
        max_value=2100,
        error_messages={
            "invalid": _("Angiv et årstal, f.eks. 2025."),
            "min_value": _("Angiv et årstal, f.eks. 2025."),
            "max_value": _("Angiv et årstal, f.eks. 2025."),
        },
    )
    timing_period = forms.ChoiceField(
        label=_("Justeret tidspunkt: kvartal eller måned"),
        choices=PERIOD_CHOICES,
        required=False,
        error_messages={"invalid_choice": _("Vælg et kvartal eller en måned.")},
    )
    realised = DanishDecimalField(
        label=_("Realiseret i år (t.kr.)"),
        required=False,
        max_digits=12,
        decimal_places=1,
        error_messages={
            "invalid": _("Skriv beløbet som et tal i t.kr., f.eks. -1.250,5."),
            "max_digits": _("Beløbet er for stort."),
            "max_decimal_places": _("Angiv beløbet med højst én decimal."),
        },
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=2**31 - 1)

    def __init__(
        self, *args: Any, has_amounts: bool = True, year: int | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if not has_amounts:
            del self.fields["realised"]
        elif year is not None:
            # The year the round asks about (its deadline's), said rather than "i år".
            self.fields["realised"].label = _("Realiseret i %(year)s (t.kr.)") % {"year": year}

    def clean_note_date(self) -> datetime.date | None:
        value: datetime.date | None = self.cleaned_data.get("note_date")
        if value is not None and not 2000 <= value.year <= 2100:
            raise ValidationError(_("Angiv en dato mellem år 2000 og 2100."))
        return value

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        period = cleaned.get("timing_period") or ""
        cleaned["timing_quarter"] = int(period[1:]) if period.startswith("q") else None
        cleaned["timing_month"] = int(period[1:]) if period.startswith("m") else None
        if period and not cleaned.get("timing_year"):
            self.add_error("timing_year", _("Angiv året for tidspunktet."))
        return cleaned

    @staticmethod
    def initial_for(answer: Any) -> dict[str, Any]:
        period = ""
        if answer.timing_quarter:
            period = f"q{answer.timing_quarter}"
        elif answer.timing_month:
            period = f"m{answer.timing_month}"
        return {
            "status": answer.status,
            "note": answer.note,
            "note_date": answer.note_date,
            "timing_year": answer.timing_year,
            "timing_period": period,
            "realised": answer.realised,
            "version": answer.version,
        }


class ReviewForm(forms.Form):
    comment = forms.CharField(
        label=_("Bemærkning"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=2**31 - 1)


class AgendaForm(forms.Form):
    meeting = forms.ModelChoiceField(
        label=_("Møde"),
        queryset=Meeting.objects.none(),
        empty_label=None,
        error_messages={
            "invalid_choice": _("Vælg et kommende møde i Direktionen eller Økonomiudvalget."),
            "required": _("Vælg et møde."),
        },
    )

    def __init__(self, *args: Any, meetings: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["meeting"]
        field.queryset = meetings  # type: ignore[attr-defined]
        field.label_from_instance = lambda m: f"{m.body.name} {long_date(m.date)}"  # type: ignore[attr-defined]
