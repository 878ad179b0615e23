"""The Dask cluster the ``"dask"`` engine runs on: validate a scheduler, open a client.

``scheduler=None`` starts a private ``LocalCluster(n_workers=<cores>, threads_per_worker=1,
host="127.0.0.1", dashboard_address=None, processes=True)`` and closes it afterwards;
``scheduler="tcp://host:8786"`` connects to a running scheduler (see ``docs/scale.md``); a
``distributed.Client`` is used as is and left open.

A private cluster's workers run without Dask's statistical profiler (no dashboard to show it)
and with its monitors ticking less often (:data:`_PRIVATE_CLUSTER_CONFIG`).

Noise: ``distributed`` logs INFO lines for every cluster start; they are set to WARNING (in this
process and on the workers of a private cluster) so notebooks stay readable.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
from collections.abc import Iterator
from typing import Any

__all__ = ["check_scheduler", "dask_client"]

_SCHEDULER_RE = re.compile(r"^(tcp|tls|ucx|inproc)://[^\s/:]+(:\d{1,5})?/?$")
_LOG_LEVEL = logging.WARNING
#: Dask settings of a private cluster (its workers, and this process while the client is
#: open): no statistical profiler (it samples every worker thread each 10 ms for a dashboard a
#: private cluster does not have: about a tenth of a worker's CPU time on this pipeline), and
#: the system monitor, memory monitor and event-loop tick run less often (5 s, 1 s, 200 ms
#: instead of 500 ms, 100 ms, 20 ms: together about 0.3 CPU-s of the workers and 0.2 of the
#: client per 8 MB of corpus on a loaded machine). And no queuing of root tasks on the
#: scheduler (``worker-saturation: inf``): :func:`helpers.run.engine.run_corpus`'s ingest tasks
#: are then all handed out at once (they are balanced by bytes, four per worker thread), so a
#: worker goes from one to the next without a round trip to the scheduler — which lives in the
#: client's process and shares its interpreter lock with the client's own work (loading the
#: codebook, merging): with queuing, each finished ingest task left its worker idle until the
#: scheduler handed out the next (a fifth to a quarter of the ingest phase on 8 MB).
_PRIVATE_CLUSTER_CONFIG: dict[str, Any] = {
    "distributed.scheduler.worker-saturation": float("inf"),
    "distributed.worker.profile.enabled": False,
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.admin.tick.interval": "200ms",
}


def check_scheduler(scheduler: Any, engine: str) -> Any:
    """Validate ``scheduler`` for ``engine`` (a checked engine name, see
    :func:`helpers.run.engine.check_engine`); ``ValueError`` naming the parameter otherwise.

    With ``engine="pandas"`` it must be ``None``. With ``"dask"``: ``None`` (private local
    cluster), an address ``"tcp://host:port"`` (also ``tls://``, ``ucx://``, ``inproc://``), or
    a ``distributed.Client``.
    """
    if scheduler is None:
        return None
    if engine == "pandas":
        raise ValueError(
            f"scheduler is only used with engine='dask'; got scheduler={scheduler!r} with "
            "engine='pandas'"
        )
    if isinstance(scheduler, str):
        if not _SCHEDULER_RE.match(scheduler.strip()):
            raise ValueError(
                "scheduler must be None or a Dask scheduler address like 'tcp://host:8786'; "
                f"got {scheduler!r}"
            )
        return scheduler.strip()
    from distributed import Client

    if isinstance(scheduler, Client):
        return scheduler
    raise ValueError(
        "scheduler must be None, an address like 'tcp://host:8786' or a distributed.Client; "
        f"got {type(scheduler).__name__} {scheduler!r}"
    )


def _quiet_distributed_logs() -> None:
    for name in (
        "distributed",
        "distributed.scheduler",
        "distributed.worker",
        "distributed.nanny",
        "distributed.core",
        "distributed.http.proxy",
    ):
        logging.getLogger(name).setLevel(_LOG_LEVEL)


def _default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


@contextlib.contextmanager
def dask_client(
    scheduler: Any = None, *, n_workers: int | None = None, timeout: str = "20s"
) -> Iterator[Any]:
    """A ``distributed.Client`` for ``scheduler``, closed (with its cluster) on exit.

    ``None`` starts a private ``LocalCluster`` of ``n_workers`` (default: the usable cores)
    one-thread worker processes on 127.0.0.1 with no dashboard; an address connects to a
    running scheduler (``ConnectionError`` naming it when unreachable within ``timeout``); a
    ``Client`` is yielded unchanged and not closed.
    """
    scheduler = check_scheduler(scheduler, "dask")
    import dask
    from distributed import Client, LocalCluster

    _quiet_distributed_logs()
    if isinstance(scheduler, Client):
        yield scheduler
        return
    if scheduler is None:
        workers = _default_workers() if n_workers is None else int(n_workers)
        if workers < 1:
            raise ValueError(f"n_workers must be ≥ 1; got {n_workers!r}")
        with (
            dask.config.set(_PRIVATE_CLUSTER_CONFIG),  # read by the workers as they start
            LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                host="127.0.0.1",
                dashboard_address=None,
                processes=True,
                silence_logs=_LOG_LEVEL,
                # No dashboard, but the scheduler still serves its small HTTP API (health,
                # metrics) and defaults it to port 8787: a second cluster on the machine then
                # warns "Port 8787 is already in use". Any free port on 127.0.0.1 instead.
                scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
            ) as cluster,
            Client(cluster) as client,
        ):
            yield client
        return
    try:
        client = Client(scheduler, timeout=timeout)
    except OSError as exc:  # TimeoutError / ConnectionRefusedError are OSErrors
        raise ConnectionError(
            f"cannot reach the Dask scheduler at {scheduler} within {timeout}: {exc}"
        ) from None
    with client:
        yield client
