"""Plumbing shared by every stage: project paths, the project error base, atomic writes,
content hashes, the safe YAML loader, the missing-value test and the garbage-collector pause
(one copy each; every stage imports them from here).

The public names of the modules below are re-exported here."""

from helpers.core.collector import (
    collector_paused,
)
from helpers.core.errors import (
    CrosspressError,
)
from helpers.core.io import (
    SAFE_YAML_LOADER,
    StoreError,
    atomic_write,
    atomic_write_text,
    file_sha256,
    is_missing,
    load_yaml_safely,
    load_yaml_with_nodes,
    output_file_mode,
    read_json,
    read_json_lines,
    text_sha256,
    write_json,
)
from helpers.core.paths import (
    PROJECT_ROOT,
    display_path,
    resolve_path,
)

__all__ = [
    "collector_paused",
    "CrosspressError",
    "StoreError",
    "atomic_write",
    "atomic_write_text",
    "file_sha256",
    "is_missing",
    "load_yaml_safely",
    "load_yaml_with_nodes",
    "SAFE_YAML_LOADER",
    "output_file_mode",
    "read_json",
    "read_json_lines",
    "text_sha256",
    "write_json",
    "PROJECT_ROOT",
    "resolve_path",
    "display_path",
]
