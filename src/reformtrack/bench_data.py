"""The synthetic city-scale programme the benchmarks load: its words, its loader and its removal.

:func:`load_synthetic` loads plans, chapters, projects (a fifth of them sub-items), measures,
targets, milestones, units and district leaders with ``bulk_create`` into the configured database.
Synthetic plans carry a document number starting with ``BENCH-``; :func:`refuse_real_plans` refuses
a database that holds any other plan unless forced, and :func:`remove_synthetic` removes what was
loaded. ``reformtrack bench web`` (:mod:`reformtrack.bench`) and ``reformtrack bench cycle``
(:mod:`reformtrack.bench_cycle`) time the pages and the lights over it.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import connection, transaction

from reformtrack.accounts.choices import Role
from reformtrack.accounts.models import Profile
from reformtrack.ingest.reasons import Reason, ReasonCode
from reformtrack.ledger.choices import ProjectStatus, UnitRole
from reformtrack.ledger.models import (
    Chapter,
    Measure,
    MeasureUnit,
    Milestone,
    Plan,
    Project,
    ProjectTag,
    ProjectUnit,
    Tag,
    Target,
    Unit,
)
from reformtrack.ledger.units import guess_unit_kind

if TYPE_CHECKING:
    from django.contrib.auth.models import User

SYNTHETIC_PREFIX = "BENCH-"
BENCH_USERS = "bench-"
BATCH = 2000


def _words(text: str) -> list[str]:
    return text.split()


DISTRICT_UNITS = _words(
    "区委办公室 区政府办公室 区发改局 区财政局 区经济促进局 区科技创新局 "
    "区投资推广局 区重建局 区教育局 区卫生人口计生局 区人力资源局 区民政局 "
    "区社工委 区委组织部 区委宣传部 区委政法委 区编办 区法制办 区政务服务管理办 "
    "区住房建设局 区城管局 区环保水务局 区文体旅游局 区司法局 区审计局 区统计局 "
    "区国资局 区建筑工务局 区政府采购中心 区国库支付中心 区总工会 团区委 区妇联 "
    "区残联 区科协 区工商联 区人大办 区政协办 区法院 区检察院 罗湖公安分局 "
    "罗湖市场监管分局 罗湖规划土地管理局 罗湖交警大队 区应急管理局 区信访局 "
    "区档案馆 区机关事务管理局 区文明办 区委党校"
)
STREETS = _words("黄贝 东门 翠竹 南湖 桂园 笋岗 清水河 东湖 莲塘 东晓")
COMMUNITY_WORDS = _words(
    "翠竹 水贝 湖景 金湖 新秀 罗芳 莲塘 布心 草埔 泥岗 田心 洪湖 春风 嘉宾 文华 人民桥 松园"
)
COLLECTIVES = ["各街道办事处", "各相关街道办事处", "各社区工作站", "区有关单位"]

VERBS = _words("深化 推进 完善 建立 优化 探索 加快 健全 创新 规范 强化 落实 打造 推动 提升 构建")
OBJECTS = _words(
    "行政审批制度改革 商事登记制度改革 社区网格化管理 电子商务集聚区 "
    "公共文化服务体系 城市更新机制 政府投资项目管理 总部经济发展 智慧城区建设 "
    "社会组织培育 医疗卫生服务模式 义务教育均衡发展 就业创业服务 养老服务体系 "
    "基层党建工作 诚信体系建设 集体经济发展 生态环境保护 城市管理综合执法 "
    "黄金珠宝产业集聚 公共财政管理 法治政府建设 政务公开 志愿服务体系 住房保障 "
    "文化创意产业 社区居民自治 人才引进机制 安全生产监管 食品药品安全监管 "
    "交通综合治理 水环境治理"
)
CHAPTER_TITLES = [
    "深化经济体制改革，激发市场活力",
    "推进社会管理改革创新，建设幸福城区",
    "加快行政管理体制改革，建设服务型政府",
    "扎实推进文化体制改革",
    "推进生态文明体制改革",
    "推进党的建设制度改革",
    "保障措施",
]
# What a flagged synthetic project gives as its reason: a doubt as the importer records one.
REVIEW_REASON = Reason(ReasonCode.DOUBT, {"chosen": "化及", "rival": "化前", "context": "强化及时"}).to_dict()
MILESTONE_WORDS = _words("出台实施方案 完成调研 试点运行 全面推开 中期评估 总结验收")
TARGET_PHRASES = [
    ("打造{n}个示范点", "示范点", "个"),
    ("培育{n}家以上龙头企业", "龙头企业", "家"),
    ("群众满意度达{n}%以上", "群众满意度", "%"),
    ("新增就业岗位{n}个", "就业岗位", "个"),
]


@dataclass(frozen=True)
class Size:
    """How much to load."""

    plans: int = 100
    projects: int = 5000
    measures: int = 50000


class BenchRefused(Exception):
    """The database holds real plans; the benchmark would mix its data with them."""


def synthetic_plans() -> Any:
    """The plans the loader made (document number ``BENCH-…``)."""
    return Plan.objects.filter(doc_number__startswith=SYNTHETIC_PREFIX)


def real_plan_count() -> int:
    """Plans that are not synthetic."""
    return Plan.objects.exclude(doc_number__startswith=SYNTHETIC_PREFIX).count()


def _spread(total: int, over: int) -> list[int]:
    """``total`` split into ``over`` near-equal whole parts."""
    base, extra = divmod(total, over)
    return [base + (1 if i < extra else 0) for i in range(over)]


def _units() -> tuple[list[Unit], list[Unit]]:
    """The registry units the data uses: (single units, collective units), created when missing."""
    names = list(DISTRICT_UNITS)
    names += [f"{street}街道办事处" for street in STREETS]
    names += [f"{word}社区工作站" for word in COMMUNITY_WORDS]
    names += COLLECTIVES
    existing = {unit.name: unit for unit in Unit.objects.filter(name__in=names)}
    Unit.objects.bulk_create(
        [Unit(name=name, kind=guess_unit_kind(name)) for name in names if name not in existing],
        batch_size=BATCH,
    )
    units = {unit.name: unit for unit in Unit.objects.filter(name__in=names)}
    return [units[name] for name in names if name not in COLLECTIVES], [units[name] for name in COLLECTIVES]


def _user(username: str, role: str, name: str) -> User:
    from django.contrib.auth.models import User

    user, created = User.objects.get_or_create(username=username, defaults={"first_name": name})
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
        Profile.objects.create(user=user, role=role)
    return user


def bench_office() -> User:
    """The coordinating-office user the pages are requested as."""
    return _user(f"{BENCH_USERS}office", Role.OFFICE, "基准测试综合办")


def _leaders(count: int) -> list[User]:
    surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
    return [
        _user(f"{BENCH_USERS}leader-{i:02d}", Role.LEADER, f"{surnames[i % len(surnames)]}区长{i:02d}")
        for i in range(1, count + 1)
    ]


def _title(rng: random.Random) -> str:
    return f"{rng.choice(VERBS)}{rng.choice(OBJECTS)}"


def load_synthetic(size: Size, *, seed: int = 2013) -> dict[str, int]:
    """Load a synthetic programme of ``size`` in one transaction; returns how many rows of each kind.

    Earlier synthetic plans are deleted first, so a second run starts from the same state. One
    random generator draws everything, in the same order on every run: the same seed gives the
    same rows.
    """
    rng = random.Random(seed)
    with transaction.atomic():
        _delete_synthetic_plans()
        singles, collectives = _units()
        leaders = _leaders(12)
        office = bench_office()
        plans = _load_plans(rng, size)
        chapters = _load_chapters(plans)
        top, children_wanted = _top_projects(rng, plans, chapters, size=size, leaders=leaders)
        top = Project.objects.bulk_create(top, batch_size=BATCH)
        projects = top + Project.objects.bulk_create(
            _sub_projects(rng, top, children_wanted), batch_size=BATCH
        )
        links = _load_project_units(rng, projects, singles=singles, collectives=collectives)
        targets, milestones = _load_targets_and_milestones(rng, top)
        measures = _load_measures(rng, projects, size=size, singles=singles)
        tag_links = _load_tags(rng, top, office)
    return {
        "plans": len(plans),
        "chapters": len(chapters),
        "projects": len(projects),
        "measures": len(measures),
        "targets": len(targets),
        "milestones": len(milestones),
        "project_units": len(links),
        "units": len(singles) + len(collectives),
        "leaders": len(leaders),
        "project_tags": tag_links,
    }


def _load_plans(rng: random.Random, size: Size) -> list[Plan]:
    return Plan.objects.bulk_create(
        [
            Plan(
                title=f"罗湖区{rng.choice(OBJECTS)}{rng.choice(['总体方案', '实施方案', '工作方案'])}"
                f"（{2013 + i % 10}—{2015 + i % 10}年）",
                doc_number=f"{SYNTHETIC_PREFIX}{i:04d}",
                issued=dt.date(2013 + i % 10, 1 + i % 12, 1 + i % 28),
                period_start=2013 + i % 10,
                period_end=2015 + i % 10,
                preamble="为深入推进全区改革创新工作，制定本方案。",
            )
            for i in range(size.plans)
        ],
        batch_size=BATCH,
    )


def _load_chapters(plans: list[Plan]) -> list[Chapter]:
    return Chapter.objects.bulk_create(
        [
            Chapter(plan=plan, number=n, title=title, position=n - 1, is_safeguards=title == "保障措施")
            for plan in plans
            for n, title in enumerate(CHAPTER_TITLES, start=1)
        ],
        batch_size=BATCH,
    )


def _top_projects(
    rng: random.Random, plans: list[Plan], chapters: list[Chapter], *, size: Size, leaders: list[User]
) -> tuple[list[Project], list[tuple[Project, int]]]:
    """Per plan: four fifths top-level projects spread over the chapters (not saved yet), and the
    sub-items wanted for the other fifth as (parent, index)."""
    chapters_of: dict[int, list[Chapter]] = {}
    for chapter in chapters:
        chapters_of.setdefault(chapter.plan_id, []).append(chapter)
    top: list[Project] = []
    children_wanted: list[tuple[Project, int]] = []
    for plan, count in zip(plans, _spread(size.projects, size.plans), strict=True):
        parents = max(1, count - count // 5) if count else 0
        position = 0
        plan_top: list[Project] = []
        for chapter, in_chapter in zip(
            chapters_of[plan.pk], _spread(parents, len(CHAPTER_TITLES)), strict=True
        ):
            for number in range(1, in_chapter + 1):
                plan_top.append(
                    _top_project(rng, plan, chapter, number=number, position=position, leaders=leaders)
                )
                position += 1
        top.extend(plan_top)
        for index in range(count - parents):
            children_wanted.append((plan_top[index % len(plan_top)], index))
    return top, children_wanted


def _top_project(
    rng: random.Random, plan: Plan, chapter: Chapter, *, number: int, position: int, leaders: list[User]
) -> Project:
    progress = rng.choice([0, 0, 10, 25, 40, 50, 60, 75, 90, 100])
    year = (plan.period_start or 2013) + rng.randrange(3)
    return Project(
        plan=plan,
        chapter=chapter,
        number=number,
        label=f"（{number}）",
        title=_title(rng),
        text=f"{_title(rng)}；{_title(rng)}；{_title(rng)}。",
        level=1,
        position=position,
        needs_review=rng.random() < 0.03,
        review_reasons=[REVIEW_REASON] if rng.random() < 0.03 else [],
        deadline=dt.date(year, rng.choice([6, 12]), 30),
        deadline_text=f"{year}年底前",
        is_safeguard=chapter.is_safeguards,
        leader=rng.choice(leaders) if rng.random() < 0.3 else None,
        weight=Decimal(rng.choice([1, 1, 1, 2, 3])),
        progress=progress,
        status=ProjectStatus.COMPLETED
        if progress == 100
        else ProjectStatus.NOT_STARTED
        if progress == 0
        else ProjectStatus.IN_PROGRESS,
    )


def _sub_projects(
    rng: random.Random, top: list[Project], children_wanted: list[tuple[Project, int]]
) -> list[Project]:
    """The sub-items (not saved yet), numbered under their parent, after the plan's top projects."""
    next_position: dict[int, int] = {}
    for project in top:
        next_position[project.plan_id] = max(next_position.get(project.plan_id, 0), project.position + 1)
    children: list[Project] = []
    for parent, index in children_wanted:
        position = next_position[parent.plan_id]
        next_position[parent.plan_id] = position + 1
        children.append(
            Project(
                plan_id=parent.plan_id,
                chapter_id=parent.chapter_id,
                parent=parent,
                number=index + 1,
                label=f"{index + 1}.",
                title=_title(rng),
                text=f"{_title(rng)}。",
                level=2,
                position=position,
                deadline=parent.deadline,
                progress=parent.progress,
                status=parent.status,
            )
        )
    return children


def _load_project_units(
    rng: random.Random, projects: list[Project], *, singles: list[Unit], collectives: list[Unit]
) -> list[ProjectUnit]:
    links: list[ProjectUnit] = []
    for project in projects:
        lead = rng.sample(singles, rng.choice([1, 1, 2, 3]))
        co = rng.sample([u for u in singles if u not in lead], rng.choice([0, 1, 2, 3]))
        if rng.random() < 0.1:
            co.append(rng.choice(collectives))
        links += [
            ProjectUnit(project=project, unit=u, role=UnitRole.LEAD, position=i) for i, u in enumerate(lead)
        ]
        links += [
            ProjectUnit(project=project, unit=u, role=UnitRole.CO, position=i) for i, u in enumerate(co)
        ]
    ProjectUnit.objects.bulk_create(links, batch_size=BATCH)
    return links


def _load_targets_and_milestones(
    rng: random.Random, top: list[Project]
) -> tuple[list[Target], list[Milestone]]:
    targets: list[Target] = []
    milestones: list[Milestone] = []
    for project in top:
        if rng.random() < 0.4:
            phrase, subject, unit = rng.choice(TARGET_PHRASES)
            n = rng.choice([2, 3, 5, 10, 95])
            targets.append(
                Target(
                    project=project,
                    text=phrase.format(n=n),
                    subject=subject,
                    min_value=n,
                    unit=unit,
                    position=0,
                )
            )
        start = dt.date(project.plan.period_start or 2013, 3, 1)
        for position, word in enumerate(rng.sample(MILESTONE_WORDS, 3)):
            day = start + dt.timedelta(days=rng.randrange(0, 1000))
            milestones.append(
                Milestone(project=project, date=day, title=word, done=rng.random() < 0.4, position=position)
            )
    Target.objects.bulk_create(targets, batch_size=BATCH)
    Milestone.objects.bulk_create(milestones, batch_size=BATCH)
    return targets, milestones


def _load_measures(
    rng: random.Random, projects: list[Project], *, size: Size, singles: list[Unit]
) -> list[Measure]:
    measures: list[Measure] = []
    for project, count in zip(projects, _spread(size.measures, len(projects)), strict=True):
        measures += [
            Measure(
                project=project,
                text=f"{_title(rng)}，{_title(rng)}",
                position=position,
                deadline=project.deadline,
                deadline_text=project.deadline_text,
                progress=project.progress,
            )
            for position in range(count)
        ]
    measures = Measure.objects.bulk_create(measures, batch_size=BATCH)
    MeasureUnit.objects.bulk_create(
        [MeasureUnit(measure=m, unit=rng.choice(singles), role=UnitRole.LEAD, position=0) for m in measures],
        batch_size=BATCH,
    )
    return measures


# The office's tags of the synthetic programme: the library's facets and badges have data to show.
BENCH_TAGS = ["重点项目", "民生实事", "试点示范", "营商环境", "社会治理", "生态文明", "智慧城市", "文化建设"]


def _load_tags(rng: random.Random, projects: list[Project], office: User) -> int:
    """Up to two of the tags on each top-level project (none on a fifth of them); how many links."""
    tags = [Tag.objects.get_or_create(name=name, defaults={"created_by": office})[0] for name in BENCH_TAGS]
    links = [
        ProjectTag(project=project, tag=tag)
        for project in projects
        for tag in rng.sample(tags, rng.choice([0, 1, 1, 2, 2]))
    ]
    ProjectTag.objects.bulk_create(links, batch_size=BATCH)
    return len(links)


def _delete_synthetic_plans() -> None:
    """Delete the synthetic plans and everything under them.

    The bulk of the rows (measures and their units, milestones, targets, unit links) go in plain
    DELETE statements: the ORM's delete would load every row and send a signal for each, which
    for 50,000 measures takes half a minute. What is left goes through the ORM's delete, so a
    model added later that hangs off a project is still deleted properly.
    """
    plan_ids = list(synthetic_plans().values_list("pk", flat=True))
    if not plan_ids:
        return
    for queryset in (
        MeasureUnit.objects.filter(measure__project__plan__in=plan_ids),
        Measure.objects.filter(project__plan__in=plan_ids),
        Milestone.objects.filter(project__plan__in=plan_ids),
        Target.objects.filter(project__plan__in=plan_ids, values__isnull=True),
        ProjectUnit.objects.filter(project__plan__in=plan_ids),
        ProjectTag.objects.filter(project__plan__in=plan_ids),
    ):
        # a raw delete of a joined queryset needs the ids as a plain list
        ids = list(queryset.values_list("pk", flat=True))
        for start in range(0, len(ids), BATCH):
            queryset.model.objects.filter(pk__in=ids[start : start + BATCH])._raw_delete(connection.alias)
    Plan.objects.filter(pk__in=plan_ids).delete()


def remove_synthetic() -> None:
    """Delete the synthetic plans and the benchmark's users; units stay in the registry."""
    from django.contrib.auth.models import User

    with transaction.atomic():
        _delete_synthetic_plans()
        Tag.objects.filter(created_by__username__startswith=BENCH_USERS, project_tags__isnull=True).delete()
        User.objects.filter(username__startswith=BENCH_USERS).delete()


def refuse_real_plans(*, force: bool) -> None:
    """Raise :class:`BenchRefused` when the database holds plans that are not synthetic, unless forced:
    a benchmark loads and deletes tens of thousands of rows next to them."""
    real = real_plan_count()
    if real and not force:
        raise BenchRefused(
            f"the database holds {real} plan(s) that are not synthetic; point DATABASE_URL or "
            "REFORMTRACK_HOME at a database of its own, or add --force to load next to them"
        )
