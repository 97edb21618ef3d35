"""Forms for meetings, agenda items, decisions, attachments and cases."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from danish.richtext import clean_input
from meetings.models import SECTIONS, Absence, AgendaItem, Case, Meeting
from meetings.services import routing_from_text
from organisation.models import Body, Member
from organisation.permissions import user_is_administrator
from plans.models import Item, Plan

SECTION_HELP = _(
    "Tom linje mellem afsnit. Punktopstilling: start linjen med »- « (indryk for et underpunkt). "
    "Tabel: start linjerne med »|« og adskil cellerne med »|«."
)


class RichTextField(forms.CharField):
    """A section's text: pasted HTML is sanitised and converted, control characters dropped."""

    widget = forms.Textarea(attrs={"rows": 6})

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", SECTION_HELP)
        super().__init__(strip=False, **kwargs)

    def clean(self, value):
        return clean_input(super().clean(value))


class MeetingForm(forms.ModelForm):
    from_template = forms.BooleanField(
        label=_("Opret dagsordenen fra skabelonen med faste punkter"),
        required=False,
        initial=True,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Meeting
        fields = ["body", "date", "start_time", "end_time", "place"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "start_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "end_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }

    def __init__(self, *args, bodies=None, **kwargs):
        super().__init__(*args, **kwargs)
        if bodies is not None:
            self.fields["body"].queryset = bodies
        self.fields["body"].empty_label = _("Vælg udvalg")
        self.fields["start_time"].required = True
        if self.instance.pk:
            del self.fields["from_template"]
            self.fields["body"].disabled = True
            self.fields["version"].initial = self.instance.version

    def clean(self):
        data = super().clean()
        start, end = data.get("start_time"), data.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("Mødet kan ikke slutte, før det begynder."))
        return data


class AbsenceForm(forms.Form):
    """One choice per member: present, "Afbud" or "Fraværende", and the version of the list the
    page showed (the service refuses a stale list instead of erasing what others saved)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=2**31 - 1)

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = meeting.absences_version
        current = {a.member_id: a.kind for a in meeting.absences.all()}
        self.members = list(meeting.body.members.filter(active=True))
        choices = [("", _("Til stede")), *Absence.Kind.choices]
        for member in self.members:
            self.fields[f"member_{member.pk}"] = forms.ChoiceField(
                label=member.display_name,
                choices=choices,
                required=False,
                initial=current.get(member.pk, ""),
            )

    @property
    def absences(self) -> dict[Member, str]:
        return {
            member: self.cleaned_data[f"member_{member.pk}"]
            for member in self.members
            if self.cleaned_data.get(f"member_{member.pk}")
        }


class AgendaItemForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    case_presentation = RichTextField(label=_("Sagsfremstilling"))
    policy_context = RichTextField(
        label=_("Sammenhæng til andre politikker/strategier og fagområder")
    )
    financial_consequences = RichTextField(label=_("Økonomiske konsekvenser"))
    legal_basis = RichTextField(label=_("Lovgrundlag"))
    recommendation = RichTextField(label=_("Indstilling"))

    class Meta:
        model = AgendaItem
        fields = [
            "number", "title", "closed", "treatment", "time_slot", "participants",
            *[name for name, _label in SECTIONS], "recommended_by",
        ]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    def validate_unique(self):
        # The meeting is set by the view after validation; the service and the database
        # constraint refuse a duplicate number, reported as a field error by the view.
        pass


class NewAgendaItemForm(forms.Form):
    """Put a case, or a plain item without a case, on the agenda."""

    case = forms.ModelChoiceField(
        label=_("Sag"), queryset=Case.objects.none(), required=False, empty_label=_("Ingen sag")
    )
    title = forms.CharField(
        label=_("Titel (når punktet ikke har en sag)"), required=False, max_length=300
    )

    def __init__(self, *args, cases=None, **kwargs):
        super().__init__(*args, **kwargs)
        if cases is not None:
            self.fields["case"].queryset = cases

    def clean(self):
        data = super().clean()
        if not data.get("case") and not (data.get("title") or "").strip():
            raise ValidationError(_("Vælg en sag eller skriv en titel."))
        return data


class DecisionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    decision = forms.CharField(
        label=_("Beslutning"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("F.eks. »Tiltrådt.«, »Godkendt.« eller »Drøftet.«"),
    )
    not_participating = forms.ModelMultipleChoiceField(
        label=_("Deltog ikke under behandling af punktet"),
        queryset=Member.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, item: AgendaItem, **kwargs):
        super().__init__(*args, **kwargs)
        members = item.meeting.body.members.filter(active=True)
        self.fields["not_participating"].queryset = members  # type: ignore[attr-defined]
        self.fields["version"].initial = item.version
        self.fields["decision"].initial = item.decision
        self.fields["not_participating"].initial = list(item.not_participating.all())


class AddendumForm(forms.Form):
    text = forms.CharField(
        label=_("Tilføjelse til beslutningsprotokollen"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Protokollen er godkendt. Den oprindelige beslutning bevares."),
    )


class AttachmentClosedForm(forms.Form):
    """Close (closed=1) or open (closed=0) an attachment, as the page showed it (version)."""

    closed = forms.TypedChoiceField(choices=[("1", "1"), ("0", "0")], coerce=lambda v: v == "1")
    version = forms.IntegerField(min_value=0, max_value=2**31 - 1)


class AttachmentForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=300)
    document_number = forms.CharField(
        label=_("Dokumentnummer"), max_length=40, required=False, help_text=_("F.eks. 151433/22.")
    )
    closed = forms.BooleanField(label=_("Lukket bilag"), required=False)
    file = forms.FileField(
        label=_("Fil"), help_text=_("PDF, Word, Excel, PowerPoint, PNG eller JPEG, højst 25 MB.")
    )


class CaseForm(forms.ModelForm):
    routing_text = forms.CharField(
        label=_("Sagsgang"),
        required=False,
        help_text=_("Udvalgenes forkortelser i rækkefølge, f.eks. »DIR, ØK, KB«."),
    )
    item_codes = forms.CharField(
        label=_("Indsatser i udmøntningsplanen"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Indsatsernes numre adskilt af komma, f.eks. »AU-D01, ØK-H03«."),
    )

    version = forms.IntegerField(
        widget=forms.HiddenInput, required=False, min_value=0, max_value=2**31 - 1
    )

    class Meta:
        model = Case
        fields = ["number", "kle_number", "title", "closed"]

    def __init__(self, *args, plan: Plan | None = None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.user = user
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
            self.fields["version"].required = True
            routes = self.instance.routing.select_related("body")
            self.fields["routing_text"].initial = ", ".join(r.body.abbreviation for r in routes)
            self.fields["item_codes"].initial = ", ".join(
                self.instance.items.order_by("code").values_list("code", flat=True)
            )

    def clean_routing_text(self) -> list[Body]:
        bodies = routing_from_text(self.cleaned_data["routing_text"])
        if self.user is None or user_is_administrator(self.user):
            return bodies
        profile = getattr(self.user, "profile", None)
        own = set(profile.bodies.values_list("pk", flat=True)) if profile else set()
        if not any(body.pk in own for body in bodies):
            # An editor would lose the case they are saving: it must stay in their bodies.
            raise ValidationError(_("Sagsgangen skal omfatte et af dine udvalg."))
        return bodies

    def conflict_with(self, current: Case) -> dict:
        """What the other person saved, beside what this user tried to save, field by field.
        The form then carries the current version, so saving again is a deliberate choice."""
        saved = CaseForm(instance=current, plan=self.plan)
        rows = []
        for name in [*self.Meta.fields, "routing_text", "item_codes"]:
            field = self.fields[name]
            mine = self.data.get(name, "")
            theirs = saved.initial.get(name, saved.fields[name].initial)
            if isinstance(field, forms.BooleanField):
                mine_shown = str(_("Ja") if name in self.data else _("Nej"))
                theirs_shown = str(_("Ja") if theirs else _("Nej"))
            else:
                mine_shown, theirs_shown = str(mine).strip(), str(theirs or "").strip()
            if mine_shown != theirs_shown:
                rows.append({"label": field.label, "mine": mine_shown or "–",
                             "theirs": theirs_shown or "–"})  # fmt: skip
        data = QueryDict(mutable=True)
        data.update(self.data)
        data["version"] = str(current.version)
        self.data = data
        last = current.history.select_related("history_user").first()
        return {"rows": rows, "current": current, "last": last}

    def clean_item_codes(self) -> list[Item]:
        codes = [c.strip() for c in self.cleaned_data["item_codes"].split(",") if c.strip()]
        if not codes:
            return []
        items = Item.objects.filter(code__in=codes)
        if self.plan is not None:
            items = items.filter(plan=self.plan)
        found = {item.code: item for item in items}
        unknown = [code for code in codes if code not in found]
        if unknown:
            raise ValidationError(_("Ukendt indsats: %(codes)s.") % {"codes": ", ".join(unknown)})
        return [found[code] for code in codes]


class PutOnAgendaForm(forms.Form):
    meeting = forms.ModelChoiceField(
        label=_("Møde"), queryset=Meeting.objects.none(), empty_label=_("Vælg møde")
    )

    def __init__(self, *args, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings
        self.fields["meeting"].label_from_instance = lambda m: f"{m.body.name} {m.date:%d-%m-%Y}"
