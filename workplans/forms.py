"""Forms of the work plan page: every field gives a Danish error, never a 500."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from workplans.selectors import Workplan, placement_target


class _EntryForm(forms.Form):
    """Names one entry of the work plan (as the page listed it) and the version seen."""

    entry = forms.CharField(max_length=40, error_messages={"required": _("Vælg et punkt.")})
    version = forms.IntegerField(
        min_value=0,
        max_value=2**31 - 1,
        error_messages={
            "required": _("Siden mangler punktets version: genindlæs den."),
            "invalid": _("Punktets version skal være et helt tal."),
        },
    )

    def __init__(self, *args, plan: Workplan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan

    def clean_entry(self):
        key = self.cleaned_data["entry"]
        found = next((e for e in self.plan.entries() if e.key == key), None)
        if found is None:
            raise forms.ValidationError(_("Punktet findes ikke på arbejdsplanen."))
        return found


class PlaceForm(_EntryForm):
    target = forms.CharField(
        label=_("Flyt til"), max_length=40, error_messages={"required": _("Vælg hvorhen.")}
    )

    def clean_target(self):
        value = self.cleaned_data["target"]
        found = placement_target(body=self.plan.body, year=self.plan.year, value=value)
        if found is None:
            raise forms.ValidationError(
                _("Vælg et af udvalgets møder i %(year)s, en måned eller »Afventer dato«.")
                % {"year": self.plan.year}
            )
        return found


class DoneForm(_EntryForm):
    done = forms.TypedChoiceField(
        choices=[("1", _("Behandlet")), ("0", _("Ikke behandlet"))],
        coerce=lambda value: value == "1",
        error_messages={
            "required": _("Vælg behandlet eller ikke behandlet."),
            "invalid_choice": _("Vælg behandlet eller ikke behandlet."),
        },
    )


class TimingForm(_EntryForm):
    item_version = forms.IntegerField(
        min_value=0,
        max_value=2**31 - 1,
        error_messages={
            "required": _("Siden mangler indsatsens version: genindlæs den."),
            "invalid": _("Indsatsens version skal være et helt tal."),
        },
    )


class PresentForm(forms.Form):
    meeting = forms.CharField(
        label=_("Fremlæg på mødet"), max_length=40, error_messages={"required": _("Vælg et møde.")}
    )

    def __init__(self, *args, plan: Workplan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan

    def clean_meeting(self):
        value = self.cleaned_data["meeting"]
        meeting = next((m for m in self.plan.meetings if str(m.pk) == value), None)
        if meeting is None:
            raise forms.ValidationError(
                _("Vælg et af udvalgets egne møder i %(year)s.") % {"year": self.plan.year}
            )
        if meeting.minutes_locked:
            raise forms.ValidationError(
                _("Mødets beslutningsprotokol er godkendt; vælg et kommende møde.")
            )
        return meeting
