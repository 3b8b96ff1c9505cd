"""The engine: one unit of work per source, the same results on any executor (this process,
local processes, a Dask cluster on loopback), streamed in order, with bounded memory."""

from __future__ import annotations

import gc
import json
import subprocess
import sys
import weakref
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import factbase
from factbase._run import executor as executor_module
from factbase.cli import cli
from factbase.verify import run as run_module

CLAIMS, PER_SOURCE = 300, 20


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    from generate import generate

    out = tmp_path_factory.mktemp("gen") / "project"
    generate(out, claims=CLAIMS, seed=7, per_source=PER_SOURCE)
    return out / "facts.yaml"


@pytest.fixture(scope="module")
def serial(project: Path) -> str:
    return _dump(factbase.check(factbase.load(project), workers=1))


def _dump(report: factbase.Report) -> str:
    data = report.to_dict()
    data["mentions"] = [[m.to_dict() for m in s.mentions] for s in report.sources]
    return json.dumps(data, sort_keys=True, default=str)


@pytest.fixture
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(run_module, "BATCH_COST", 5_000)  # several batches per worker
    monkeypatch.setattr(run_module, "PARALLEL_MIN_BYTES", 0)


@pytest.mark.parametrize("workers", [2, 3])
def test_local_processes_equal_serial(project: Path, serial: str, workers: int,
                                      small_batches: None) -> None:
    assert _dump(factbase.check(factbase.load(project), workers=workers)) == serial


@pytest.mark.parametrize("make", [lambda: ProcessPoolExecutor(2), lambda: ThreadPoolExecutor(3)])
def test_any_executor_equals_serial_and_stays_open(project: Path, serial: str, small_batches: None,
                                                   make: Callable[[], Any]) -> None:
    with make() as executor:
        assert _dump(factbase.check(factbase.load(project), executor=executor)) == serial
        # The caller's executor is left running.
        assert executor.submit(sum, [1, 2]).result() == 3


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    import distributed  # the test extra installs it

    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  host="127.0.0.1", dashboard_address=None) as local:
        yield local.scheduler_address


def test_dask_cluster_equals_serial(project: Path, serial: str, cluster: str,
                                    small_batches: None) -> None:
    from distributed import Client

    assert cluster.startswith("tcp://127.0.0.1:")
    with Client(cluster) as client:
        report = factbase.check(factbase.load(project), executor=client.get_executor())
    assert _dump(report) == serial


def test_cli_scheduler_equals_serial(project: Path, cluster: str, small_batches: None) -> None:
    args = ["check", str(project), "--format", "json", "--no-cache"]
    on_cluster = CliRunner().invoke(cli, [*args, "--scheduler", cluster])
    here = CliRunner().invoke(cli, [*args, "-j", "1"])
    assert on_cluster.exit_code == here.exit_code == 1  # the generated base has wrong claims
    assert json.loads(on_cluster.stdout)["claims"] == json.loads(here.stdout)["claims"]


def test_scheduler_and_workers_together_are_a_usage_error(project: Path) -> None:
    result = CliRunner().invoke(cli, ["check", str(project), "-j", "2", "--scheduler", "tcp://x:1"])
    assert result.exit_code == 2
    assert "give --scheduler or -j, not both" in result.output


def test_scheduler_without_dask_is_a_usage_error(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if the extra were not installed
    result = CliRunner().invoke(cli, ["check", str(project), "--scheduler", "tcp://127.0.0.1:9"])
    assert result.exit_code == 2
    assert "--scheduler needs Dask: pip install 'factbase[dask]'" in result.output


def test_unreachable_scheduler_is_a_usage_error(project: Path) -> None:
    result = CliRunner().invoke(cli, ["check", str(project), "--scheduler", "tcp://127.0.0.1:9"])
    assert result.exit_code == 2
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in result.output


def test_progress_reports_every_source(project: Path, small_batches: None) -> None:
    seen: list[tuple[str, int, int]] = []
    factbase.check(factbase.load(project), workers=2, progress=lambda *a: seen.append(a))
    sources = [s for s in seen if s[0] == "sources"]
    claims = [s for s in seen if s[0] == "claims"]
    assert sources[-1] == ("sources", CLAIMS // PER_SOURCE, CLAIMS // PER_SOURCE)
    assert claims[-1] == ("claims", CLAIMS, CLAIMS)


@pytest.mark.parametrize(
    ("env", "expected"),
    [("1", 1), ("4", 4), ("", None), ("zero", None), ("0", None)],
)
def test_default_workers(env: str, expected: int | None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FACTBASE_WORKERS", env)
    assert executor_module.default_workers() == (expected or executor_module.available_cpus())


def test_ordered_keeps_order_and_bounds_the_window() -> None:
    in_flight: list[int] = []

    class Recording(executor_module.SerialExecutor):
        def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Any:
            in_flight.append(args[0])
            return super().submit(fn, *args, **kwargs)

    batches = ((i,) for i in range(10))
    results = executor_module.ordered(Recording(), lambda i: i * i, batches, window=3)
    first = next(results)
    assert first == 0 and len(in_flight) == 3  # three submitted before the first is read
    assert [first, *results] == [i * i for i in range(10)]


def test_build_streams_units(project: Path, small_batches: None, tmp_path: Path,
                             monkeypatch: pytest.MonkeyPatch) -> None:
    """A build keeps no source's results once its rows are written."""
    from factbase import db as db_module

    made: list[weakref.ref[Any]] = []
    alive_at_last: list[int] = []
    real = db_module.results_of

    def tracking(*args: Any) -> Any:
        source, citations = real(*args)
        gc.collect()
        alive_at_last[:] = [sum(r() is not None for r in made)]
        made.append(weakref.ref(source))
        return source, citations

    monkeypatch.setattr(db_module, "results_of", tracking)
    factbase.build(factbase.load(project), tmp_path / "f.db", workers=1, metadata=False)
    assert len(made) == CLAIMS // PER_SOURCE
    # When the last source arrives, at most the one before it is still referenced (by the loop
    # that wrote it): a build holds a unit or two, never the run.
    assert alive_at_last[0] <= 1


def test_build_and_publish_write_the_same_bytes(project: Path, tmp_path: Path) -> None:
    facts = factbase.load(project)
    factbase.build(facts, tmp_path / "built.db", workers=2, metadata=False)
    factbase.publish(factbase.check(facts, workers=1), tmp_path / "published.db", metadata=False)
    assert (tmp_path / "built.db").read_bytes() == (tmp_path / "published.db").read_bytes()


def test_the_unit_of_work_imports_alone() -> None:
    """check_source imports without the run: no executor, cache, codec or database."""
    code = ("import sys; from factbase.verify.unit import check_source; "
            "print(' '.join(sorted(m for m in sys.modules if m.startswith('factbase'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(out.stdout.split())
    assert "factbase.verify.unit" in loaded
    assert not loaded & {"factbase.verify.run", "factbase._run.cache", "factbase._run.executor",
                         "factbase._run.codec", "factbase.db", "factbase.cli", "factbase.loader"}


def test_unit_outcomes_round_trip_the_codec(project: Path) -> None:
    from factbase._run import codec
    from factbase.verify.unit import check_sources

    facts = factbase.load(project)
    run = run_module.Run(facts, workers=1)
    outcomes = check_sources(run.plan.units[:3], tuple(facts.entities))
    for outcome in outcomes:
        assert codec.unpack(codec.loads(codec.dumps(codec.pack(outcome)))) == outcome


@pytest.mark.parametrize("blob", [b"", b"x" * 40, b"\0" * 32 + b"not zlib"])
def test_codec_refuses_damaged_blobs(blob: bytes) -> None:
    from factbase._run import codec

    with pytest.raises(codec.CodecError):
        codec.loads(blob)


def test_codec_builds_only_its_classes() -> None:
    from factbase._run import codec

    with pytest.raises(codec.CodecError):
        codec.unpack(codec.loads(codec.dumps(("os.system", "echo hi"))))
