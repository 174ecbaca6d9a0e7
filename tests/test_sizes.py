"""Small rooms (docs/style.md): no module of the package over 500 lines and no function over 80,
unless the function's docstring says why it is not split, in a sentence that begins with
"Not split because". Branching over 15 is ruff's C901 (pyproject.toml); a function that must
stay that complex carries ``# noqa: C901`` on its ``def`` line and the same sentence, which this
checks too.

Run by pytest and, standing alone (``python tests/test_sizes.py``, no Django), by ``make lint``.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "reformtrack"
MODULE_LINES = 500
FUNCTION_LINES = 80
REASON = "Not split because"
# Migrations are written by makemigrations and never edited once released: the module limit does
# not apply to them (their functions are held to the function limit like any other).
GENERATED = "migrations"

# Debts: the offenders there were when this check came in, in code another change was moving at
# the time. Each is to be split, never added to; once one is, its line here goes too (the last test
# fails on a debt that is paid, so the list can only shrink). Do not add to this list: split the
# function, or say in its docstring why it is not split.
DEBTS: dict[str, str] = {
    # The supervision pages (orders, requests, records, bulletins) in one module: 556 lines.
    "supervision/views.py": "module",
}


def _modules() -> Iterator[tuple[str, Path]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        yield path.relative_to(PACKAGE).as_posix(), path


def _functions(
    tree: ast.AST, prefix: str = ""
) -> Iterator[tuple[str, ast.FunctionDef | ast.AsyncFunctionDef]]:
    """Every function and method with its dotted name (``Class.method``, ``outer.inner``)."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield f"{prefix}{node.name}", node
            yield from _functions(node, f"{prefix}{node.name}.")
        elif isinstance(node, ast.ClassDef):
            yield from _functions(node, f"{prefix}{node.name}.")
        else:
            yield from _functions(node, prefix)


def _gives_reason(node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """True when the docstring holds the reason's words (wrapped over lines or not)."""
    return REASON in " ".join((ast.get_docstring(node) or "").split())


def _length(node: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    """Lines from ``def`` to the function's last line (its decorators not counted)."""
    return (node.end_lineno or node.lineno) - node.lineno + 1


def long_modules() -> dict[str, int]:
    """Modules over the limit, with their length."""
    found = {}
    for name, path in _modules():
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MODULE_LINES and GENERATED not in Path(name).parts:
            found[name] = lines
    return found


def long_functions() -> dict[str, int]:
    """Functions over the limit whose docstring does not say why, with their length."""
    found = {}
    for name, path in _modules():
        for qualname, node in _functions(ast.parse(path.read_text(encoding="utf-8"))):
            if _length(node) > FUNCTION_LINES and not _gives_reason(node):
                found[f"{name}::{qualname}"] = _length(node)
    return found


def unexplained_complexity() -> list[str]:
    """Functions exempted from ruff's complexity limit whose docstring does not say why."""
    found = []
    for name, path in _modules():
        source = path.read_text(encoding="utf-8")
        lines = source.splitlines()
        for qualname, node in _functions(ast.parse(source)):
            if "noqa: C901" in lines[node.lineno - 1] and not _gives_reason(node):
                found.append(f"{name}::{qualname}")
    return found


def test_no_module_is_over_500_lines() -> None:
    offenders = {name: lines for name, lines in long_modules().items() if name not in DEBTS}

    assert not offenders, f"split these modules (limit {MODULE_LINES} lines): {offenders}"


def test_no_function_is_over_80_lines_without_a_reason() -> None:
    offenders = {name: lines for name, lines in long_functions().items() if name not in DEBTS}

    assert not offenders, (
        f"split these functions (limit {FUNCTION_LINES} lines), or say in the docstring "
        f"'{REASON} …': {offenders}"
    )


def test_every_complexity_exemption_says_why() -> None:
    assert not unexplained_complexity(), f"a `# noqa: C901` needs '{REASON} …' in the docstring"


def test_the_debts_are_still_owed() -> None:
    owed = {*long_modules(), *long_functions()}

    paid = [name for name in DEBTS if name not in owed]

    assert not paid, f"within the limits now: remove them from DEBTS in tests/test_sizes.py: {paid}"


def main() -> int:
    """``make lint``: every check above, each failure on one line; exit 1 if any fails."""
    failed = 0
    for check in (
        test_no_module_is_over_500_lines,
        test_no_function_is_over_80_lines_without_a_reason,
        test_every_complexity_exemption_says_why,
        test_the_debts_are_still_owed,
    ):
        try:
            check()
        except AssertionError as exc:
            print(f"tests/test_sizes.py: {check.__name__}: {exc}", file=sys.stderr)
            failed += 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
