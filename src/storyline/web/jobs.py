"""Background ingest jobs: one worker thread, one write connection, a job id per upload.

The worker owns the only writer of the database.  It loads the spaCy model lazily, on the
first job, inside its own thread, so the server starts at once.  Requests poll a job's
progress with :meth:`JobManager.get`.
"""

from __future__ import annotations

import queue
import threading
import time
import traceback
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from ..errors import NotFound, StorylineError
from ..records import IngestReport, RawArticle, Rejected
from ..settings import Settings

Items = Sequence[RawArticle | Rejected]


class Runner(Protocol):
    """Runs one ingest in the worker thread; reports phases and documents done."""

    def __call__(
        self, items: Items, progress: Callable[[int], None], phase: Callable[[str], None]
    ) -> IngestReport: ...

    def close(self) -> None: ...


class StoreRunner:
    """The real runner: a writer ``Store`` opened (and its model loaded) in the worker."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._store: Any = None

    def __call__(
        self, items: Items, progress: Callable[[int], None], phase: Callable[[str], None]
    ) -> IngestReport:
        from ..api import Store
        from ..store import Database

        if self._store is None:
            self._store = Store(Database(self.settings.db), self.settings)
        if "nlp" not in vars(self._store):
            phase("loading model")
            _ = self._store.nlp
        phase("analysing")
        report: IngestReport = self._store.ingest_articles(items, progress=progress)
        return report

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None


@dataclass
class Job:
    id: str
    items: Items
    total: int
    state: str = "queued"  # queued | running | done | failed
    phase: str = "waiting for the previous job"
    processed: int = 0
    added: tuple[str, ...] = ()
    duplicates: tuple[str, ...] = ()
    failed: list[Rejected] = field(default_factory=list)
    error: str | None = None
    created: float = field(default_factory=time.time)
    finished: float | None = None

    @property
    def over(self) -> bool:
        return self.state in ("done", "failed")

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "state": self.state, "phase": self.phase, "total": self.total,
            "processed": self.processed, "added": list(self.added),
            "duplicates": list(self.duplicates),
            "failed": [{"path": r.path, "line": r.line, "reason": r.reason, "message": str(r)}
                       for r in self.failed],
            "error": self.error, "finished": self.over,
            "summary": self.summary(),
        }  # fmt: skip

    def summary(self) -> str:
        if self.state == "failed":
            return f"ingest failed: {self.error}"
        if self.state != "done":
            return f"{self.phase}: {self.processed} of {self.total} articles"
        return (
            f"{len(self.added)} added, {len(self.duplicates)} skipped as duplicates, "
            f"{len(self.failed)} failed"
        )


class JobManager:
    """Queue of ingest jobs run one at a time by a daemon worker thread."""

    def __init__(self, runner: Runner, keep: int = 200) -> None:
        self.runner = runner
        self.keep = keep
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()
        self._queue: queue.Queue[Job | None] = queue.Queue()
        self._thread: threading.Thread | None = None

    def submit(self, items: Items) -> Job:
        usable = sum(1 for i in items if isinstance(i, RawArticle))
        job = Job(id=uuid.uuid4().hex[:12], items=tuple(items), total=usable)
        job.failed = [i for i in items if isinstance(i, Rejected)]
        with self._lock:
            self._jobs[job.id] = job
            self._forget_old()
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._work, name="storyline-ingest", daemon=True)
                self._thread.start()
        self._queue.put(job)
        return job

    def get(self, job_id: str) -> dict[str, Any]:
        with self._lock:
            job = self._jobs.get(job_id)
            if job is None:
                raise NotFound("job", job_id)
            return job.as_dict()

    def all(self) -> list[dict[str, Any]]:
        with self._lock:
            return [j.as_dict() for j in sorted(self._jobs.values(), key=lambda j: -j.created)]

    def wait(self, job_id: str, timeout: float = 60.0) -> dict[str, Any]:
        """Block until the job is over (tests and scripts)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            state = self.get(job_id)
            if state["finished"]:
                return state
            time.sleep(0.05)
        raise TimeoutError(f"job {job_id} still running after {timeout:.0f} s")

    def shutdown(self) -> None:
        thread = self._thread
        if thread is not None and thread.is_alive():
            self._queue.put(None)
            thread.join(timeout=30)
        self.runner.close()

    # ------------------------------------------------------------------ worker

    def _forget_old(self) -> None:
        over = sorted((j for j in self._jobs.values() if j.over), key=lambda j: j.created)
        for job in over[: max(0, len(self._jobs) - self.keep)]:
            del self._jobs[job.id]

    def _update(self, job: Job, **changes: Any) -> None:
        with self._lock:
            for key, value in changes.items():
                setattr(job, key, value)

    def _work(self) -> None:
        while True:
            job = self._queue.get()
            if job is None:
                return
            self._run(job)

    def _run(self, job: Job) -> None:
        def progress(n: int) -> None:
            self._update(job, processed=min(job.total, job.processed + n))

        def phase(name: str) -> None:
            self._update(job, phase=name)

        self._update(job, state="running", phase="starting")
        try:
            report = self.runner(job.items, progress, phase)
        except StorylineError as exc:
            self._update(job, state="failed", error=str(exc), finished=time.time())
        except Exception as exc:  # a worker must survive any job
            traceback.print_exc()
            self._update(job, state="failed", error=f"{type(exc).__name__}: {exc}", finished=time.time())
        else:
            self._update(
                job, state="done", phase="done", processed=job.total, added=report.added,
                duplicates=report.duplicates, failed=_merge_failed(job.failed, report.failed),
                items=(), finished=time.time(),
            )  # fmt: skip


def _merge_failed(before: Sequence[Rejected], after: Sequence[Rejected]) -> list[Rejected]:
    out = list(before)
    out.extend(r for r in after if r not in out)
    return out
