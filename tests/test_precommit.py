"""End to end: the repository works as a pre-commit hook (`pre-commit try-repo`).

pre-commit installs the hook into a fresh virtual environment, so this test
needs the package registry; skip it with `-m "not network"` when offline."""

import importlib.util
import os
import shutil
import subprocess
import sys

import pytest

from tests.conftest import ROOT
from tests.makefiles import write_docx

pytestmark = [
    pytest.mark.network,
    pytest.mark.skipif(importlib.util.find_spec("pre_commit") is None or shutil.which("git") is None, reason="needs pre-commit and git"),
]


def git(cwd, *args):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture(scope="module")
def hook_home(tmp_path_factory):
    return tmp_path_factory.mktemp("pre-commit-home")


def try_repo(repo, home):
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "GITHUB_ACTIONS": ""}
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "reportlint", "--all-files"], cwd=repo, env=env, capture_output=True, text=True, timeout=900
    )


def make_repo(path, text):
    """A repository with the text as 院报.txt and as 总结.docx, and a photo the hook must not be given."""
    path.mkdir()
    git(path, "init", "-q")
    (path / "院报.txt").write_text(text, encoding="utf-8")
    write_docx(path / "总结.docx", text.split("\n"))
    (path / "照片.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00")
    git(path, "add", ".")
    return path


def test_hook_fails_on_a_bad_document_and_passes_on_a_clean_one(tmp_path, hook_home):
    bad = make_repo(tmp_path / "bad", "2023年2月10日\n\n构建新冠肺炎患者分级诊疗服务体系\n")
    result = try_repo(bad, hook_home)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "院报.txt:3:3: TM001" in result.stdout and "总结.docx:3:3: TM001" in result.stdout
    clean = make_repo(tmp_path / "clean", "2023年2月10日\n\n构建新冠病毒感染患者分级诊疗服务体系\n")
    result = try_repo(clean, hook_home)
    assert result.returncode == 0, result.stdout + result.stderr
