"""The HTML summary in a real browser: headless Chromium takes a screenshot, which
must not be blank. Skipped (with the reason) where Chromium is missing; in CI
(``CI`` set) a missing browser is a failure, not a skip."""

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    if os.environ.get("CI"):
        pytest.fail("chromium is required in CI (.ci/run installs it)")
    pytest.skip("chromium is not installed: the HTML screenshot test did not run")
    return None


@pytest.mark.slow
def test_html_summary_renders_in_headless_chromium(run_export: Any, tmp_path: Path) -> None:
    from PIL import Image

    browser = _chromium()
    page = tmp_path / "status.html"
    page.write_bytes(run_export("-f", "html").stdout_bytes)
    shot = tmp_path / "out.png"
    completed = subprocess.run(
        [
            str(browser), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}",
            f"--screenshot={shot}", "--window-size=1200,2000", page.as_uri(),
        ],
        capture_output=True,
        timeout=90,
        check=False,
    )  # fmt: skip
    assert shot.exists(), completed.stderr.decode(errors="replace")[-2000:]
    with Image.open(shot) as image:
        assert image.size == (1200, 2000)
        pixels = image.convert("RGB")
        colours = pixels.getcolors(maxcolors=1 << 20) or []
        inked = sum(count for count, rgb in colours if sum(rgb) < 600)
        # text, tables, cards and the chart: many colours and a fair share of ink
        assert len(colours) > 50, len(colours)
        assert inked / (1200 * 2000) > 0.02, inked
        # the trajectory chart's weighted bars (#1f4e79) are painted
        assert any(rgb == (0x1F, 0x4E, 0x79) for _, rgb in colours)
