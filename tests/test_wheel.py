"""The installed program: build a wheel, install it in a fresh venv, run it from elsewhere."""

from __future__ import annotations

import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest
from conftest import EXAMPLES, REPO, official_errors

pytestmark = pytest.mark.slow


def test_wheel_installs_and_builds_the_seed_from_another_folder(tmp_path: Path):
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(REPO)],
        check=True,
        capture_output=True,
        text=True,
    )
    [wheel] = dist.glob("sec16-*.whl")
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    pip = env_dir / "bin" / "pip"
    subprocess.run([str(pip), "install", "-q", str(wheel)], check=True, capture_output=True)
    work = tmp_path / "elsewhere"
    work.mkdir()
    out = work / "f5.xml"
    result = subprocess.run(
        [
            str(env_dir / "bin" / "sec16"),
            "build",
            str(EXAMPLES / "form5-smith-allied-motion-2013.yaml"),
            "-o",
            str(out),
        ],
        cwd=work,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert official_errors(out) == []
    version = subprocess.run(
        [str(env_dir / "bin" / "python"), "-m", "generator", "--version"],
        cwd=work,
        capture_output=True,
        text=True,
        check=True,
    )
    assert version.stdout.startswith("sec16 ")
    # the bundled templates and schemas came from inside the installed package
    where = subprocess.run(
        [
            str(env_dir / "bin" / "python"),
            "-c",
            "from generator.support.paths import resource_dir as r;"
            "print(r('templates'), r('schemas'))",
        ],
        cwd=work,
        capture_output=True,
        text=True,
        check=True,
    )
    assert str(env_dir) in where.stdout and str(REPO) not in where.stdout
    # pure Python: no compiled module of sec16's own, a wheel for every platform
    assert wheel.name == "sec16-0.1.0-py3-none-any.whl"
    with zipfile.ZipFile(wheel) as archive:
        assert not [n for n in archive.namelist() if n.endswith((".so", ".pyd", ".c"))]
        assert "Root-Is-Purelib: true" in archive.read("sec16-0.1.0.dist-info/WHEEL").decode()
