"""Where a ledger is: an SQLite file, or a PostgreSQL server named by a URL or by libpq's
``key=value`` pairs. Pure text handling (no driver): telling the two apart, refusing a server
address with a typo before it can become a folder tree of that name, and the one function
that takes a password out of anything shown (:func:`mask`).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from urllib.parse import unquote

from tenactions.errors import InputError
from tenactions.messages import Msg

#: The URL schemes of a PostgreSQL server, as libpq accepts them (any case: see server_target).
POSTGRES_SCHEMES = ("postgresql", "postgres")

#: The form a server's URL takes, as messages show it.
URL_FORM = "postgresql://USER@HOST[:PORT]/DATABASE"

#: libpq's connection keywords (the libpq manual, "Parameter Key Words"): a value made only of
#: ``key=value`` pairs with these keys names a server, not a file.
LIBPQ_KEYS = frozenset(
    {
        "host", "hostaddr", "port", "dbname", "user", "password", "passfile", "require_auth",
        "channel_binding", "connect_timeout", "client_encoding", "options", "application_name",
        "fallback_application_name", "keepalives", "keepalives_idle", "keepalives_interval",
        "keepalives_count", "tcp_user_timeout", "replication", "gssencmode", "sslmode",
        "requiressl", "sslnegotiation", "sslcompression", "sslcert", "sslkey", "sslpassword",
        "sslcertmode", "sslrootcert", "sslcrl", "sslcrldir", "sslsni", "requirepeer",
        "ssl_min_protocol_version", "ssl_max_protocol_version", "krbsrvname", "gsslib",
        "gssdelegation", "service", "target_session_attrs", "load_balance_hosts",
        "sslkeylogfile", "scram_client_key", "scram_server_key", "oauth_issuer",
        "oauth_client_id", "oauth_client_secret", "oauth_scope",
    }
)  # fmt: skip

#: Keys whose values are secrets.
_SECRET_KEYS = ("password", "sslpassword", "oauth_client_secret")

_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]+)://")
# One key=value pair of a libpq connection string: the value bare, or single-quoted with
# backslash escapes.
_PAIR = re.compile(r"\s*([A-Za-z_]+)\s*=\s*('(?:[^'\\]|\\.)*'|[^\s']*)\s*")
# A secret given as a setting, in a URL's query or in key=value pairs.
_SECRET_SETTING = re.compile(
    r"(?i)(?<![a-z_])((?:ssl)?password|oauth_client_secret)(\s*=\s*)('(?:[^'\\]|\\.)*'|[^\s&'\"]*)"
)
# The userinfo of any URL in a text (``scheme://user:password@``), up to the host's "@".
_USERINFO = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*[:：]/{0,2})[^/?#\s\"']*@")
# A value that starts like a server's address, whatever follows.
_LOOKS_POSTGRES = re.compile(r"(?i)postgres(?:ql)?[:/]")


def _pairs(text: str) -> list[tuple[str, str]] | None:
    """``text`` as libpq ``key=value`` pairs, or ``None`` if it is not made only of them."""
    pairs: list[tuple[str, str]] = []
    at = 0
    while at < len(text):
        found = _PAIR.match(text, at)
        if found is None or found.end() == at:
            return None
        key, value = found.group(1), found.group(2)
        if value.startswith("'"):
            value = re.sub(r"\\(.)", r"\1", value[1:-1])
        pairs.append((key.lower(), value))
        at = found.end()
    return pairs or None


def is_conninfo(location: str | Path) -> bool:
    """Whether ``location`` is a libpq connection string (``host=... dbname=...``): only
    ``key=value`` pairs, every key one libpq knows."""
    if isinstance(location, Path) or "=" not in location:
        return False
    pairs = _pairs(location.strip())
    return pairs is not None and all(key in LIBPQ_KEYS for key, _ in pairs)


def is_url(location: str | Path) -> bool:
    """Whether ``--db`` names a server (``scheme://...`` or libpq's ``key=value`` pairs)
    rather than a file."""
    if isinstance(location, Path):
        return False
    found = _SCHEME.match(location)
    # "C://x" is not a URL: a scheme has two letters at least (a drive has one).
    return found is not None or is_conninfo(location)


def is_postgres(location: str | Path) -> bool:
    """Whether ``location`` names a PostgreSQL server (a URL in any case, or key=value)."""
    if isinstance(location, Path):
        return False
    found = _SCHEME.match(location)
    if found is not None:
        return found.group(1).lower() in POSTGRES_SCHEMES
    return is_conninfo(location)


def server_target(location: str) -> str:
    """What libpq is given for ``location``: the URL with its scheme in lower case
    (libpq reads ``postgresql://`` only so), or the key=value pairs as written."""
    found = _SCHEME.match(location)
    if found is None:
        return location
    return found.group(1).lower() + location[found.end(1) :]


def check_location(location: str | Path) -> None:
    """Refuse a ``--db`` value that looks like a server's address but is not one libpq can
    read as such (a full-width colon, a missing slash, a space around it): taken as a path,
    it would create a folder tree named after the typo and a new, empty ledger in it."""
    if isinstance(location, Path):
        return
    folded = unicodedata.normalize("NFKC", location).strip()
    spaced = location != location.strip()
    looks = spaced or bool(_LOOKS_POSTGRES.match(folded)) or bool(_SCHEME.match(folded))
    if not looks or (not spaced and is_url(location)):
        return
    shown = mask(location.strip())
    if spaced:
        what = Msg("url_spaced", value=repr(mask(location)))
    elif folded != location.strip() and _SCHEME.match(folded):
        odd = "".join(dict.fromkeys(ch for ch in location if not ch.isascii()))
        what = Msg("url_full_width", chars=odd)
    else:
        scheme = re.match(r"(?i)postgres(?:ql)?", folded)
        word = scheme.group(0) if scheme else folded.split(":", 1)[0]
        rest = folded[len(word) :]
        what = Msg("url_no_slashes", scheme=word, found=rest[: len(rest) - len(rest.lstrip(":/"))])
    raise InputError(Msg("db_bad_server_address", file=shown, what=what, form=URL_FORM))


def _secrets(location: str) -> list[str]:
    """Every form a password in ``location`` may take in a driver's message, longest first."""
    found: list[str] = []
    text = location.strip()
    scheme = re.match(r"[A-Za-z][A-Za-z0-9+.-]*[:：]/{0,2}", text)
    if scheme is not None:
        netloc = re.split(r"[/?#]", text[scheme.end() :], maxsplit=1)[0]
        # libpq ends the userinfo at the first "@", a reader at the last: mask both.
        for userinfo in (netloc.split("@", 1)[0], netloc.rpartition("@")[0]):
            if "@" in netloc and ":" in userinfo:
                found.append(userinfo.split(":", 1)[1])
    pairs = _pairs(text) or []
    found += [value for key, value in pairs if key in _SECRET_KEYS]
    for match in _SECRET_SETTING.finditer(text):
        found.append(match.group(3).strip("'"))
    found += [unquote(secret) for secret in found]
    return sorted({s for s in found if s}, key=len, reverse=True)


def mask(text: str, location: str | Path | None = None) -> str:
    """``text`` safe to show: every password taken out, ``***`` in its place.

    The one function every message that may carry a server address or a driver's words goes
    through. It removes the passwords of ``location`` wherever they appear in ``text`` (a
    driver quotes a malformed URL, or part of it), the userinfo of any other URL
    (``scheme://user:secret@``), and any ``password=`` setting. With no ``location``, ``text``
    is itself the address: a URL keeps its user name (``user:***@``).
    """
    if location is None:
        if not (is_url(text) or _LOOKS_POSTGRES.match(unicodedata.normalize("NFKC", text))):
            return text  # a file path: shown as it is
        secrets = _secrets(text)
        keep_user = True
    else:
        secrets = _secrets(str(location)) if not isinstance(location, Path) else []
        keep_user = False
    for secret in secrets:
        if len(secret) < 4:
            # A short password is masked only as a whole word, not inside other words.
            text = re.sub(rf"(?<![A-Za-z0-9]){re.escape(secret)}(?![A-Za-z0-9])", "***", text)
        else:
            text = text.replace(secret, "***")
    text = _SECRET_SETTING.sub(r"\1\2***", text)
    if keep_user:
        return re.sub(
            r"^(\s*[A-Za-z][A-Za-z0-9+.-]*[:：]/{0,2})([^:/@]*):[^/?#]*@", r"\1\2:***@", text
        )
    return _USERINFO.sub(r"\1***@", text)
