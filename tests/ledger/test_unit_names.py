"""Unit names are normalised before matching, and a new unit's kind is guessed from its name."""

from __future__ import annotations

import pytest

from reformtrack.ledger.choices import UnitKind
from reformtrack.ledger.units import guess_unit_kind, normalise_unit_name


@pytest.mark.parametrize(
    ("printed", "normal"),
    [
        ("区发改局", "区发改局"),
        (" 区文明办", "区文明办"),
        ("区 经济促进局\u3000", "区经济促进局"),
        ("区委(政府)办", "区委（政府）办"),
        ("区委〈政府〉办", "区委（政府）办"),
        ("、区财政局；", "区财政局"),
        ("ＡＢＣ管理中心", "ABC管理中心"),
        ("", ""),
    ],
)
def test_it_normalises_printed_names(printed: str, normal: str) -> None:
    assert normalise_unit_name(printed) == normal


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("区委组织部", UnitKind.PARTY),
        ("区委宣传部", UnitKind.PARTY),
        ("区委政法委", UnitKind.PARTY),
        ("区纪委", UnitKind.PARTY),
        ("区编办", UnitKind.PARTY),
        ("区委〈政府〉办", UnitKind.PARTY),
        ("区发改局", UnitKind.GOVERNMENT),
        ("区科技创新局", UnitKind.GOVERNMENT),
        ("区政府采购中心", UnitKind.GOVERNMENT),
        ("区法制办", UnitKind.GOVERNMENT),
        ("东门街道办事处", UnitKind.STREET),
        ("黄贝街道", UnitKind.STREET),
        ("各相关街道办事处", UnitKind.COLLECTIVE),
        ("区直各单位", UnitKind.COLLECTIVE),
        ("湖贝社区工作站", UnitKind.COMMUNITY),
        ("团区委", UnitKind.MASS_ORGANISATION),
        ("区总工会", UnitKind.MASS_ORGANISATION),
        ("区妇联", UnitKind.MASS_ORGANISATION),
        ("区人大办", UnitKind.CONGRESS),
        ("区政协办", UnitKind.CONGRESS),
        ("区法院", UnitKind.JUDICIAL),
        ("区检察院", UnitKind.JUDICIAL),
        ("罗湖公安分局", UnitKind.CITY_BRANCH),
        ("罗湖市场监管分局", UnitKind.CITY_BRANCH),
        ("市规划国土委罗湖管理局", UnitKind.CITY_BRANCH),
        ("领导小组", UnitKind.OTHER),
    ],
)
def test_it_guesses_the_kind_from_the_name(name: str, kind: UnitKind) -> None:
    assert guess_unit_kind(name) == kind
