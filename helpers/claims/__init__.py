"""Claims: the codebook, the tagger, review round trip, gold evaluation and agreement.

The public names of the modules below are re-exported here."""

from helpers.claims.agreement import (
    agreement,
    alpha_nominal,
    decision_matrix,
    interpret_alpha,
    krippendorff_alpha,
)
from helpers.claims.annotate import (
    NEGATION_WINDOW_WORDS,
    Tagger,
    annotate,
    annotate_naive,
)
from helpers.claims.codebook import (
    DEFAULT_ACTOR_KINDS,
    MEDIA_KIND,
    Actor,
    Claim,
    Codebook,
    CodebookError,
    Frame,
    Medium,
    load_codebook,
)
from helpers.claims.evaluate import (
    GOLD_COLUMNS,
    GoldError,
    fill_gold,
    main,
    read_gold,
    resolve_gold,
    score,
)
from helpers.claims.mention_table import MENTION_COLUMNS, MentionRow
from helpers.claims.patterns import CompiledPattern, compile_pattern
from helpers.claims.review import (
    CSV_COLUMNS,
    PROBLEM_COLUMNS,
    ReviewError,
    ReviewImport,
    escape_csv_cell,
    export_csv,
    export_label_studio,
    import_csv,
    import_label_studio,
    label_config,
    review_table,
    unescape_csv_cell,
    write_label_studio,
)
from helpers.claims.speakers import (
    ATTRIBUTION_WINDOW,
    COLON_WINDOW,
    SUBJECT_WINDOW_AFTER,
    SUBJECT_WINDOW_BEFORE,
)

__all__ = [
    "DEFAULT_ACTOR_KINDS",
    "MEDIA_KIND",
    "Frame",
    "CodebookError",
    "CompiledPattern",
    "Actor",
    "Medium",
    "Claim",
    "Codebook",
    "load_codebook",
    "compile_pattern",
    "MENTION_COLUMNS",
    "MentionRow",
    "NEGATION_WINDOW_WORDS",
    "SUBJECT_WINDOW_AFTER",
    "SUBJECT_WINDOW_BEFORE",
    "ATTRIBUTION_WINDOW",
    "COLON_WINDOW",
    "Tagger",
    "annotate",
    "annotate_naive",
    "CSV_COLUMNS",
    "PROBLEM_COLUMNS",
    "ReviewError",
    "ReviewImport",
    "label_config",
    "export_label_studio",
    "write_label_studio",
    "review_table",
    "export_csv",
    "import_label_studio",
    "import_csv",
    "escape_csv_cell",
    "unescape_csv_cell",
    "GOLD_COLUMNS",
    "GoldError",
    "read_gold",
    "resolve_gold",
    "score",
    "fill_gold",
    "main",
    "alpha_nominal",
    "krippendorff_alpha",
    "interpret_alpha",
    "decision_matrix",
    "agreement",
]
