"""``make bench``: run every benchmark module (``bench_*.py``) and print its figures."""

import importlib
import pkgutil
import sys
from pathlib import Path


def main() -> None:
    only = set(sys.argv[1:])
    here = Path(__file__).parent
    for info in sorted(pkgutil.iter_modules([str(here)]), key=lambda m: m.name):
        if not info.name.startswith("bench_"):
            continue
        if only and info.name.removeprefix("bench_") not in only and info.name not in only:
            continue
        module = importlib.import_module(f"benchmarks.{info.name}")
        print(f"\n# {info.name}: {(module.__doc__ or '').strip().splitlines()[0]}", flush=True)
        module.main()


if __name__ == "__main__":
    main()
