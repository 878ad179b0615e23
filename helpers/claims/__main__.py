"""``python -m helpers.claims --fill GOLD [--corpus seeds]``: write each gold quote's doc_id,
sentence and offsets (and the document's text hash) back into the gold file.

Command-line entry points live in ``__main__`` modules only: ``python -m`` on a module that its
package's ``__init__`` already imported (``helpers.claims.evaluate``) makes runpy warn.
"""

from helpers.claims.evaluate import main

raise SystemExit(main())
