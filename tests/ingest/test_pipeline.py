"""The whole pipeline on any input: a plan, or the importer's own error, nothing else."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reformtrack.ingest import IngestError, parse_bytes, parse_text

_DAMAGED = st.sampled_from(
    list("?。ㄒ唬┐罅Π(wù)羅湖區lW;,:\n\u3000一二三（）()、牵头单位：区局改革創新政府服務123年底前")
)


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.text(max_size=300), st.text(alphabet=_DAMAGED, max_size=300)))
def test_any_text_gives_a_plan_or_an_ingest_error(text: str) -> None:
    try:
        plan = parse_text(text)
    except IngestError as error:
        assert str(error) and "\n" not in str(error)
        return
    assert plan.chapters or plan.items()


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=400), st.sampled_from(["a.txt", "a.html", "a.docx", "a.pdf", "a", "a.png"]))
def test_any_bytes_give_a_plan_or_an_ingest_error(data: bytes, name: str) -> None:
    try:
        parse_bytes(data, name)
    except IngestError as error:
        assert str(error) and "\n" not in str(error)
