"""The office's writes of a target from the project page: an actual value (with its evidence file)
and the target's form and baseline; and a value's evidence download.

A value refused (not a number, a date outside the plan's years, a wrong file) renders the project
page again with the message and everything typed (400).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from reformtrack.core.http import signed_in_user
from reformtrack.ingest.filetypes import EVIDENCE_TYPES
from reformtrack.ledger import pages
from reformtrack.ledger.errors import TargetValueRefused
from reformtrack.ledger.models import Project, Target, TargetValue
from reformtrack.ledger.permissions import can_move_progress
from reformtrack.ledger.services import target_update, target_value_record

from .views_project import render_project_detail
from .views_targets import TargetBaselineForm, TargetValueForm


def _target(request: HttpRequest, pk: int, target_pk: int) -> Target:
    project = pages.visible_project(
        request, pk, Project.objects.restrict(request.user, "view").select_related("plan")
    )
    target = get_object_or_404(Target, pk=target_pk, project=project)
    target.project = project
    return target


@require_POST
@login_required
def target_value_add(request: HttpRequest, pk: int, target_pk: int) -> HttpResponse:
    """The office enters a target's actual value (403 for anybody else)."""
    target = _target(request, pk, target_pk)
    user = signed_in_user(request)
    if not can_move_progress(user, target.project):
        raise PermissionDenied
    form = TargetValueForm(request.POST, request.FILES, prefix=f"t{target.pk}")
    if form.is_valid():
        try:
            target_value_record(
                target=target,
                date=form.cleaned_data["date"],
                value=form.cleaned_data["value"],
                by=user,
                note=form.cleaned_data["note"],
                source=form.cleaned_data["source"],
                evidence=form.cleaned_data["evidence"],
            )
        except TargetValueRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, _("The actual value is recorded."))
            return redirect(reverse("web:project_detail", args=[pk]) + f"#target-{target.pk}")
    return render_project_detail(request, pk, bound={target.pk: form}, status=400)


@require_POST
@login_required
def target_baseline_set(request: HttpRequest, pk: int, target_pk: int) -> HttpResponse:
    """The office sets a target's form and baseline."""
    target = _target(request, pk, target_pk)
    user = signed_in_user(request)
    if not can_move_progress(user, target.project):
        raise PermissionDenied
    form = TargetBaselineForm(request.POST, prefix=f"b{target.pk}")
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    else:
        try:
            target_update(
                target=target,
                by=user,
                form=form.cleaned_data["form"],
                baseline=form.cleaned_data["baseline"] or None,
                baseline_date=form.cleaned_data["baseline_date"],
            )
        except TargetValueRefused as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, _("The target's form and baseline are saved."))
    return redirect(reverse("web:project_detail", args=[pk]) + f"#target-{target.pk}")


@require_GET
@login_required
def target_evidence(request: HttpRequest, pk: int, value_pk: int) -> FileResponse:
    """A value's evidence file, to those who see the project: an attachment under its content's type."""
    project = pages.visible_project(request, pk)
    value = get_object_or_404(TargetValue, pk=value_pk, target__project=project)
    if not value.evidence or value.evidence_type not in EVIDENCE_TYPES:
        raise Http404("no such file")
    stem = value.evidence_name.rsplit(".", 1)[0] or "file"
    suffix = "." + (value.evidence.name or "").rsplit(".", 1)[-1]
    response = FileResponse(
        value.evidence.open("rb"),
        as_attachment=True,
        filename=stem + suffix,
        content_type=value.evidence_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
