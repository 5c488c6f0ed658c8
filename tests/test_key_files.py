"""Key files hold Ed25519 keys: anything else in one is refused with a message, not a crash."""

from __future__ import annotations

from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from salestui.services import keys


def test_a_key_file_holding_another_kind_of_key_is_refused(tmp_path: Path) -> None:
    real = keys.generate()
    keys.save(real, tmp_path, "alice")
    path = keys.key_path(tmp_path, real.key_id)
    other = ec.generate_private_key(ec.SECP256R1()).private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    path.write_bytes(other)
    with pytest.raises(keys.KeyFileError, match="is not an Ed25519 signing key"):
        keys.load(tmp_path, real.key_id, real.public_key)


def test_a_saved_key_loads_and_signs_as_before(tmp_path: Path) -> None:
    real = keys.generate()
    keys.save(real, tmp_path, "alice")
    loaded = keys.load(tmp_path, real.key_id, real.public_key)
    assert loaded is not None and loaded.key_id == real.key_id
    assert keys.signature_valid(real.public_key, b"hello", loaded.sign(b"hello"))
