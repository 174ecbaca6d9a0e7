"""The work people did on a plan: what a replace or a delete of the plan would lose.

Work is what people added after the import: reporting cycles, progress reports with their
contributions and evidence, supervision orders, extension requests, bulletins, target values,
milestones and plan amendments (方案调整: the office's decisions and the archived rows they keep).
What the import itself recorded (the plan's tree, its targets, its first status lights,
the history rows of the import) is not work: a plan holding only that may be replaced.

The work lives in the apps above the ledger (reporting, supervision). The ledger imports nothing
from them (layers import downwards only); it finds their models in Django's app registry by label.
Every table counted here is also protected by its foreign keys (``on_delete=PROTECT``), so a
delete that this count misses still cannot take the work with it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import astuple, dataclass, fields

from django.apps import apps
from django.db.models import Model, ProtectedError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import Amendment, Milestone, Plan, TargetValue


@dataclass(frozen=True)
class PlanWork:
    """How many rows of each kind of work a plan holds (see the module's docstring)."""

    cycles: int = 0
    reports: int = 0
    contributions: int = 0
    evidence: int = 0
    orders: int = 0
    extensions: int = 0
    bulletins: int = 0
    target_values: int = 0
    milestones: int = 0
    amendments: int = 0

    @property
    def total(self) -> int:
        return sum(astuple(self))

    def __bool__(self) -> bool:
        return self.total > 0

    def describe(self) -> str:
        """The kinds held, in the reader's language: ``1 个填报周期、1 份进展报告、1 份督办单``."""
        parts = [
            _PHRASES[f.name](count) % {"count": count}
            for f in fields(self)
            if (count := getattr(self, f.name)) > 0
        ]
        return "、".join(parts)


_PHRASES = {
    "cycles": lambda n: ngettext("%(count)d reporting cycle", "%(count)d reporting cycles", n),
    "reports": lambda n: ngettext("%(count)d progress report", "%(count)d progress reports", n),
    "contributions": lambda n: ngettext("%(count)d contribution", "%(count)d contributions", n),
    "evidence": lambda n: ngettext("%(count)d evidence file", "%(count)d evidence files", n),
    "orders": lambda n: ngettext("%(count)d supervision order", "%(count)d supervision orders", n),
    "extensions": lambda n: ngettext("%(count)d extension request", "%(count)d extension requests", n),
    "bulletins": lambda n: ngettext("%(count)d bulletin", "%(count)d bulletins", n),
    "target_values": lambda n: ngettext("%(count)d target value", "%(count)d target values", n),
    "milestones": lambda n: ngettext("%(count)d milestone", "%(count)d milestones", n),
    "amendments": lambda n: ngettext("%(count)d plan amendment", "%(count)d plan amendments", n),
}


def _model(label: str) -> type[Model]:
    return apps.get_model(label)


def plan_work_counts(plan: Plan) -> PlanWork:
    """Count the work people did on ``plan`` (ten ``COUNT`` queries; see the module's docstring).

    Bulletins are the programme's, not one plan's: those created since the plan was imported drew
    on it, so they count as its work.
    """
    report = _model("reporting.ProgressReport")
    on_plan = {"project__plan": plan}
    of_reports = {"report__project__plan": plan}
    return PlanWork(
        cycles=_model("reporting.ReportingCycle")._default_manager.filter(plan=plan).count(),
        reports=report._default_manager.filter(**on_plan).count(),
        contributions=_model("reporting.Contribution")._default_manager.filter(**of_reports).count(),
        evidence=_model("reporting.Evidence")._default_manager.filter(**of_reports).count(),
        orders=_model("supervision.SupervisionOrder")._default_manager.filter(**on_plan).count(),
        extensions=_model("supervision.ExtensionRequest")._default_manager.filter(**on_plan).count(),
        bulletins=_model("supervision.Bulletin")
        ._default_manager.filter(created_at__gte=plan.created_at)
        .count(),
        target_values=TargetValue.objects.filter(target__project__plan=plan).count(),
        milestones=Milestone.objects.filter(**on_plan).count(),
        amendments=Amendment.objects.filter(plan=plan).count(),
    )


def describe_protected(exc: ProtectedError) -> str:
    """A one-line refusal naming the kinds of work a delete would have taken, and how many of each:
    ``无法删除：仍有工作记录依附于它（督办单 × 1、进展报告 × 2）…``."""
    counts: Counter[str] = Counter(str(obj._meta.verbose_name) for obj in exc.protected_objects)
    held = "、".join(f"{name} × {count}" for name, count in sorted(counts.items()))
    return _("It cannot be deleted: work hangs off it (%(held)s). Nothing was deleted.") % {"held": held}
