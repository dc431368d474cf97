"""Loading the programme file: YAML with line numbers -> pydantic validation -> model records.

Every problem is reported as ``file:line:col: where: what``, all of them at once. Only a
safe loader is used; aliases are refused (a programme file has no need of them, and they
are how a "billion laughs" document explodes).

A validated programme is cached as JSON, keyed by the file's bytes, so that the commands
run many times a day rebuild the records without importing YAML or pydantic.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from importlib import resources
from pathlib import Path
from typing import Any

from tenactions import __version__
from tenactions.errors import ProgrammeError
from tenactions.messages import Msg
from tenactions.model import Programme, from_data, to_data

#: A programme file is a page or two of YAML; anything larger is refused before parsing.
MAX_FILE_BYTES = 1_000_000
_CACHE_FORMAT = 3  # 3: derived from the model's fields


def shipped_programme_path() -> Path:
    """The programme file shipped with the package (``data/actions.yaml`` in the source tree)."""
    packaged = resources.files("tenactions") / "data" / "actions.yaml"
    if packaged.is_file():
        return Path(str(packaged))
    # Running from a source checkout (editable install): the file lives at the top level.
    return Path(__file__).resolve().parents[2] / "data" / "actions.yaml"


def load_programme(path: Path, *, use_cache: bool = True) -> Programme:
    """Load and validate a programme file; raise :class:`ProgrammeError` listing every problem."""
    shown = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ProgrammeError([Msg("programme_too_big", file=shown, size=size)])
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ProgrammeError([Msg("no_programme_file", file=shown)]) from None
    except IsADirectoryError:
        raise ProgrammeError([Msg("programme_is_folder", file=shown)]) from None
    except PermissionError:
        raise ProgrammeError(
            [Msg("programme_unreadable", file=shown, why=Msg("os_eacces"))]
        ) from None
    key = hashlib.sha256(raw + __version__.encode()).hexdigest()
    cache = _cache_path(key) if use_cache else None
    if cache is not None:
        cached = _read_cache(cache, shown)
        if cached is not None:
            return cached
    programme = parse_programme(raw, shown)
    if cache is not None:
        _write_cache(cache, programme)
    return programme


def parse_programme(raw: bytes, shown: str) -> Programme:
    """Validate the bytes of a programme file (no cache); ``shown`` names it in messages."""
    from tenactions import programme_schema  # pydantic and YAML: only on a cache miss

    return programme_schema.parse(raw, shown)


# --- cache -------------------------------------------------------------------------------


def _cache_path(key: str) -> Path | None:
    base = os.environ.get("TENACTIONS_CACHE_DIR")
    if not base:
        import platformdirs

        base = platformdirs.user_cache_dir("tenactions", appauthor=False)
    return Path(base) / f"programme-{key[:32]}.json"


def _read_cache(path: Path, shown: str) -> Programme | None:
    try:
        data = json.loads(path.read_text("utf-8"))
        if data.get("format") != _CACHE_FORMAT:
            return None
        return programme_from_dict(data["programme"], shown)
    except (OSError, ValueError, KeyError, TypeError):
        return None  # a missing or damaged cache is rebuilt from the file


def _write_cache(path: Path, programme: Programme) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps({"format": _CACHE_FORMAT, "programme": programme_to_dict(programme)})
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".programme-", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except OSError:
        return  # the cache only saves time; an unwritable cache folder is not an error


def programme_to_dict(p: Programme) -> dict[str, Any]:
    """A JSON-ready dict of the records (derived from the model: see :func:`model.to_data`)."""
    data: dict[str, Any] = to_data(p)
    return data


def programme_from_dict(d: dict[str, Any], path: str) -> Programme:
    """Rebuild the records from :func:`programme_to_dict`'s output."""
    return from_data(Programme, d, path=path)
