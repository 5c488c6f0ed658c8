"""Reps' Ed25519 signing keys: private keys in the rep's own config folder, never in the database.

Whoever can read a key file can sign as its rep (the OS account that owns it, and root): keep the folder
private. Files are named by the key's fingerprint, so one folder serves any number of databases.
"""

from __future__ import annotations

import binascii
import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from salestui.i18n import _

if TYPE_CHECKING:  # cryptography is imported only when signing is needed
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

COMMIT_DOMAIN = "salestui-commit-v1"


class KeyFileError(Exception):
    """A key file is missing, unreadable or unsafe; the message says which and why."""


@dataclass(frozen=True)
class SigningKey:
    """A private key loaded for signing, with the id and public half the ledger knows it by."""

    key_id: str
    public_key: str
    private: Ed25519PrivateKey

    def sign(self, message: bytes) -> str:
        return str(self.private.sign(message).hex())


def keys_folder() -> Path:
    """`$SALESTUI_KEYS`, or keys/ in the user's config folder (~/.config/salestui/keys on Linux)."""
    override = os.environ.get("SALESTUI_KEYS")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_config_dir

    return Path(user_config_dir("salestui", appauthor=False)) / "keys"


def fingerprint(public_key_hex: str) -> str:
    """The key's id: the first 32 hex digits of SHA-256 over the raw 32-byte public key."""
    return hashlib.sha256(bytes.fromhex(public_key_hex)).hexdigest()[:32]


def commit_message(seq: int, head_hash: str, rep_id: str, key_id: str) -> bytes:
    """The exact bytes a rep signs for a commit (docs/ledger.md)."""
    return f"{COMMIT_DOMAIN}\n{seq}\n{head_hash}\n{rep_id}\n{key_id}".encode("ascii")


def generate(seed: bytes | None = None) -> SigningKey:
    """A new key pair; `seed` (32 bytes) makes it reproducible, for demo data only."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    private = Ed25519PrivateKey.from_private_bytes(seed) if seed else Ed25519PrivateKey.generate()
    public = _public_hex(private)
    return SigningKey(fingerprint(public), public, private)


def _public_hex(private: Ed25519PrivateKey) -> str:
    return private.public_key().public_bytes_raw().hex()


# The DER of an unencrypted PKCS#8 Ed25519 private key (RFC 8410) up to its 32-byte seed: the form `save` writes.
_ED25519_PKCS8_PREFIX = bytes.fromhex("302e020100300506032b657004220420")
_PEM_BEGIN, _PEM_END = b"-----BEGIN PRIVATE KEY-----", b"-----END PRIVATE KEY-----"


def _read_private_key(data: bytes) -> object:
    """The private key in a PEM file. The form `save` writes is read here, directly: loading cryptography's
    serialization module for it would cost every signed command ~25 ms. Anything else goes to cryptography."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    if data.count(_PEM_BEGIN) == 1 and data.count(_PEM_END) == 1:
        body = data.partition(_PEM_BEGIN)[2].partition(_PEM_END)[0]
        try:
            der = binascii.a2b_base64(body.replace(b"\r", b"").replace(b"\n", b""), strict_mode=True)
        except binascii.Error:
            der = b""
        if len(der) == 48 and der.startswith(_ED25519_PKCS8_PREFIX):
            return Ed25519PrivateKey.from_private_bytes(der[len(_ED25519_PKCS8_PREFIX) :])
    from cryptography.hazmat.primitives import serialization

    return serialization.load_pem_private_key(data, password=None)


def key_path(folder: Path, key_id: str) -> Path:
    return folder / f"{key_id}.pem"


def save(key: SigningKey, folder: Path, label: str) -> Path:
    """Write the private key as PKCS#8 PEM, readable by its owner only (0600, folder 0700); never overwrites."""
    from cryptography.hazmat.primitives import serialization

    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    pem = key.private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    path = key_path(folder, key.key_id)
    try:
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path  # the same key (its name is its fingerprint)
    except OSError as error:
        message = _("cannot write the key file {path}: {error}").format(path=path, error=error.strerror)
        raise KeyFileError(message) from None
    with os.fdopen(handle, "wb") as out:
        out.write(f"# SalesTUI signing key of {label}; keep this file private\n".encode())
        out.write(pem)
        out.flush()
        os.fsync(out.fileno())
    return path


def remove(folder: Path, key_id: str) -> None:
    key_path(folder, key_id).unlink(missing_ok=True)


def load(folder: Path, key_id: str, public_key: str) -> SigningKey | None:
    """The private key with this id from `folder`, or None if it is not there; KeyFileError if it is unsafe or wrong."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    path = key_path(folder, key_id)
    try:
        info = path.stat()
    except FileNotFoundError:
        return None
    except OSError as error:
        message = _("cannot read the key file {path}: {error}").format(path=path, error=error.strerror)
        raise KeyFileError(message) from None
    if not stat.S_ISREG(info.st_mode):
        raise KeyFileError(_("the key file {path} is not a regular file").format(path=path))
    if info.st_mode & 0o077:
        raise KeyFileError(
            _("the key file {path} can be read by others (mode {mode:o}); run: chmod 600 {path}").format(
                path=path, mode=stat.S_IMODE(info.st_mode)
            )
        )
    try:
        private = _read_private_key(path.read_bytes())
    except (ValueError, TypeError, OSError):
        raise KeyFileError(_("the key file {path} is damaged").format(path=path)) from None
    if not isinstance(private, Ed25519PrivateKey):
        raise KeyFileError(_("the key file {path} is not an Ed25519 signing key").format(path=path))
    if _public_hex(private) != public_key:
        raise KeyFileError(_("the key file {path} does not hold the key the database registered").format(path=path))
    return SigningKey(key_id, public_key, private)


def signature_valid(public_key: str, message: bytes, signature: str) -> bool:
    """True if `signature` (hex) is the public key's Ed25519 signature of `message`."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_key)).verify(bytes.fromhex(signature), message)
    except (InvalidSignature, ValueError):
        return False
    return True
