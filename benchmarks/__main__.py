"""``make bench``: run every benchmark module (``bench_*.py``) and print its figures.

Each module runs in a fresh interpreter: one benchmark's leftovers (hundreds of MB of
generated programmes, the garbage collector's state, warm caches) otherwise bias the
next one; the 10,000-hypothesis first paint took twice as long after the others.
"""

import pkgutil
import subprocess
import sys
from pathlib import Path


def main() -> None:
    only = set(sys.argv[1:])
    here = Path(__file__).parent
    failed = []
    for info in sorted(pkgutil.iter_modules([str(here)]), key=lambda m: m.name):
        if not info.name.startswith("bench_"):
            continue
        if only and info.name.removeprefix("bench_") not in only and info.name not in only:
            continue
        spec = info.module_finder.find_spec(info.name, None)  # type: ignore[call-arg]
        doc = _first_doc_line(Path(spec.origin)) if spec and spec.origin else ""
        print(f"\n# {info.name}: {doc}", flush=True)
        if subprocess.run([sys.executable, "-m", f"benchmarks.{info.name}"]).returncode:
            failed.append(info.name)
    if failed:
        sys.exit(f"benchmarks failed: {', '.join(failed)}")


def _first_doc_line(path: Path) -> str:
    import ast

    doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
    return doc.strip().splitlines()[0] if doc.strip() else ""


if __name__ == "__main__":
    main()
