"""The character model's counts come from the data file shipped in the package, and that file is
what ``python -m reformtrack.ingest.charlm_build`` makes of the installed jieba's dictionary."""

from __future__ import annotations

import hashlib
import json
import zlib

from reformtrack.ingest import charlm, charlm_build


def _header_and_payload(data: bytes) -> tuple[dict[str, object], bytes]:
    end = data.index(b"\n", len(charlm_build.MAGIC))
    return json.loads(data[len(charlm_build.MAGIC) : end]), zlib.decompress(data[end + 1 :])


def test_the_shipped_file_is_current_with_jiebas_dictionary() -> None:
    shipped = charlm_build.DATA_FILE.read_bytes()
    dictionary = charlm_build.jieba_dictionary()
    header, payload = _header_and_payload(shipped)
    assert header["jieba_sha256"] == hashlib.sha256(dictionary).hexdigest(), (
        "jieba's dictionary changed: run `make charlm` and commit ingest/data/charlm.bin"
    )
    # Compared unpacked, so that another zlib's output does not fail the test.
    assert (header, payload) == _header_and_payload(charlm_build.build(dictionary))


def test_the_model_reads_the_counts_jieba_gives() -> None:
    uni, follow, bi, words = charlm_build.count(charlm_build.jieba_dictionary().decode("utf-8"))
    base = charlm._base()

    assert base.uni == uni and base.follow == follow
    assert base.total == sum(uni.values())
    for pair in ("改革", "创新", "罗湖", "服务"):
        assert base.bigrams(pair[0])[pair[1]] == bi[pair]
    assert sum(len(base.bigrams(prev)) for prev in uni) == len(bi)
    for word in ("改革", "政务", "罗", "深化改革"):
        assert base.words(word[0])[word] == words[word]


def test_a_character_never_seen_has_no_row() -> None:
    base = charlm._base()

    assert base.bigrams("\ue000") == {} and base.words("\ue000") == {}


def test_the_backoff_bounds_every_pair_from_below() -> None:
    lm = charlm.CharLM(["罗湖区全面推进改革创新"])

    for prev in ("改", "罗", "，", ""):
        successors = lm.successors(prev)
        for ch in ("革", "湖", "区", "的", "鑫"):
            floor = lm.backoff(prev) + lm.log_unigram(ch)
            if ch in successors:
                assert lm.logp(prev, ch) > floor
            else:
                assert abs(lm.logp(prev, ch) - floor) < 1e-9
