"""Passphrase encryption of a backup archive, streamed in chunks (plain Python and ``cryptography``).

An archive holds password hashes and evidence, so a copy kept off the machine should be encrypted.
The file is a header followed by the archive cut into 1 MiB chunks, each sealed with AES-256-GCM
(the STREAM construction of age and Tink): the nonce is a random prefix, the chunk's counter and a
flag on the last chunk, and the header is authenticated with every chunk, so a chunk that is
changed, dropped, reordered or cut off, or a changed header, fails to decrypt. The key comes from
the passphrase through scrypt (parameters and salt in the header, so they can be raised later).
A 16-byte check value from the same scrypt output tells a wrong passphrase from a damaged file.

Header: ``RTBKENC1``, scrypt log2(n), r, p (one byte each), salt (16), nonce prefix (7), check (16),
chunk size (4, big-endian).
"""

from __future__ import annotations

import hmac
import os
import struct
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

MAGIC = b"RTBKENC1"
_HEADER = struct.Struct(">8sBBB16s7s16sI")
CHUNK = 1 << 20
_TAG = 16
# 2**15 × 8 × 128 bytes = 32 MiB and about a tenth of a second per derivation: a passphrase guess
# costs an attacker as much, and the server keeps its memory for the site.
_LOG_N, _R, _P = 15, 8, 1


class WrongPassphrase(Exception):
    """The passphrase does not open this file."""


class DamagedFile(Exception):
    """The encrypted file was changed or cut off."""


def is_encrypted(head: bytes) -> bool:
    """Whether a file starting with ``head`` (its first 8 bytes or more) is an encrypted archive."""
    return head[: len(MAGIC)] == MAGIC


def _derive(passphrase: str, salt: bytes, log_n: int, r: int, p: int) -> tuple[bytes, bytes]:
    out = Scrypt(salt=salt, length=48, n=1 << log_n, r=r, p=p).derive(passphrase.encode("utf-8"))
    return out[:32], out[32:]


def _nonce(prefix: bytes, counter: int, last: bool) -> bytes:
    return prefix + struct.pack(">I", counter) + (b"\x01" if last else b"\x00")


class EncryptingWriter:
    """A write-only file object: what is written goes encrypted to ``out``; ``close`` seals the end."""

    def __init__(self, out: BinaryIO, passphrase: str) -> None:
        salt, prefix = os.urandom(16), os.urandom(7)
        key, check = _derive(passphrase, salt, _LOG_N, _R, _P)
        self._header = _HEADER.pack(MAGIC, _LOG_N, _R, _P, salt, prefix, check, CHUNK)
        self._aead = AESGCM(key)
        self._prefix = prefix
        self._out = out
        self._buffer = bytearray()
        self._counter = 0
        self._closed = False
        out.write(self._header)

    def write(self, data: bytes) -> int:
        self._buffer += data
        # keep at least one byte back: the last chunk must be sealed as last, even when full
        while len(self._buffer) > CHUNK:
            self._seal(bytes(self._buffer[:CHUNK]), last=False)
            del self._buffer[:CHUNK]
        return len(data)

    def flush(self) -> None:
        self._out.flush()

    def close(self) -> None:
        if not self._closed:
            self._seal(bytes(self._buffer), last=True)
            self._buffer.clear()
            self._closed = True
            self._out.flush()

    def _seal(self, chunk: bytes, *, last: bool) -> None:
        nonce = _nonce(self._prefix, self._counter, last)
        self._out.write(self._aead.encrypt(nonce, chunk, self._header))
        self._counter += 1


def decrypt(source: BinaryIO, target: BinaryIO, passphrase: str) -> None:
    """Decrypt ``source`` (positioned at its start) into ``target``.

    Raises :class:`WrongPassphrase` when the passphrase does not match and :class:`DamagedFile`
    when the file was changed or cut off (``target`` then holds a part: throw it away).
    """
    header = source.read(_HEADER.size)
    if len(header) < _HEADER.size or not is_encrypted(header):
        raise DamagedFile("the encryption header is damaged")
    _magic, log_n, r, p, salt, prefix, check, chunk = _HEADER.unpack(header)
    if not (10 <= log_n <= 22 and 1 <= r <= 32 and 1 <= p <= 16 and 1024 <= chunk <= 64 << 20):
        raise DamagedFile("the encryption header is damaged")
    key, expected = _derive(passphrase, salt, log_n, r, p)
    if not hmac.compare_digest(check, expected):
        raise WrongPassphrase("wrong passphrase")
    aead = AESGCM(key)
    counter = 0
    sealed = source.read(chunk + _TAG)
    while True:
        following = source.read(chunk + _TAG)
        last = not following
        try:
            target.write(aead.decrypt(_nonce(prefix, counter, last), sealed, header))
        except InvalidTag:
            raise DamagedFile(f"chunk {counter + 1} was changed or the file is cut off") from None
        if last:
            return
        sealed = following
        counter += 1
