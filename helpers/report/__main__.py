"""``python -m helpers.report --corpus PATH --run NAME``: run notebooks 01-04 into runs/NAME/."""

from helpers.report.runner import main

raise SystemExit(main())
