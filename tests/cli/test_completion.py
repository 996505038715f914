"""Shell completion through the real ``parat`` in a subprocess, as the shells call it
(Typer's ``_PARAT_COMPLETE`` protocol): codes, stages, buckets and snapshots from the
chosen database, and nothing (no traceback, no file) without one."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

PARAT = Path(sys.executable).with_name("parat")


def complete(
    shell: str, words: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """What ``parat`` answers when ``shell`` asks to complete the command line ``words``
    (ending with a space: complete a new word)."""
    extra = {"_PARAT_COMPLETE": f"complete_{shell}"}
    if shell == "bash":
        parts = words.split(" ")
        extra |= {"COMP_WORDS": words, "COMP_CWORD": str(len(parts) - 1)}
    else:
        extra["_TYPER_COMPLETE_ARGS"] = words
        if shell == "fish":
            extra["_TYPER_COMPLETE_FISH_ACTION"] = "get-args"
    return subprocess.run(
        [str(PARAT)],
        env={**os.environ, **(env or {}), **extra},
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.fixture
def sample(db_path: Path) -> Path:
    env = {**os.environ, "PARAT_DATABASE_URL": str(db_path)}
    subprocess.run([str(PARAT), "demo", "--no-tui"], env=env, check=True, capture_output=True)
    subprocess.run(
        [str(PARAT), "snapshot", "add", "Chefgruppemøde marts"],
        env=env,
        check=True,
        capture_output=True,
    )
    return db_path


@pytest.mark.slow
def test_bash_completes_hypothesis_codes_from_the_database(sample: Path) -> None:
    done = complete("bash", f"parat --db {sample} hypothesis show H1")
    assert done.returncode == 0 and done.stderr == ""
    assert done.stdout.split() == [f"H1{n}" for n in range(7)]
    # the database may come from the environment (or the configuration) too
    done = complete("bash", "parat figure set H0", {"PARAT_DATABASE_URL": str(sample)})
    assert done.stdout.split() == [f"H0{n}" for n in range(1, 10)]


@pytest.mark.slow
def test_zsh_and_fish_complete_codes_with_their_titles(sample: Path) -> None:
    zsh = complete("zsh", f"parat --db {sample} hypothesis show H04")
    assert '"H04":"' in zsh.stdout and "(eksempel)" in zsh.stdout
    fish = complete("fish", f"parat --db {sample} history H04")
    assert fish.stdout.startswith("H04\t")


@pytest.mark.slow
def test_stages_buckets_and_snapshots(sample: Path) -> None:
    stages = complete("bash", f"parat --db {sample} hypothesis list --stage d")
    assert stages.stdout.split() == ["decided", "dropped"]
    buckets = complete("bash", f"parat --db {sample} bucket set ")
    assert buckets.stdout.split() and all(b.islower() for b in buckets.stdout.split())
    snaps = complete("fish", f"parat --db {sample} status --as-of Chef")
    assert snaps.stdout.strip() == "Chefgruppemøde marts"


@pytest.mark.slow
def test_commands_and_options_complete(sample: Path) -> None:
    assert "hypothesis" in complete("bash", "parat hyp").stdout.split()
    assert "--json" in complete("bash", "parat status --j").stdout.split()


@pytest.mark.slow
def test_no_database_completes_nothing_and_creates_nothing(tmp_path: Path) -> None:
    missing = tmp_path / "none.db"
    for shell in ("bash", "zsh", "fish"):
        done = complete(shell, f"parat --db {missing} hypothesis show H")
        assert done.returncode == 0, done.stderr
        assert "Traceback" not in done.stderr and "H0" not in done.stdout
    bad = tmp_path / "parat.toml"
    bad.write_text("database = \n", "utf-8")
    done = subprocess.run(
        [str(PARAT)],
        cwd=tmp_path,
        env={
            **os.environ,
            "_PARAT_COMPLETE": "complete_bash",
            "COMP_WORDS": "parat figure set H",
            "COMP_CWORD": "3",
        },
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0 and done.stdout.strip() == "" and "Traceback" not in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["parat.toml"]
