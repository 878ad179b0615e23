"""Runs: parameters, the run-folder store, the table pipeline, the engines (in-process or on a
Dask cluster), streaming a corpus larger than memory into Parquet parts, and mention counts.

The public names of the modules below are re-exported here."""

from helpers.run.cluster import (
    check_scheduler,
    dask_client,
)
from helpers.run.counts import (
    count_mentions,
    count_mentions_duckdb,
)
from helpers.run.engine import (
    ENGINES,
    CorpusRun,
    check_engine,
    doc_id_ranges,
    group_entries,
    partition_documents,
    run_annotate_stage,
    run_corpus,
    run_pipeline,
    run_text_stage,
)
from helpers.run.params import (
    GROUP_COLUMNS_EXCLUDED,
    ParameterError,
    check_choice,
    check_existing_path,
    check_gold_documents,
    check_groups,
    check_int_range,
    check_output_dir,
    check_type,
)
from helpers.run.parts import (
    read_partitioned,
    remove_stale_parts,
    write_part,
    write_partitioned,
)
from helpers.run.pipeline import (
    SORT_KEYS,
    STAGE_INPUT_COLUMNS,
    CodebookLike,
    annotate_stage,
    as_codebook,
    full_stage,
    sort_table,
    text_stage,
)
from helpers.run.store import (
    SCHEMA_VERSION,
    Lineage,
    LineageError,
    active_lineage,
    begin_step,
    check_lineage,
    cleared_message,
    package_versions,
    read_table,
    table_lineage,
    update_manifest,
    write_table,
)
from helpers.run.stream import (
    stream_corpus,
)

__all__ = [
    "check_scheduler",
    "dask_client",
    "count_mentions",
    "count_mentions_duckdb",
    "ENGINES",
    "check_engine",
    "partition_documents",
    "run_text_stage",
    "run_annotate_stage",
    "run_pipeline",
    "CorpusRun",
    "doc_id_ranges",
    "group_entries",
    "run_corpus",
    "ParameterError",
    "check_type",
    "check_choice",
    "check_int_range",
    "check_existing_path",
    "check_output_dir",
    "GROUP_COLUMNS_EXCLUDED",
    "check_groups",
    "check_gold_documents",
    "write_part",
    "write_partitioned",
    "read_partitioned",
    "remove_stale_parts",
    "SORT_KEYS",
    "STAGE_INPUT_COLUMNS",
    "CodebookLike",
    "as_codebook",
    "text_stage",
    "annotate_stage",
    "full_stage",
    "sort_table",
    "SCHEMA_VERSION",
    "write_table",
    "read_table",
    "package_versions",
    "update_manifest",
    "LineageError",
    "Lineage",
    "begin_step",
    "check_lineage",
    "table_lineage",
    "active_lineage",
    "cleared_message",
    "stream_corpus",
]
