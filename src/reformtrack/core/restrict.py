"""Querysets scoped to a user and an action, in NetBox's manner: ``Project.objects.restrict(user, "view")``.

Every list, page, export, job and API that shows rows to a person starts from ``restrict``: it keeps
the rows of the queryset that the user may see (``"view"``) or change (``"change"``), and chains like
any filter, before or after the others (``plan.projects.restrict(user)`` works too, as related
managers are built from the default one).

The rule of each model is a plain function registered here with :func:`restriction`, in the
``permissions.py`` of the app that owns the model, next to the predicates on one object
(``can_view_project``) and the table of the rules in that module's docstring; the app's
``AppConfig.ready`` imports that module, so the rules are there before the first request. ``core``
sits below the apps: it knows no model and no role, only the registry and the two rules every model
shares, which :func:`restrict` applies before it asks the model's rule:

- an action no rule is registered for raises :class:`UnknownAction` (a misspelt ``"veiw"`` is a bug,
  never an empty list), for a signed-in user and an anonymous one alike;
- an anonymous user gets no rows.

Unlike NetBox's, the rules are code, not permission rows in the database: who sees what follows from
the user's role and unit, which the apps' rules read through ``accounts``' role API.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from django.core.exceptions import ImproperlyConfigured
from django.db import models

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.contrib.auth.models import AnonymousUser

    AnyUser = AbstractBaseUser | AnonymousUser

__all__ = [
    "ACTIONS",
    "RestrictedQuerySet",
    "UnknownAction",
    "actions_of",
    "restrict",
    "restricted_models",
    "restriction",
]

# The actions a rule may be registered for. "view": the rows a user may see (a list, a page, an
# export); "change": the rows a user may edit (a list of what is theirs to act on).
ACTIONS = ("view", "change")

_M = TypeVar("_M", bound=models.Model)
# A rule narrows a queryset of its model to the rows a signed-in user may act on; it filters the
# queryset it is given (never ``Model.objects``), so whatever was chained before stays.
Rule = Callable[[models.QuerySet[_M], "AnyUser"], models.QuerySet[_M]]

_rules: dict[tuple[type[models.Model], str], Rule[Any]] = {}


class UnknownAction(ValueError):
    """No rule is registered for this model and action: a bug in the caller, never an empty list."""

    def __init__(self, model: type[models.Model], action: str) -> None:
        known = ", ".join(repr(name) for name in actions_of(model)) or "none"
        super().__init__(f"{model._meta.label} has no rule for the action {action!r} (its actions: {known})")
        self.model = model
        self.action = action


def restriction(model: type[_M], *actions: str) -> Callable[[Rule[_M]], Rule[_M]]:
    """Register the decorated function as ``model``'s rule for ``actions`` (one or more of
    :data:`ACTIONS`); a second, different rule for the same model and action is refused."""
    for action in actions:
        if action not in ACTIONS:
            raise ImproperlyConfigured(f"{action!r} is not an action of restrict(): {', '.join(ACTIONS)}")

    def register(rule: Rule[_M]) -> Rule[_M]:
        for action in actions:
            known = _rules.get((model, action))
            # the same function registered again (its module imported twice) is no conflict
            if known is not None and _name(known) != _name(rule):
                raise ImproperlyConfigured(
                    f"{model._meta.label} has two rules for {action!r}: {_name(known)} and {_name(rule)}"
                )
            _rules[(model, action)] = rule
        return rule

    return register


def _name(rule: Rule[Any]) -> str:
    return f"{rule.__module__}.{rule.__qualname__}"


def actions_of(model: type[models.Model]) -> list[str]:
    """The actions ``model`` has a rule for, in the order of :data:`ACTIONS`."""
    return [action for action in ACTIONS if (model, action) in _rules]


def restricted_models() -> set[type[models.Model]]:
    """The models that have at least one rule."""
    return {model for model, _ in _rules}


def restrict(queryset: models.QuerySet[_M], user: AnyUser, action: str = "view") -> models.QuerySet[_M]:
    """The rows of ``queryset`` on which ``user`` may take ``action``, by the rule of its model.

    For querysets whose manager is not ours (Django's ``User``); a model of ours gets the method
    through :class:`RestrictedQuerySet`.
    """
    rule = _rules.get((queryset.model, action))
    if rule is None:
        raise UnknownAction(queryset.model, action)
    if not user.is_authenticated:
        return queryset.none()
    return rule(queryset, user)


class RestrictedQuerySet(models.QuerySet[_M]):
    """A queryset with :meth:`restrict`; a model gets it as its manager with
    ``objects = RestrictedQuerySet.as_manager()`` (not used in migrations: the default manager
    named ``objects`` is left out of them)."""

    def restrict(self, user: AnyUser, action: str = "view") -> Self:
        """The rows on which ``user`` may take ``action`` (see :func:`restrict`)."""
        # a rule filters the queryset it is given, so what comes back is of this class
        return cast(Self, restrict(self, user, action))
