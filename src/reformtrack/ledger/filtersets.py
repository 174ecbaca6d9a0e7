"""Filters of the project library (项目库), shared by the list page, the roadmap and the Excel export.

Search splits the query into words with jieba and keeps the projects whose title or text holds every
word, so 优化环境 finds 优化生态环境 and 营销 finds 品牌营销; it is plain ``icontains`` per word, the
same on SQLite and PostgreSQL.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import reduce
from operator import and_
from typing import Any

import django_filters
import jieba
from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Q, QuerySet, Value, When
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from reformtrack.accounts.choices import Role
from reformtrack.core.widgets import searchable

from .choices import Light, ProjectStatus, UnitRole
from .forms import PersonChoiceField
from .models import Chapter, Plan, Project, ProjectTag, ProjectUnit, Tag, Unit

jieba.setLogLevel(logging.WARNING)

# Words too common to narrow a search: particles and conjunctions of government Chinese.
STOP_WORDS = frozenset("的了和与及以或在对等并之其为是将把被中")
_NOT_WORD = re.compile(r"^[\W_]+$")
MAX_WORDS = 12


def search_words(query: str) -> list[str]:
    """The words of a search query as jieba cuts them, stop words and punctuation left out, each once.

    A query of nothing but stop words searches for itself (``的`` still finds something).
    """
    query = " ".join(query.split())[:200]
    words: list[str] = []
    for word in jieba.lcut(query):
        word = word.strip()
        if not word or _NOT_WORD.match(word) or word in STOP_WORDS or word in words:
            continue
        words.append(word)
    if not words and query.strip():
        words = [query.strip()]
    return words[:MAX_WORDS]


def search_projects(queryset: QuerySet[Project], query: str) -> QuerySet[Project]:
    """The projects whose title or text contains every word of ``query`` (see :func:`search_words`)."""
    words = search_words(query)
    if not words:
        return queryset
    conditions = [Q(title__icontains=word) | Q(text__icontains=word) for word in words]
    return queryset.filter(reduce(and_, conditions))


def unit_links(unit: Unit | int, role: str = "") -> QuerySet[ProjectUnit]:
    """Links of a project to the unit, directly or through a collective unit the unit is a member of.

    A subquery on ``OuterRef("pk")`` of a project queryset.
    """
    unit_id = unit if isinstance(unit, int) else unit.pk
    links = ProjectUnit.objects.filter(project=OuterRef("pk")).filter(
        Q(unit=unit_id) | Q(unit__members=unit_id)
    )
    return links.filter(role=role) if role else links


class ChapterChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """Chapters shown as "3. 推进社会管理改革创新…"."""

    def label_from_instance(self, obj: Any) -> str:
        title = str(obj.title)
        return f"{obj.number}. {title[:30]}{'…' if len(title) > 30 else ''}"


class ChapterFilter(django_filters.ModelChoiceFilter):
    field_class = ChapterChoiceField  # type: ignore[assignment]


class PersonFilter(django_filters.ModelChoiceFilter):
    field_class = PersonChoiceField  # type: ignore[assignment]


# The lights by severity, worst first: sorting by "light" shows red, yellow, green, not assessed.
LIGHT_RANK = Case(
    *(
        When(light=light, then=Value(rank))
        for rank, light in enumerate([Light.RED, Light.YELLOW, Light.GREEN])
    ),
    default=Value(3),
    output_field=IntegerField(),
)


class SortFilter(django_filters.OrderingFilter):
    """Sorting whose ties break on plan order, so pages never repeat or skip a project."""

    # django-filter's own wording of the descending choices, in our catalogue: the library ships
    # a zh_CN catalogue only, which Django does not use for zh-hans
    descending_fmt = _("%s (descending)")  # type: ignore[assignment]  # lazy, as the stubs do not say

    def filter(self, qs: QuerySet[Any], value: Any) -> QuerySet[Any]:
        if not value:
            return qs
        ordering: list[Any] = []
        for param in value:
            if not param:
                continue
            field = self.get_ordering_value(param)
            if field.lstrip("-") == "light":
                ordering.append(LIGHT_RANK.desc() if field.startswith("-") else LIGHT_RANK.asc())
            else:
                ordering.append(field)
        return qs.order_by(*ordering, "plan_id", "position", "pk")


class ProjectFilterSet(django_filters.FilterSet):
    """Search, filters and sorting of the project list; the export and the roadmap take the same ones."""

    q = django_filters.CharFilter(label=_("Search"), method="filter_search")
    plan = django_filters.ModelChoiceFilter(
        label=_("Plan"),
        queryset=Plan.objects.only("pk", "title").order_by("-issued", "-pk"),
        empty_label=_("All"),
    )
    chapter = ChapterFilter(
        label=_("Chapter"),
        queryset=Chapter.objects.only("pk", "number", "title").order_by("plan", "position"),
        empty_label=_("All"),
    )
    unit = django_filters.ModelChoiceFilter(
        label=_("Unit"), queryset=Unit.objects.none(), method="filter_unit", empty_label=_("All")
    )
    unit_role = django_filters.ChoiceFilter(
        label=_("as"), choices=UnitRole.choices, method="filter_noop", empty_label=_("Lead or co-unit")
    )
    leader = PersonFilter(
        label=_("Leader in charge"),
        queryset=get_user_model()
        .objects.filter(profile__role=Role.LEADER)
        .order_by("first_name", "username"),
        empty_label=_("All"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=ProjectStatus.choices, empty_label=_("All")
    )
    tag = django_filters.ModelChoiceFilter(
        label=_("Tag"),
        queryset=Tag.objects.filter(archived=False).only("pk", "name").order_by("name"),
        method="filter_tag",
        empty_label=_("All"),
    )
    light = django_filters.ChoiceFilter(label=_("Status light"), choices=Light.choices, empty_label=_("All"))
    needs_review = django_filters.BooleanFilter(
        label=_("Needs review"),
        widget=forms.Select(
            choices=[("", _("All")), ("true", _("Yes")), ("false", _("No"))], attrs={"class": "form-select"}
        ),
    )
    sort = SortFilter(
        label=_("Sort by"),
        fields=(
            ("position", "position"),
            ("deadline", "deadline"),
            ("progress", "progress"),
            ("status", "status"),
            ("title", "title"),
            ("light", "light"),
        ),
        field_labels={
            "position": _("Order in the plan"),
            "deadline": _("Deadline"),
            "progress": _("Progress"),
            "status": _("Status"),
            "title": _("Title"),
            "light": _("Status light (worst first)"),
        },
        empty_label=_("Order in the plan"),
    )

    class Meta:
        model = Project
        fields = [
            "q",
            "plan",
            "chapter",
            "unit",
            "unit_role",
            "leader",
            "status",
            "tag",
            "light",
            "needs_review",
        ]

    def __init__(
        self,
        data: Any = None,
        *args: Any,
        request: HttpRequest | None = None,
        user: Any = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(data, *args, request=request, **kwargs)
        # the unit choices depend on the user: a unit role sees the units of its own projects (a
        # job passes the user it runs for; a page, its request)
        if user is None and request is not None:
            user = request.user
        units = Unit.objects.restrict(user, "view") if user is not None else Unit.objects.none()
        units = units.filter(archived_at__isnull=True)  # a merged unit's projects are its successor's
        self.form.fields["unit"].queryset = units.only("pk", "name").order_by("name")  # type: ignore[attr-defined]
        self._offer_chapters_of_one_plan()
        self._offer_values_of_one_plan()
        # Bootstrap classes and stable test ids on every control; the template renders the widgets
        # (looping over a ModelChoiceField's choices in a template costs an extra COUNT query).
        for name, field in self.form.fields.items():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)
            field.widget.attrs.setdefault("data-testid", f"filter-{name.replace('_', '-')}")
        for name in ("plan", "unit", "leader"):  # hundreds of options at city scale
            searchable(self.form.fields[name].widget)

    def _offer_chapters_of_one_plan(self) -> None:
        """Offer the chapters of the chosen plan only (of the chosen chapter's plan, or of the only
        plan): a city's hundred plans have some 700 chapters, all numbered 1-7, which as one list
        would be unreadable and most of the page's time."""
        data = self.data or {}
        plan = str(data.get("plan") or "")
        chapter = str(data.get("chapter") or "")
        field = self.form.fields["chapter"]
        chapters = field.queryset  # type: ignore[attr-defined]
        if plan.isdigit():
            chapters = chapters.filter(plan=int(plan))
        elif chapter.isdigit():
            chapters = chapters.filter(plan__chapters=int(chapter))
        else:
            plans = list(Plan.objects.values_list("pk", flat=True)[:2])
            if len(plans) > 1:
                chapters = chapters.none()
                field.empty_label = _("All (choose a plan to pick a chapter)")  # type: ignore[attr-defined]
        field.queryset = chapters  # type: ignore[attr-defined]

    def _chosen_plan(self) -> int | None:
        """The plan the filters are narrowed to: the chosen one, or the chosen chapter's."""
        data = self.data or {}
        plan = str(data.get("plan") or "")
        if plan.isdigit():
            return int(plan)
        chapter = str(data.get("chapter") or "")
        if chapter.isdigit():
            return Chapter.objects.filter(pk=int(chapter)).values_list("plan_id", flat=True).first()
        return None

    def _offer_values_of_one_plan(self) -> None:
        """With a plan chosen, offer only the units, leaders and tags of its projects. The value
        already chosen stays offered, so changing the plan never turns the filter into an error."""
        plan = self._chosen_plan()
        if plan is None:
            return
        data = self.data or {}
        in_plan = Project.objects.filter(plan=plan)
        linked = ProjectUnit.objects.filter(project__plan=plan).values("unit_id")
        narrowing = {
            # a member of a collective unit on the plan finds its projects too (filter_unit)
            "unit": Q(pk__in=linked) | Q(collectives__in=linked),
            "leader": Q(pk__in=in_plan.filter(leader__isnull=False).values("leader_id")),
            "tag": Q(pk__in=ProjectTag.objects.filter(project__plan=plan).values("tag_id")),
        }
        for name, condition in narrowing.items():
            chosen = str(data.get(name) or "")
            if chosen.isdigit():
                condition |= Q(pk=int(chosen))
            field = self.form.fields[name]
            field.queryset = field.queryset.filter(  # type: ignore[attr-defined]
                pk__in=field.queryset.model.objects.filter(condition).values("pk")  # type: ignore[attr-defined]
            )

    def filter_search(self, queryset: QuerySet[Project], name: str, value: str) -> QuerySet[Project]:
        return search_projects(queryset, value)

    def filter_unit(self, queryset: QuerySet[Project], name: str, value: Unit | None) -> QuerySet[Project]:
        if value is None:
            return queryset
        role = self.form.cleaned_data.get("unit_role") or ""
        return queryset.filter(Exists(unit_links(value, role)))

    def filter_tag(self, queryset: QuerySet[Project], name: str, value: Tag | None) -> QuerySet[Project]:
        if value is None:
            return queryset
        return queryset.filter(Exists(ProjectTag.objects.filter(project=OuterRef("pk"), tag=value)))

    def filter_noop(self, queryset: QuerySet[Project], name: str, value: str) -> QuerySet[Project]:
        # unit_role only qualifies the unit filter (see filter_unit)
        return queryset


@dataclass(frozen=True)
class TagFacet:
    """A tag with how many of the listed projects carry it."""

    pk: int
    name: str
    colour: str
    count: int


def tag_facets(projects: QuerySet[Project]) -> list[TagFacet]:
    """The tags (not archived) on ``projects`` with their counts, most used first: one query for any
    number of projects and tags (``projects`` is a subquery)."""
    links = ProjectTag.objects.filter(tag__archived=False)
    if projects.query.where:
        # a filter or the user's scope: count the links of those projects only. Without one (the
        # office's unfiltered library) every link counts, and the subquery, most of the query's
        # time at city scale, is left out.
        links = links.filter(project__in=projects.order_by().values("pk"))
    rows = (
        links.values("tag_id", "tag__name", "tag__colour")
        .annotate(n=Count("project_id"))
        .order_by("-n", "tag__name")
    )
    return [TagFacet(row["tag_id"], row["tag__name"], row["tag__colour"], row["n"]) for row in rows]
