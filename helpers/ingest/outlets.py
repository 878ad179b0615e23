"""Outlets as data: load ``codebook/outlets.yaml`` and join outlet attributes onto documents.

Each outlet has a ``name``, ``aliases``, ``domains``, publication ``language``, ``country``
and ``ownership`` (``state-affiliated | private | aggregator | unknown``). Language is not
nationality: TRT Hebrew publishes in Hebrew from Turkey. :func:`join_outlets` adds
``outlet_name, outlet_language, outlet_country, outlet_ownership`` columns so every
comparison in :mod:`helpers.stance.compare` can group by any of them; a document whose outlet is not
in the file gets ``"unknown"`` rather than a guess.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pandas as pd
import yaml

from helpers.core.errors import CrosspressError
from helpers.core.io import is_missing
from helpers.core.paths import PROJECT_ROOT, display_path, resolve_path
from helpers.text.fold import fold_key

__all__ = [
    "DEFAULT_OUTLETS_PATH",
    "OWNERSHIP_KINDS",
    "UNKNOWN",
    "Outlet",
    "OutletsError",
    "load_outlets",
    "outlets_table",
    "match_outlet",
    "join_outlets",
]

DEFAULT_OUTLETS_PATH: Path = PROJECT_ROOT / "codebook" / "outlets.yaml"
OWNERSHIP_KINDS = frozenset({"state-affiliated", "private", "aggregator", "unknown"})
UNKNOWN = "unknown"

_REQUIRED = ("name", "language", "country", "ownership")
_OPTIONAL = ("aliases", "domains", "note")
_JOINED = ("outlet_name", "outlet_language", "outlet_country", "outlet_ownership")


class OutletsError(CrosspressError, ValueError):
    """The outlets file is invalid; the message names the file, the entry and the reason."""


@dataclass(frozen=True)
class Outlet:
    """One outlet entry."""

    name: str
    language: str
    country: str
    ownership: str
    aliases: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    note: str = ""


def _key(text: str) -> str:
    """Matching form of a name (:func:`helpers.text.fold.fold_key`: NFC, the project's one
    fold, case-folded, inner whitespace collapsed)."""
    return fold_key(text)


def _host(url: Any) -> str:
    """Host of a URL (or bare domain) without ``www.``, lower-case; ``""`` when none."""
    if is_missing(url):
        return ""
    text = str(url).strip().lower()
    if not text:
        return ""
    host = urlsplit(text if "//" in text else f"//{text}").hostname or ""
    return host[4:] if host.startswith("www.") else host


def _fail(path: Path, entry: str, reason: str) -> OutletsError:
    return OutletsError(f"{display_path(path)}: {entry}: {reason}")


def _str_list(path: Path, entry: str, key: str, value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _fail(path, entry, f"{key!r} must be a list of non-empty strings, got {value!r}")
    return tuple(v.strip() for v in value)


def load_outlets(path: str | Path = DEFAULT_OUTLETS_PATH) -> list[Outlet]:
    """Load and validate an outlets YAML file (``yaml.safe_load``).

    Raises :class:`OutletsError` naming the file, the entry (``outlets[i] (name)``) and the
    reason for: a missing file, bad YAML, unknown or missing keys, an ownership outside
    :data:`OWNERSHIP_KINDS`, duplicate names, and an alias or domain claimed by two outlets.
    """
    path = resolve_path(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise _fail(path, "file", f"cannot read ({exc.strerror or exc})") from exc
    except yaml.YAMLError as exc:
        raise _fail(path, "file", f"invalid YAML ({exc})") from exc
    if not isinstance(raw, dict) or set(raw) != {"outlets"} or not isinstance(raw["outlets"], list):
        raise _fail(path, "top level", "expected exactly one key 'outlets' holding a list")
    outlets: list[Outlet] = []
    seen: dict[str, str] = {}
    for i, item in enumerate(raw["outlets"]):
        entry = f"outlets[{i}]"
        if not isinstance(item, dict):
            raise _fail(path, entry, f"expected a mapping, got {type(item).__name__}")
        if isinstance(item.get("name"), str):
            entry = f"outlets[{i}] ({item['name']})"
        unknown = sorted(set(item) - set(_REQUIRED) - set(_OPTIONAL))
        if unknown:
            raise _fail(
                path, entry, f"unknown key(s) {unknown} (allowed: {sorted(_REQUIRED + _OPTIONAL)})"
            )
        missing = [k for k in _REQUIRED if k not in item]
        if missing:
            raise _fail(path, entry, f"missing key(s) {missing}")
        for k in _REQUIRED:
            if not isinstance(item[k], str) or not item[k].strip():
                raise _fail(path, entry, f"{k!r} must be a non-empty string, got {item[k]!r}")
        if item["ownership"] not in OWNERSHIP_KINDS:
            raise _fail(
                path,
                entry,
                f"ownership {item['ownership']!r} is not one of {sorted(OWNERSHIP_KINDS)}",
            )
        note = item.get("note") or ""
        if not isinstance(note, str):
            raise _fail(path, entry, f"'note' must be a string, got {note!r}")
        outlet = Outlet(
            name=item["name"].strip(),
            language=item["language"].strip(),
            country=item["country"].strip(),
            ownership=item["ownership"],
            aliases=_str_list(path, entry, "aliases", item.get("aliases")),
            domains=tuple(_host(d) for d in _str_list(path, entry, "domains", item.get("domains"))),
            note=note.strip(),
        )
        for label in (outlet.name, *outlet.aliases):
            k = _key(label)
            if k in seen and seen[k] != outlet.name:
                raise _fail(path, entry, f"name/alias {label!r} already belongs to {seen[k]!r}")
            seen[k] = outlet.name
        for domain in outlet.domains:
            k = f"domain:{domain}"
            if k in seen and seen[k] != outlet.name:
                raise _fail(path, entry, f"domain {domain!r} already belongs to {seen[k]!r}")
            seen[k] = outlet.name
        outlets.append(outlet)
    return outlets


def outlets_table(outlets: list[Outlet]) -> pd.DataFrame:
    """Outlets as a DataFrame (one row each; aliases / domains ``;``-joined)."""
    return pd.DataFrame(
        [
            {
                "name": o.name,
                "language": o.language,
                "country": o.country,
                "ownership": o.ownership,
                "aliases": ";".join(o.aliases),
                "domains": ";".join(o.domains),
                "note": o.note,
            }
            for o in outlets
        ],
        columns=["name", "language", "country", "ownership", "aliases", "domains", "note"],
    )


def match_outlet(outlets: list[Outlet], name: Any = None, url: Any = None) -> Outlet | None:
    """The outlet whose name/alias equals ``name`` (case-folded, NFC) or whose domain is the
    host of ``url`` (or a parent domain of it); ``None`` when nothing matches."""
    if not is_missing(name):
        k = _key(name)
        for o in outlets:
            if k in {_key(x) for x in (o.name, *o.aliases)}:
                return o
    host = _host(url)
    if host:
        for o in outlets:
            if any(host == d or host.endswith("." + d) for d in o.domains):
                return o
    return None


def join_outlets(documents: pd.DataFrame, outlets: list[Outlet] | None = None) -> pd.DataFrame:
    """Return ``documents`` with ``outlet_name, outlet_language, outlet_country,
    outlet_ownership`` added (unmatched documents: ``"unknown"``; ``outlet_name`` then keeps
    the document's own ``outlet`` value when it has one). Rows and order are unchanged.
    """
    if outlets is None:
        outlets = load_outlets()
    empty = pd.Series(None, index=documents.index, dtype=object)
    names = documents["outlet"] if "outlet" in documents else empty
    urls = documents["url"] if "url" in documents else empty
    rows = []
    for name, url in zip(names.astype(object), urls.astype(object)):
        o = match_outlet(outlets, name, url)
        if o is None:
            own = "" if is_missing(name) else str(name).strip()
            rows.append((own or UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN))
        else:
            rows.append((o.name, o.language, o.country, o.ownership))
    out = documents.drop(columns=[c for c in _JOINED if c in documents]).copy()
    joined = pd.DataFrame(rows, columns=list(_JOINED), index=documents.index, dtype=object)
    return pd.concat([out, joined], axis=1)
