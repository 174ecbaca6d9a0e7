"""The coordinating office's tags page: the tags with how many projects carry each, a form to add
one, and each tag's form to rename, recolour or archive it. Writes go through :mod:`.services_tags`."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from reformtrack.accounts.permissions import can_manage_programme
from reformtrack.core.http import signed_in_user

from .errors import LedgerError
from .forms_planning import TagForm
from .models import Tag
from .services_tags import tag_create, tag_update


def _office(request: HttpRequest) -> None:
    if not can_manage_programme(signed_in_user(request)):
        raise PermissionDenied


@require_http_methods(["GET", "POST"])
@login_required
def tag_list(request: HttpRequest) -> HttpResponse:
    """Every tag (archived last) with its number of projects, and the form of a new one."""
    _office(request)
    form = TagForm(request.POST or None)
    del form.fields["archived"]
    if request.method == "POST" and form.is_valid():
        try:
            tag = tag_create(
                by=signed_in_user(request), name=form.cleaned_data["name"], colour=form.cleaned_data["colour"]
            )
        except LedgerError as exc:
            form.add_error("name", str(exc))
        else:
            messages.success(request, _("The tag %(name)s is added.") % {"name": tag.name})
            return redirect("ledger:tag_list")
    tags = Tag.objects.annotate(project_count=Count("project_tags")).order_by("archived", "name")
    return render(
        request,
        "ledger/tag_list.html",
        {"tags": tags, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@require_http_methods(["GET", "POST"])
@login_required
def tag_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Rename, recolour, archive or bring back a tag."""
    _office(request)
    tag = get_object_or_404(Tag, pk=pk)
    initial = {"name": tag.name, "colour": tag.colour, "archived": tag.archived}
    form = TagForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            tag_update(tag=tag, by=signed_in_user(request), **form.cleaned_data)
        except LedgerError as exc:
            form.add_error("name", str(exc))
        else:
            messages.success(request, _("The tag is saved."))
            return redirect("ledger:tag_list")
    return render(
        request,
        "ledger/tag_edit.html",
        {"tag": tag, "form": form},
        status=400 if request.method == "POST" else 200,
    )
