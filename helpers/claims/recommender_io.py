"""The recommender's model file (:mod:`helpers.claims.recommender`): one JSON file, shipped
beside its codebook.

:func:`save_recommender` writes one JSON file (vocabularies, idf, coefficients, intercepts,
thresholds, the codebook slug and version, the settings and the sha256 of the training data);
:func:`load_recommender` reads it with :func:`json.loads` and validates every field — loading
never executes code (no pickle). Numbers were rounded to
:data:`helpers.claims.recommender.SIGNIFICANT_DIGITS` significant digits before the model was
used, so a trained model and its reloaded file predict the same, and training twice on the same
data writes the same bytes. A codebook's model sits beside it (:func:`model_path_for`).
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

import numpy as np

from helpers.claims.codebook import Codebook
from helpers.claims.patterns import compile_pattern
from helpers.claims.recommender import (
    ClaimModel,
    Recommender,
    RecommenderError,
    RecommenderSettings,
)
from helpers.core.io import atomic_write_text

__all__ = [
    "MODEL_FORMAT",
    "MODEL_SUFFIX",
    "load_recommender",
    "model_path_for",
    "save_recommender",
    "shipped_model",
]

#: ``format`` field of a model file (checked on load).
MODEL_FORMAT = "crosspress-recommender/1"
#: A codebook's model file sits beside it: ``<codebook stem>`` + this suffix.
MODEL_SUFFIX = ".recommender.json"


def model_path_for(codebook_path: str | Path) -> Path:
    """Where the model of the codebook at ``codebook_path`` ships: beside it, named
    ``<stem>`` + :data:`MODEL_SUFFIX` (``codebook/russia_iran.recommender.json``)."""
    path = Path(codebook_path)
    return path.with_name(path.stem + MODEL_SUFFIX)


def shipped_model(codebook_path: str | Path) -> Path | None:
    """The model file beside the codebook (:func:`model_path_for`), or None when none ships."""
    path = model_path_for(codebook_path)
    return path if path.is_file() else None


def _payload(model: Recommender) -> dict[str, Any]:
    settings = asdict(model.settings)
    return {
        "format": MODEL_FORMAT,
        "codebook": model.codebook,
        "codebook_version": model.codebook_version,
        "languages": list(model.languages),
        "settings": {k: list(v) if isinstance(v, tuple) else v for k, v in settings.items()},
        "training": model.training,
        "features": {
            "char": {"vocabulary": list(model.char_vocabulary), "idf": model.char_idf.tolist()},
            "word": {"vocabulary": list(model.word_vocabulary), "idf": model.word_idf.tolist()},
            "word_classes": [
                [name, {lang: list(ps) for lang, ps in patterns.items()}]
                for name, patterns in model.word_classes
            ],
        },
        "claims": {
            cid: {
                "coef": m.coef.tolist(),
                "intercept": m.intercept,
                "threshold": m.threshold,
                "positives": m.positives,
                "oof_precision": m.oof_precision,
                "oof_recall": m.oof_recall,
                "oof_true_positives": m.oof_true_positives,
            }
            for cid, m in model.claims.items()
        },
        "no_model": dict(model.no_model),
    }


def save_recommender(model: Recommender, path: str | Path) -> Path:
    """Write ``model`` as JSON (key-sorted, one top-level key per line; atomic). The same model
    gives the same bytes."""
    payload = _payload(model)
    lines = [
        f"{json.dumps(key)}: {json.dumps(payload[key], ensure_ascii=False, sort_keys=True)}"
        for key in sorted(payload)
    ]
    return atomic_write_text(path, "{\n" + ",\n".join(lines) + "\n}\n")


class _Reader:
    """Typed access to a parsed model file; every failure names the file and the field."""

    def __init__(self, path: Path) -> None:
        self.name = path.name

    def fail(self, key: str, reason: str) -> RecommenderError:
        return RecommenderError(f"{self.name}: {key}: {reason}")

    def get(self, obj: Any, key: str, kind: type | tuple[type, ...], where: str = "") -> Any:
        label = f"{where}.{key}" if where else key
        if not isinstance(obj, dict) or key not in obj:
            raise self.fail(label, "missing")
        value = obj[key]
        if isinstance(value, bool) and bool not in (kind if isinstance(kind, tuple) else (kind,)):
            raise self.fail(label, f"expected {kind}, got a boolean")
        if not isinstance(value, kind):
            raise self.fail(label, f"expected {kind}, got {type(value).__name__}")
        return value

    def numbers(self, obj: Any, key: str, where: str, length: int | None = None) -> np.ndarray:
        values = self.get(obj, key, list, where)
        if not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
            raise self.fail(f"{where}.{key}", "expected a list of numbers")
        array = np.asarray(values, dtype=np.float64)
        if not np.isfinite(array).all():
            raise self.fail(f"{where}.{key}", "not finite")
        if length is not None and len(array) != length:
            raise self.fail(f"{where}.{key}", f"length {len(array)}, expected {length}")
        return array

    def strings(self, obj: Any, key: str, where: str) -> tuple[str, ...]:
        values = self.get(obj, key, list, where)
        if not all(isinstance(v, str) for v in values):
            raise self.fail(f"{where}.{key}", "expected a list of strings")
        if len(set(values)) != len(values):
            raise self.fail(f"{where}.{key}", "duplicate entries")
        return tuple(values)


def _settings(reader: _Reader, raw: Any) -> RecommenderSettings:
    defaults = RecommenderSettings()
    values: dict[str, Any] = {}
    for name, default in asdict(defaults).items():
        if isinstance(default, tuple):
            pair = reader.get(raw, name, list, "settings")
            if len(pair) != 2 or not all(isinstance(v, int) and v > 0 for v in pair):
                raise reader.fail(f"settings.{name}", "expected two positive integers")
            values[name] = (int(pair[0]), int(pair[1]))
        else:
            kind: type | tuple[type, ...] = (
                bool
                if isinstance(default, bool)
                else (int, float)
                if isinstance(default, float)
                else int
            )
            values[name] = reader.get(raw, name, kind, "settings")
    unknown = set(raw) - set(values)
    if unknown:
        raise reader.fail("settings", f"unknown key(s) {sorted(unknown)}")
    return RecommenderSettings(**values)


def _word_classes(
    reader: _Reader, raw: list[Any]
) -> tuple[tuple[str, dict[str, tuple[str, ...]]], ...]:
    """Word-class features from the file: each pattern is compiled (the codebook's pattern
    syntax; a raw regex is checked for catastrophic backtracking) — never executed as code."""
    out = []
    for k, entry in enumerate(raw):
        where = f"features.word_classes[{k}]"
        if (
            not isinstance(entry, list)
            or len(entry) != 2
            or not isinstance(entry[0], str)
            or not isinstance(entry[1], dict)
        ):
            raise reader.fail(where, "expected [name, {lang: [patterns]}]")
        name, per_lang = entry
        patterns: dict[str, tuple[str, ...]] = {}
        for lang, values in per_lang.items():
            if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
                raise reader.fail(f"{where}.{lang}", "expected a list of patterns")
            try:
                for value in values:
                    compile_pattern(value, lang)
            except (ValueError, KeyError) as exc:
                raise reader.fail(f"{where}.{lang}", f"bad pattern ({exc})") from None
            patterns[lang] = tuple(values)
        out.append((name, patterns))
    return tuple(out)


def load_recommender(path: str | Path, codebook: Codebook | None = None) -> Recommender:
    """Read and validate a model file written by :func:`save_recommender` (``json.loads``
    only: nothing in the file is executed). With ``codebook``: the file must be for that
    codebook (slug) and every claim it models must be one of its claims; a different codebook
    *version* is allowed (the caller decides;
    :func:`helpers.claims.recommender_propose.proposal_round` reports it). Raises
    :class:`~helpers.claims.recommender.RecommenderError` naming the file and field."""
    path = Path(path)
    reader = _Reader(path)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise reader.fail("file", f"cannot be read ({exc})") from None
    except json.JSONDecodeError as exc:
        raise reader.fail("file", f"not JSON ({exc.msg}, line {exc.lineno})") from None
    if not isinstance(raw, dict):
        raise reader.fail("file", "not a JSON object")
    if raw.get("format") != MODEL_FORMAT:
        raise reader.fail("format", f"expected {MODEL_FORMAT!r}, got {raw.get('format')!r}")
    known = {
        "format",
        "codebook",
        "codebook_version",
        "languages",
        "settings",
        "training",
        "features",
        "claims",
        "no_model",
    }
    if set(raw) - known:
        raise reader.fail("file", f"unknown key(s) {sorted(set(raw) - known)}")
    name = reader.get(raw, "codebook", str)
    version = reader.get(raw, "codebook_version", int)
    languages = reader.strings(raw, "languages", "")
    settings = _settings(reader, reader.get(raw, "settings", dict))
    training = reader.get(raw, "training", dict)
    features = reader.get(raw, "features", dict)
    blocks = []
    for block in ("char", "word"):
        part = reader.get(features, block, dict, "features")
        vocabulary = reader.strings(part, "vocabulary", f"features.{block}")
        idf = reader.numbers(part, "idf", f"features.{block}", len(vocabulary))
        blocks.append((vocabulary, idf))
    classes = _word_classes(reader, reader.get(features, "word_classes", list, "features"))
    width = len(blocks[0][0]) + len(blocks[1][0]) + len(classes)
    claims = {}
    for cid, entry in reader.get(raw, "claims", dict).items():
        where = f"claims.{cid}"
        if codebook is not None and cid not in codebook.claim_ids:
            raise reader.fail(where, f"not a claim of codebook {codebook.name}")
        threshold = float(reader.get(entry, "threshold", (int, float), where))
        if not 0.0 < threshold <= 1.0:
            raise reader.fail(f"{where}.threshold", "must be in (0, 1]")
        claims[cid] = ClaimModel(
            reader.numbers(entry, "coef", where, width),
            float(reader.get(entry, "intercept", (int, float), where)),
            threshold,
            reader.get(entry, "positives", int, where),
            float(reader.get(entry, "oof_precision", (int, float), where)),
            float(reader.get(entry, "oof_recall", (int, float), where)),
            reader.get(entry, "oof_true_positives", int, where),
        )
    no_model = reader.get(raw, "no_model", dict)
    if not all(isinstance(v, str) for v in no_model.values()):
        raise reader.fail("no_model", "expected claim id → reason (text)")
    if codebook is not None and name != codebook.name:
        raise reader.fail("codebook", f"model is for {name!r}, not {codebook.name!r}")
    return Recommender(
        name,
        version,
        languages,
        settings,
        blocks[0][0],
        blocks[0][1],
        blocks[1][0],
        blocks[1][1],
        classes,
        claims,
        dict(no_model),
        training,
    )
