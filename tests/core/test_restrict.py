"""``Model.objects.restrict(user, action)``: the one way a list is scoped to a user.

For every scoped model and every role: "view" keeps the rows the old ``visible_*`` function kept
(the rules moved, none changed), "change" keeps the rows the one-object predicate allows, an
unknown action raises, an anonymous user gets nothing, and a list costs one query whatever the
size of the data. Every model of ours either has a rule or is named below with the reason it has none.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.db.models.query import EmptyQuerySet

from reformtrack.accounts.permissions import can_manage_account
from reformtrack.appraisal import models as appraisal_models
from reformtrack.cases.models import Case
from reformtrack.cases.permissions import can_edit_case
from reformtrack.core.restrict import (
    ACTIONS,
    RestrictedQuerySet,
    UnknownAction,
    actions_of,
    restrict,
    restricted_models,
    restriction,
)
from reformtrack.evaluation.models import Criterion, Evaluation, ReviewerAssignment, Score
from reformtrack.ingest.model import ParsedPlan
from reformtrack.jobs.models import Job
from reformtrack.ledger.models import Project, Unit
from reformtrack.ledger.permissions import can_edit_project, can_view_project
from reformtrack.ratings.models import Rating, RatingSettings, SensitiveWord
from reformtrack.reporting.models import ProgressReport
from reformtrack.reporting.permissions import can_write_report
from reformtrack.risk.models import Assessment
from reformtrack.studies.models import Study
from reformtrack.studies.permissions import can_write_study
from reformtrack.supervision.models import Bulletin, Decision, ExtensionRequest, SupervisionOrder
from reformtrack.supervision.permissions import (
    can_view_extension,
    can_write_bulletins,
)
from reformtrack.webhooks import models as webhooks_models

from .restrict_award import AWARD_OLD_VIEW_RULES, AWARD_SCOPED
from .restrict_world import OLD_VIEW_RULES, World, build_world, make_users

pytestmark = pytest.mark.django_db

SCOPED: list[type[models.Model]] = [
    Project,
    Unit,
    ProgressReport,
    SupervisionOrder,
    ExtensionRequest,
    Bulletin,
    Job,
    User,
    Case,
    Decision,
    *AWARD_SCOPED,
    Evaluation,
    Criterion,
    ReviewerAssignment,
    Score,
    Study,
    Assessment,
]
OLD_VIEW_RULES.update(AWARD_OLD_VIEW_RULES)

# Models whose rules are checked row by row in their own app's tests (no old rule to compare with,
# no rows in this world): model → the file that checks them.
SCOPED_IN_APP_TESTS: dict[type[models.Model], str] = {}
SCOPED_IN_APP_TESTS.update(
    {
        model: "tests/appraisal/test_restrict_rules.py"
        for model in (
            appraisal_models.Scheme,
            appraisal_models.Run,
            appraisal_models.Result,
            appraisal_models.Appeal,
            appraisal_models.Adjustment,
            appraisal_models.BonusClaim,
        )
    }
)
# the webhooks: the coordinating office's alone
SCOPED_IN_APP_TESTS.update(
    {
        model: "tests/webhooks/test_restrict_rules.py"
        for model in (webhooks_models.Endpoint, webhooks_models.Delivery)
    }
)
SCOPED_IN_APP_TESTS.update(
    {model: "tests/ratings/test_restrict_rules.py" for model in (Rating, RatingSettings, SensitiveWord)}
)

# "change": the one-object predicate each list rule must agree with, row by row.
CHANGE_PREDICATES: dict[type[models.Model], Callable[[Any, Any], bool]] = {
    Project: can_edit_project,
    ProgressReport: can_write_report,
    Bulletin: lambda user, bulletin: can_write_bulletins(user),
    User: can_manage_account,
    Case: can_edit_case,
    Study: can_write_study,
}


# Models of ours without a restrict() rule, and why; a new model lands here or gets a rule.
UNSCOPED = {
    "ledger.Plan": "every signed-in user reads every plan; its projects are what is scoped",
    "ledger.Chapter": "read through its plan, like the plan",
    "ledger.SourceDocument": "the office's import records; no list outside the admin",
    "ledger.UnitAlias": "names of units for the importer; no list of its own",
    "ledger.Measure": "read as part of its project (the project's rule scopes it)",
    "ledger.Target": "read as part of its project",
    "ledger.ChapterTarget": "read as part of its chapter, like the chapter",
    "ledger.TargetValue": "read as part of its project's target",
    "ledger.Milestone": "read as part of its project",
    "ledger.ProjectUnit": "a link; read with its project",
    "ledger.MeasureUnit": "a link; read with its measure",
    "ledger.Tag": "the office's words, read by every signed-in user; the projects they count are scoped",
    "ledger.Amendment": "the office's own decisions; its pages are the office's only (403 for the rest)",
    "ledger.AmendmentChange": "read as part of its amendment, or of its project on the project page",
    "ledger.ProjectTag": "a link; read with its project (the library's facets count scoped projects)",
    "accounts.Profile": "the admin scopes it through its account (the accounts' rule)",
    "imports.ImportDraft": "the owner's alone, by owner in imports/selectors.py",
    "imports.ImportUpload": "the owner's alone, by owner in imports/selectors.py",
    "reporting.ReportingCycle": "a plan's cycles, read by every role with the plan",
    "reporting.Contribution": "read as part of its report (the report's rule scopes it)",
    "reporting.Evidence": "read as part of its report",
    "supervision.OrderAttachment": "read as part of its order (the download asks order_of)",
    "reporting.TargetEntry": "read as part of its report (a figure the report gives)",
    "reporting.MeasureEntry": "read as part of its report (a figure the report gives)",
    "supervision.SupervisionSequence": "a counter for numbers; never listed",
    "supervision.DecisionFollowup": "read as part of its decision (decision_of goes through its rule)",
    "supervision.DecisionAttachment": "read as part of its decision (the download asks decision_of)",
    "status.StatusRules": "every user with a role reads a plan's rules (status/permissions.py)",
    "status.StatusChange": "read as part of its project",
    "reminders.Notification": "the recipient's alone, by recipient in reminders/selectors.py",
    "reminders.WebhookTarget": "the office's delivery settings; the page is the office's only",
    "reminders.Delivery": "the office's delivery log; the page is the office's only",
    "reminders.NoticePreference": "the person's own, by user in reminders/selectors.py",
    "cases.CaseFigure": "a case's frozen figures, read as part of its case (the case's rule scopes it)",
    "award.Criterion": "read as part of its call, like the call",
    "award.PrizeRule": "read as part of its call, like the call",
    "award.NominationProject": "a link; read with its nomination (the nomination's rule scopes it)",
    "award.NominationEvidence": "read as part of its nomination (the download asks nomination_of)",
    "award.PanelMember": "the office's panel page alone; a member finds their own in award/selectors.py",
    "award.PublicVote": "never listed; the ranking counts them per nomination",
    "studies.StudyOption": "read as part of its study (the study's rule scopes it)",
    "studies.Consultation": "read as part of its study",
    "studies.StudyAttachment": "read as part of its study (the download asks the study's rule)",
    "risk.RiskRule": "the office's one rule row; its page is the office's only",
    "risk.DimensionScore": "read as part of its assessment (the assessment's rule scopes it)",
    "risk.AffectedGroup": "read as part of its assessment",
    "risk.Risk": "read as part of its assessment",
    "risk.AssessmentFile": "read as part of its assessment (the download asks assessment_of)",
    "api.ApiToken": "the office's token pages alone (can_manage_programme); the API reads it by key hash",
    "api.ApiWriteLog": "the office's token page alone; written by the API, never listed to others",
}


@pytest.fixture
def world(make_user: Callable[..., User], make_plan: Callable[..., ParsedPlan]) -> World:
    made = make_users(make_user, make_plan)
    build_world(made, "")
    return made


def _pks(queryset: Any) -> set[int]:
    return set(queryset.values_list("pk", flat=True))


def _fresh(user: User) -> User:
    """The user as a request loads it, with the profile the rules read."""
    return User.objects.select_related("profile").get(pk=user.pk)


def test_the_scoped_models_are_the_registered_ones() -> None:
    assert restricted_models() == set(SCOPED) | set(SCOPED_IN_APP_TESTS)
    for model in SCOPED:
        assert "view" in actions_of(model)


@pytest.mark.parametrize("model", SCOPED, ids=lambda model: model.__name__)
def test_view_keeps_the_rows_the_old_rule_kept(world: World, model: type[models.Model]) -> None:
    old_rule = OLD_VIEW_RULES[model]
    for name, user in world.users.items():
        expected = _pks(old_rule(user))
        assert _pks(restrict(model._default_manager.all(), user, "view")) == expected, name


def test_the_world_reaches_each_role_its_own_way(world: World) -> None:
    """The data are rich enough for the comparison to mean something: each unit role sees some
    rows of each kind and not all, the offices all."""
    clerk, street = world.users["clerk"], world.users["street_clerk"]
    for model in (Project, ProgressReport, SupervisionOrder, ExtensionRequest, Unit):
        every = model._default_manager.count()
        assert 0 < restrict(model._default_manager.all(), clerk).count() < every, model
    assert 0 < Project.objects.restrict(street).count() < Project.objects.count()
    assert SupervisionOrder.objects.restrict(street).exists()
    assert Project.objects.restrict(world.users["office"]).count() == Project.objects.count()


@pytest.mark.parametrize("model", list(CHANGE_PREDICATES), ids=lambda model: model.__name__)
def test_change_keeps_the_rows_the_predicate_allows(world: World, model: type[models.Model]) -> None:
    allowed = CHANGE_PREDICATES[model]
    rows = list(model._default_manager.all())
    for name, user in world.users.items():
        expected = {row.pk for row in rows if allowed(user, row)}
        assert _pks(restrict(model._default_manager.all(), user, "change")) == expected, name


def test_change_is_not_all_for_anybody_but_the_office(world: World) -> None:
    assert Project.objects.restrict(world.users["leader"], "change").count() == 1
    assert not Project.objects.restrict(world.users["supervision"], "change").exists()
    assert not Project.objects.restrict(world.users["counit"], "change").exists()
    assert ProgressReport.objects.restrict(world.users["clerk"], "change").count() == 1


def test_view_agrees_with_the_one_object_predicates(world: World) -> None:
    projects, requests = list(Project.objects.all()), list(ExtensionRequest.objects.all())
    for name, user in world.users.items():
        seen = {project.pk for project in projects if can_view_project(user, project)}
        assert _pks(Project.objects.restrict(user)) == seen, name
        seen = {request.pk for request in requests if can_view_extension(user, request)}
        assert _pks(ExtensionRequest.objects.restrict(user)) == seen, name


@pytest.mark.parametrize("model", SCOPED, ids=lambda model: model.__name__)
@pytest.mark.parametrize("action", ["delete", "veiw", ""])
def test_an_unknown_action_raises_for_everybody(world: World, model: type[models.Model], action: str) -> None:
    for user in (world.users["office"], world.users["superuser"], AnonymousUser()):
        with pytest.raises(UnknownAction, match=model._meta.label):
            restrict(model._default_manager.all(), user, action)


def test_an_action_without_a_rule_for_the_model_raises(world: World) -> None:
    with pytest.raises(UnknownAction, match="'change'"):
        SupervisionOrder.objects.restrict(world.users["office"], "change")


@pytest.mark.parametrize("model", SCOPED, ids=lambda model: model.__name__)
def test_an_anonymous_user_gets_nothing_without_a_query(
    world: World, model: type[models.Model], django_assert_num_queries: Any
) -> None:
    for action in actions_of(model):
        with django_assert_num_queries(0):
            assert list(restrict(model._default_manager.all(), AnonymousUser(), action)) == []


@pytest.mark.parametrize("model", SCOPED, ids=lambda model: model.__name__)
def test_a_restricted_list_costs_one_query_whatever_the_size(
    world: World, model: type[models.Model], django_assert_num_queries: Any
) -> None:
    def counts() -> dict[tuple[str, str], int]:
        found = {}
        for name, user in world.users.items():
            for action in actions_of(model):
                listed = restrict(model._default_manager.all(), _fresh(user), action)
                expected = 0 if isinstance(listed, EmptyQuerySet) else 1
                with django_assert_num_queries(expected):
                    found[(name, action)] = len(list(listed))
        return found

    small = counts()
    build_world(world, "二")
    large = counts()
    # the second world added rows for the roles that see any: the counts are over real lists
    assert sum(large.values()) > sum(small.values())


def test_restrict_chains_with_filters_and_related_managers(world: World) -> None:
    clerk = world.users["clerk"]
    visible = Project.objects.restrict(clerk)
    first = visible.first()
    assert first is not None
    plan = first.plan
    assert _pks(plan.projects.restrict(clerk)) == _pks(visible.filter(plan=plan))
    assert _pks(Project.objects.filter(plan=plan).restrict(clerk)) == _pks(visible.filter(plan=plan))
    assert isinstance(visible.restrict(clerk, "change"), RestrictedQuerySet)


def test_a_second_rule_for_the_same_model_and_action_is_refused() -> None:
    with pytest.raises(ImproperlyConfigured, match="two rules"):

        @restriction(Project, "view")
        def another(projects: Any, user: Any) -> Any:
            return projects  # pragma: no cover

    with pytest.raises(ImproperlyConfigured, match="not an action"):
        restriction(Project, "edit")
    assert set(ACTIONS) == {"view", "change"}


def test_every_model_of_ours_has_a_rule_or_a_reason_for_none() -> None:
    ours = {
        model._meta.label
        for model in apps.get_models()
        if model.__module__.startswith("reformtrack.") and not model.__name__.startswith("Historical")
    }
    scoped = {model._meta.label for model in restricted_models()}
    assert ours - scoped == set(UNSCOPED), "a new model needs a restrict() rule or a line in UNSCOPED"
    assert not scoped & set(UNSCOPED)


def test_every_restricted_manager_has_its_rule() -> None:
    """A model that got RestrictedQuerySet.as_manager() but whose rule is never registered (its
    app's ready() does not import its permissions) would raise on the first list: found here."""
    for model in apps.get_models():
        if isinstance(model._default_manager.all(), RestrictedQuerySet):
            assert "view" in actions_of(model), model._meta.label
