"""The passphrase encryption of backups: a round trip, and every change to the file is caught."""

from __future__ import annotations

import io
import os
from collections.abc import Callable

import pytest

from reformtrack.backup_crypto import CHUNK, DamagedFile, EncryptingWriter, WrongPassphrase, decrypt

PLAIN = os.urandom(2 * CHUNK + 12345)


def _encrypted(plain: bytes, passphrase: str = "口令 passphrase", pieces: int = 7) -> bytes:
    out = io.BytesIO()
    writer = EncryptingWriter(out, passphrase)
    step = len(plain) // pieces + 1
    for start in range(0, len(plain), step):
        writer.write(plain[start : start + step])
    writer.close()
    return out.getvalue()


def _decrypted(sealed: bytes, passphrase: str = "口令 passphrase") -> bytes:
    out = io.BytesIO()
    decrypt(io.BytesIO(sealed), out, passphrase)
    return out.getvalue()


@pytest.mark.parametrize("size", [0, 1, CHUNK, 2 * CHUNK + 12345])
def test_it_gives_back_what_went_in(size: int) -> None:
    assert _decrypted(_encrypted(PLAIN[:size])) == PLAIN[:size]


def test_it_tells_a_wrong_passphrase() -> None:
    with pytest.raises(WrongPassphrase):
        _decrypted(_encrypted(PLAIN), "口令 passphrasE")


def test_two_encryptions_of_the_same_bytes_differ() -> None:
    assert _encrypted(PLAIN) != _encrypted(PLAIN)


HEADER = 54
SEALED_CHUNK = CHUNK + 16


def _flip(data: bytes, at: int) -> bytes:
    return data[:at] + bytes([data[at] ^ 1]) + data[at + 1 :]


Damage = Callable[[bytes], bytes]


@pytest.mark.parametrize(
    ("damage", "refusal"),
    [
        pytest.param(lambda b: b[: HEADER + SEALED_CHUNK], DamagedFile, id="cut-after-a-full-chunk"),
        pytest.param(lambda b: b[:-1], DamagedFile, id="cut-by-one-byte"),
        pytest.param(
            lambda b: b[:HEADER] + b[HEADER + SEALED_CHUNK : HEADER + 2 * SEALED_CHUNK] + b[HEADER:],
            DamagedFile,
            id="chunks-reordered",
        ),
        pytest.param(lambda b: _flip(b, HEADER + 100), DamagedFile, id="a-bit-of-a-chunk"),
        pytest.param(lambda b: _flip(b, HEADER - 1), DamagedFile, id="the-chunk-size"),
        pytest.param(lambda b: _flip(b, 10), DamagedFile, id="the-scrypt-cost"),
        # a changed salt or check value cannot be told from a wrong passphrase
        pytest.param(lambda b: _flip(b, 20), WrongPassphrase, id="the-salt"),
    ],
)
def test_it_refuses_a_changed_file(damage: Damage, refusal: type[Exception]) -> None:
    with pytest.raises(refusal):
        _decrypted(damage(_encrypted(PLAIN)))
