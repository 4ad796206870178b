"""Linting on a Dask cluster (`check --scheduler`): a LocalCluster of two worker
processes on loopback gives the local run's findings in every format, loses
nothing when a worker dies, and makes a file a worker cannot read an input
error of that file alone."""

import logging
import os
import shutil
import signal
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from linter.api import setup
from linter.cli import main
from linter.formatters import FORMATTERS, ReportOptions
from tests.conftest import FIXTURE_CORPUS, SEEDS

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None, silence_logs=logging.ERROR) as local:
        yield local


def lint(paths, scheduler=None, progress=None, cache=False, cross_document=True, start=None):
    linting = setup(cross_document=cross_document, start=start or Path.cwd())
    return linting, linting.run([str(p) for p in paths], scheduler=scheduler, progress=progress, use_cache=cache)


def outline(results):
    return [(r.path, r.error, r.notice, [v.to_dict() for v in r.violations]) for r in results]


def test_the_cluster_reports_what_a_local_run_reports_in_every_format(cluster):
    linting, local = lint([SEEDS, FIXTURE_CORPUS])
    _, remote = lint([SEEDS, FIXTURE_CORPUS], cluster.scheduler_address)
    assert sum(len(r.violations) for r in local) > 20
    assert outline(remote) == outline(local)
    rules = linting.rules.with_reported({v.rule for r in local for v in r.violations})
    for name, formatter in FORMATTERS.items():
        assert formatter(remote, rules, ReportOptions()) == formatter(local, rules, ReportOptions()), name


def test_check_with_a_scheduler_prints_and_exits_as_a_local_check(cluster):
    runner = CliRunner()
    args = ["check", "--format", "json", "--no-cache", str(SEEDS)]
    local = runner.invoke(main, args, env={"GITHUB_ACTIONS": ""})
    remote = runner.invoke(main, args + ["--scheduler", cluster.scheduler_address], env={"GITHUB_ACTIONS": ""})
    assert (remote.exit_code, remote.output) == (local.exit_code, local.output) and local.exit_code == 1


def test_a_worker_killed_mid_run_loses_nothing(cluster, tmp_path):
    for copy in range(3):
        shutil.copytree(SEEDS, tmp_path / f"seeds{copy}")
        shutil.copytree(FIXTURE_CORPUS, tmp_path / f"corpus{copy}")
    _, local = lint([tmp_path])
    with distributed.Client(cluster.scheduler_address) as client:
        pids = client.run(os.getpid)
        lost_before = client.run_on_scheduler(_tasks_lost_while_processing)
    victim = sorted(pids.values())[0]
    seen = []

    def kill_on_first_result(result):
        if not seen:
            os.kill(victim, signal.SIGKILL)
        seen.append(result.path)

    _, remote = lint([tmp_path], cluster.scheduler_address, progress=kill_on_first_result)
    assert outline(remote) == outline(local)
    assert sorted(seen) == sorted(r.path for r in local)  # each file reported once
    with distributed.Client(cluster.scheduler_address) as client:
        assert client.run_on_scheduler(_tasks_lost_while_processing) > lost_before  # the kill cost work that was done again
        client.wait_for_workers(2, timeout=60)
        assert victim not in client.run(os.getpid).values()  # the nanny started a new worker


def _tasks_lost_while_processing(dask_scheduler) -> int:
    """How many chunk tasks the scheduler released while a worker ran them (its worker died)."""
    return sum(1 for key, start, finish, *_ in dask_scheduler.transition_log
               if "lint_chunk" in str(key) and (start, finish) == ("processing", "released"))


def _deny_reading(path: str) -> None:
    """In a worker: reading `path` fails as it would for a worker without the
    permission (the tests run as root, for whom no file is unreadable)."""
    original = Path.read_bytes

    def read_bytes(self):
        if str(self) == path:
            raise PermissionError(13, "Permission denied", str(self))
        return original(self)

    Path.read_bytes, Path.original_read_bytes = read_bytes, original


def _allow_reading() -> None:
    Path.read_bytes = Path.original_read_bytes


def test_a_file_a_worker_cannot_read_is_an_input_error_of_that_file_alone(cluster, tmp_path):
    folder = tmp_path / "docs"
    shutil.copytree(SEEDS, folder)
    denied = folder / "002_44f594f40d6a3194.txt"
    _, local = lint([folder])
    with distributed.Client(cluster.scheduler_address) as client:
        client.run(_deny_reading, str(denied))
        try:
            _, remote = lint([folder], cluster.scheduler_address)
        finally:
            client.run(_allow_reading)
    assert [r.path for r in remote] == [r.path for r in local]
    failed = [r for r in remote if r.error]
    assert [(r.path, r.error) for r in failed] == [(str(denied), f"{denied}: cannot read file: Permission denied")]
    others = [r for r in remote if r.path != str(denied)]
    # FG008 compares figures across files: without the denied file, run the others alone.
    _, alone = lint([p for p in sorted(folder.iterdir()) if p != denied and p.suffix == ".txt"])
    assert outline(others) == outline(alone)


def test_files_only_the_client_has_are_sent_with_the_task(cluster, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # a relative path: the workers, elsewhere, do not see it
    shutil.copytree(SEEDS, tmp_path / "only-on-the-client")
    _, local = lint(["only-on-the-client"], start=tmp_path)
    _, remote = lint(["only-on-the-client"], cluster.scheduler_address, start=tmp_path)
    assert outline(remote) == outline(local) and any(r.violations for r in local)


def test_the_client_looks_up_the_cache_before_submitting_and_stores_what_comes_back(cluster, tmp_path):
    (tmp_path / ".reportlint.yaml").write_text("packs: [default]\n", encoding="utf-8")
    shutil.copytree(SEEDS, tmp_path / "docs")
    linting, first = lint([tmp_path / "docs"], cluster.scheduler_address, cache=True, start=tmp_path)
    stored = list((tmp_path / ".reportlint_cache").rglob("*.json"))
    assert len(stored) == 5
    # Everything is in the cache now: the client does not even reach for a scheduler.
    _, second = lint([tmp_path / "docs"], "tcp://127.0.0.1:9", cache=True, start=tmp_path)
    assert outline(second) == outline(first)


def test_a_scheduler_without_the_extra_is_a_usage_error_naming_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if dask.distributed were not installed
    result = CliRunner().invoke(main, ["check", "--scheduler", "tcp://127.0.0.1:8786", str(SEEDS)])
    assert result.exit_code == 2 and "pip install 'reportlint[dask]'" in result.output
