"""The search box and its filters, as GET parameters: q, type, udvalg, aar, status."""

from __future__ import annotations

from django import forms

from organisation.models import Body
from search import selectors


class SearchForm(forms.Form):
    q = forms.CharField(label="Søg efter", required=False, max_length=200)
    type = forms.ChoiceField(label="Type", required=False)
    udvalg = forms.TypedChoiceField(label="Udvalg", required=False, coerce=int, empty_value=None)
    aar = forms.TypedChoiceField(label="År", required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(label="Status", required=False)

    def __init__(self, data=None, *, public: bool = False, user=None):
        super().__init__(data)
        self.public = public
        # The years offered are those of entries this viewer may find (the access gate).
        choices = selectors.filter_choices(public=public, user=user)
        self.fields["type"].choices = [("", "Alle typer"), *choices["kinds"]]  # type: ignore[attr-defined]
        self.fields["udvalg"].choices = [  # type: ignore[attr-defined]
            ("", "Alle udvalg"),
            *((str(b.pk), b.name) for b in Body.objects.all()),
        ]
        self.fields["aar"].choices = [("", "Alle år"), *choices["years"]]  # type: ignore[attr-defined]
        self.fields["status"].choices = [  # type: ignore[attr-defined]
            ("", "Alle"),
            ("Indsatser", choices["item_statuses"]),
            ("Møder", choices["meeting_states"]),
        ]
        if public:
            del self.fields["status"]

    def search(self, user=None) -> selectors.Results | None:
        """The results, or None before anything is searched for."""
        if not self.is_valid() or not self.cleaned_data["q"].strip():
            return None
        data = self.cleaned_data
        return selectors.search(
            query=data["q"], user=user, public=self.public, kind=data["type"] or "",
            body_id=data["udvalg"], year=data["aar"], status=data.get("status") or "",
        )  # fmt: skip
