"""A plan file's fingerprint, by which a start knows that the file needs no reading again.

Reading a plan (YAML, the pydantic models, the communes' checks) takes a good part of a start,
yet at run time the plan comes from the database. A start therefore reads PLAN_FILE only when
its fingerprint differs from the one stored by the last successful load into the database.

The fingerprint is the SHA-256 of the file's bytes together with the bytes of what turns a file
into stored rows: our modules that read, check and save a plan, and of each library they use the
file that carries its version (for the communes' list, its data's version too). A version number
to bump by hand was the other way; it fails silently when someone forgets. With the code's own
bytes, an upgrade that reads plans differently (a new field, a new check, renamed communes)
reads the file again at its first start without anyone remembering anything, and an edit that
changes nothing costs one ordinary start. Nothing here imports what it hashes.
"""

from __future__ import annotations

import hashlib
import importlib.util
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent  # the folder of bot/ and storage/
# Our modules that turn a plan file into stored rows ("bot/plan" is every module in it).
READERS = (
    "bot/plan",
    "bot/domain/__init__.py",
    "bot/services/communes.py",
    "bot/services/divisions.py",
    "bot/services/vntext.py",
    "storage/plans.py",
)
# Of each library that reads a plan, the file that changes with its version.
LIBRARIES = (
    ("yaml", "__init__.py"),  # __version__
    ("pydantic", "version.py"),  # VERSION, which pins pydantic-core's
    ("vietnam_provinces", "__init__.py"),  # __version__ and __data_version__ of the communes
)


def plan_fingerprint(content: bytes) -> str:
    """The fingerprint of a plan file whose bytes are `content`, read by this code."""
    return hashlib.sha256(_readers_digest() + content).hexdigest()


def file_fingerprint(path: Path) -> str | None:
    """The fingerprint of the plan file at `path`; None when it, or a source of the code that
    reads it, cannot be read: the file is then read at every start, as without fingerprints."""
    try:
        return plan_fingerprint(path.read_bytes())
    except (OSError, ImportError):  # a library's file missing, ModuleNotFoundError included
        return None


@cache
def _readers_digest() -> bytes:
    digest = hashlib.sha256()
    for name, source in sorted(_sources()):
        content = source.read_bytes()
        digest.update(f"{name} {len(content)}\n".encode())
        digest.update(content)
    return digest.digest()


def _sources() -> list[tuple[str, Path]]:
    """Each file hashed, named as in the lists above (not by where it is installed)."""
    found: list[tuple[str, Path]] = []
    for name in READERS:
        path = ROOT / name
        files = sorted(path.glob("*.py")) if path.is_dir() else [path]
        found.extend((file.relative_to(ROOT).as_posix(), file) for file in files)
    for package, file in LIBRARIES:
        spec = importlib.util.find_spec(package)
        if spec is None or spec.origin is None:
            raise ModuleNotFoundError(package)
        found.append((f"{package}/{file}", Path(spec.origin).parent / file))
    return found
