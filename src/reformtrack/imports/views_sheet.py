"""Pages of a ledger (台账) draft: the column mapping, editable, and a preview of every row with its
problems; a new mapping or a row's fix reads the stored spreadsheet again. Coordinating office only;
a draft that is not the user's own is 404."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from .errors import DraftError
from .forms_sheet import MappingForm, RowFixForm
from .models import ImportDraft
from .selectors_sheet import sheet_preview
from .services_sheet import draft_fix_row, draft_remap
from .sheet import mapping_of
from .views import _draft, _user, office_only


def _sheet_draft(request: HttpRequest, pk: int) -> ImportDraft:
    found = _draft(request, pk)
    if not found.sheet:
        raise Http404("not a spreadsheet's draft")
    return found


def _mapping_form(found: ImportDraft, data: Any = None) -> MappingForm:
    headings = list(found.sheet.get("headings") or [])
    initial = {f"column_{column}": name for column, name in mapping_of(found.sheet).items()}
    return MappingForm(data, headings=headings, initial=initial)


def _page(
    request: HttpRequest, found: ImportDraft, form: MappingForm, status: int = 200, **extra: Any
) -> HttpResponse:
    preview = sheet_preview(found)
    selects = [(column, form[f"column_{column.index}"]) for column in preview.columns]
    context = {"draft": found, "preview": preview, "form": form, "selects": selects, **extra}
    return render(request, "imports/sheet.html", context, status=status)


@office_only
@require_http_methods(["GET", "POST"])
def sheet(request: HttpRequest, pk: int) -> HttpResponse:
    """The column mapping and the rows; a POST saves a new mapping and reads the sheet again. A
    mapping that cannot work is shown again as chosen, with why."""
    found = _sheet_draft(request, pk)
    if request.method != "POST":
        return _page(request, found, _mapping_form(found))
    form = _mapping_form(found, request.POST)
    if form.is_valid():
        try:
            draft_remap(draft=found, by=_user(request), mapping=form.mapping())
        except DraftError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Saved the column mapping; the spreadsheet was read again."))
            return redirect("imports:sheet", pk=found.pk)
    return _page(request, found, form, status=400)


@office_only
@require_POST
def sheet_row(request: HttpRequest, pk: int, row: int) -> HttpResponse:
    """Correct one row's project or deadline; the sheet is read again."""
    found = _sheet_draft(request, pk)
    form = RowFixForm(request.POST)
    error = _("The correction is too long.")
    if form.is_valid():
        try:
            draft_fix_row(draft=found, by=_user(request), row=row, values=form.values(request.POST))
        except DraftError as exc:
            error = str(exc)
        else:
            messages.success(request, _("Saved the correction of row %(row)d.") % {"row": row})
            return redirect(f"{reverse('imports:sheet', args=[found.pk])}#row-{row}")
    # the typed text is shown again in its row, with why it was not taken
    typed = {name: str(request.POST.get(name, ""))[:1000] for name in ("project", "deadline")}
    extra = {"fix_row": row, "fix_error": error, "fix_typed": typed}
    return _page(request, found, _mapping_form(found), status=400, **extra)
