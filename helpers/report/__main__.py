"""``python -m helpers.report``: the report (notebooks 01-04 into runs/NAME/), and two tools.

* ``python -m helpers.report --corpus PATH --run NAME`` — the report (``make report``);
* ``python -m helpers.report lab`` — JupyterLab on your copies in ``lab/`` (``make lab``);
* ``python -m helpers.report notebook NB OUT [-p NAME VALUE]…`` — one notebook, papermill's
  arguments, IPC kernel sockets.
"""

import sys

if __name__ == "__main__":  # importing the module (e.g. to check its imports) runs nothing
    command = sys.argv[1:2]
    if command == ["lab"]:
        from helpers.report.lab import lab_main

        raise SystemExit(lab_main(sys.argv[2:]))
    if command == ["notebook"]:
        from helpers.report.notebook import notebook_main

        raise SystemExit(notebook_main(sys.argv[2:]))
    from helpers.report.runner import main

    raise SystemExit(main())
