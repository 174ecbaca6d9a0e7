"""What every plan amendment page that changes a plan's part shares (see :mod:`.views_amend_parts`):
an :class:`Action` says which form and which service, :func:`run` does the rest.

The coordinating office's alone, inside an amendment that is not reverted: an unknown amendment is a
404, anybody else a 403, an object not of the amendment's plan (or dropped) a 404. The typed text
survives every error, and a save over someone else's (a project's version, a digest of anything
else) answers 409 with the form as typed, now carrying the current version or digest, so saving
again is a deliberate overwrite.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from . import forms_amend_parts as parts
from .errors import ConcurrentEdit, LedgerError, StateChanged
from .models import Chapter, Measure, Project, Target
from .models_amend import Amendment
from .views_amend import _amendment, _office

if TYPE_CHECKING:
    from django.contrib.auth.models import User

Cleaned = dict[str, Any]


@dataclass
class Action:
    """One amendment page: its heading, its form, the service it calls and what it shows."""

    heading: str
    submit: str
    # the form, bound to the data given (None: unbound, with the object's values)
    form: Callable[[Any], forms.Form]
    # the service call: the message for the user once it is done
    apply: Callable[[User, Cleaned], str]
    # the hidden check values (version, state) as they are now, after a conflict
    fresh: Callable[[], dict[str, str]] = dict
    intro: str = ""
    danger: bool = False
    subject: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def run(request: HttpRequest, amendment_pk: int, build: Callable[[Amendment], Action]) -> HttpResponse:
    """An amendment page: the office only, the amendment open, then ``build``'s form and service."""
    amendment = _amendment(amendment_pk)
    user = _office(request)
    if amendment.reverted_at is not None:
        messages.error(request, _("This amendment has been reverted; open a new amendment."))
        return redirect("ledger:amendment_detail", amendment_pk=amendment.pk)
    action = build(amendment)
    form = action.form(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                message = action.apply(user, form.cleaned_data)
            except (ConcurrentEdit, StateChanged) as exc:
                # keep what was typed; carry the current version so saving again overwrites knowingly
                posted = request.POST.copy()
                for name, value in action.fresh().items():
                    posted[name] = value  # replaces the value posted (QueryDict.update would append)
                form = action.form(posted)
                form.is_valid()
                form.add_error(None, str(exc))
                status = 409
            except LedgerError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, message)
                return redirect("ledger:amendment_detail", amendment_pk=amendment.pk)
    return render(
        request,
        "ledger/amendment_action.html",
        {"amendment": amendment, "action": action, "form": form, **action.extra},
        status=status,
    )


def find_project(amendment: Amendment, pk: int) -> Project:
    return get_object_or_404(Project.objects.select_related("chapter"), pk=pk, plan=amendment.plan_id)


def find_measure(amendment: Amendment, pk: int) -> Measure:
    return get_object_or_404(
        Measure.objects.select_related("project"), pk=pk, project__plan=amendment.plan_id
    )


def find_target(amendment: Amendment, pk: int) -> Target:
    return get_object_or_404(Target.objects.select_related("project"), pk=pk, project__plan=amendment.plan_id)


def find_chapter(amendment: Amendment, pk: int) -> Chapter:
    return get_object_or_404(Chapter.objects.all(), pk=pk, plan=amendment.plan_id)


def in_order(selected: Any, current: list[int]) -> list[Any]:
    """The units selected, those the object had first in their printed order (a select list returns
    them by name: unchanged units must not count as a change)."""
    chosen = {unit.pk: unit for unit in selected}
    return [chosen.pop(pk) for pk in current if pk in chosen] + sorted(chosen.values(), key=lambda u: u.name)


def unit_initial(values: dict[str, Any]) -> dict[str, Any]:
    return {"lead_units": values["lead_units"], "co_units": values["co_units"]}


def drop_page(
    request: HttpRequest,
    amendment_pk: int,
    find: Callable[[Amendment], Any],
    drop: Callable[..., Any],
    **texts: str,
) -> HttpResponse:
    """A drop page: the object found in the amendment's plan, a reason, the service."""

    def build(amendment: Amendment) -> Action:
        obj = find(amendment)

        def apply(user: User, data: Cleaned) -> str:
            drop(amendment=amendment, by=user, reason=data["reason"], **{texts["kwarg"]: obj})
            return texts["done"]

        return Action(
            heading=texts["heading"],
            submit=texts["submit"],
            subject=str(obj),
            intro=texts["intro"],
            danger=True,
            form=lambda data: parts.ReasonForm(data),
            apply=apply,
        )

    return run(request, amendment_pk, build)
