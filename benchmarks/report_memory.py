"""Peak memory of `checker report` over a store, per format, for two versions of checker side by side.

    python benchmarks/report_memory.py --store STORE.db [--store SMALLER.db] \
        --tree before=/path/to/old/checkout --tree after=/path/to/this/checkout \
        [--formats console markdown html json] [--output FILE]

Each report is one `checker report --store STORE -f FORMAT -o FILE` under `/usr/bin/time -v`
(peak resident memory, CPU seconds, wall time), every tree for one format side by side, so the
versions meet the same load (`--jobs`: how many reports run at once). The load average is
printed beside each figure (the machine is shared: wall times are noisy, peak memory is each
process's own). Where
a format's bytes are the same across the trees, the table says so; a changed layout is shown
as a different size. A report that grows with the archive shows as a higher peak over the
larger store: give two stores (say 1,000 and 10,000 articles) to compare.
"""

from __future__ import annotations

import argparse
import datetime as dt
import filecmp
import os
import re
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
FIELDS = {"peak": r"Maximum resident set size \(kbytes\): (\d+)", "user": r"User time \(seconds\): ([\d.]+)",
          "system": r"System time \(seconds\): ([\d.]+)", "wall": r"Elapsed \(wall clock\) time .*: ([\d:.]+)"}


def measured(tree: Path, store: Path, fmt: str, output: Path) -> dict:
    """One report under /usr/bin/time -v: its figures, parsed from what time prints."""
    command = ["/usr/bin/time", "-v", sys.executable, "-m", "checker", "report", "--store", str(store),
               "-f", fmt, "-o", str(output)]
    env = {**os.environ, "PYTHONPATH": str(tree), "PYTHONHASHSEED": "0", "COLUMNS": "80"}
    # run from the work folder: `python -m` puts the current folder first on the path, before PYTHONPATH
    done = subprocess.run(command, capture_output=True, text=True, check=False, env=env, cwd=output.parent)
    if done.returncode:
        raise SystemExit(f"{tree}: report -f {fmt} failed:\n{done.stderr[-3000:]}")
    found = {key: re.search(pattern, done.stderr).group(1) for key, pattern in FIELDS.items()}
    figures = {"peak": int(found["peak"]) / 1024, "cpu": float(found["user"]) + float(found["system"]),
               "wall": found["wall"], "bytes": output.stat().st_size, "load": os.getloadavg()[0]}
    print(f"measured {tree.name} {store.stem} {fmt}: {figures}", flush=True)  # kept should the run be cut short
    return figures


def rows(stores: list[Path], trees: dict[str, Path], formats: list[str], work: Path, jobs: int) -> list[str]:
    """One line per store, format and tree (`jobs` reports measured at once: peak memory is each
    process's own, wall and CPU time are shared out)."""
    runs = [(store, fmt, name) for store in stores for fmt in formats for name in trees]
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        figures = dict(zip(runs, pool.map(lambda run: measured(trees[run[2]], run[0], run[1], _output(work, *run)), runs)))
    lines = [(f"{'store':<14}{'format':<10}{'tree':<8}{'wall':>9}{'CPU s':>8}{'peak RSS MB':>13}"
             f"{'output bytes':>14}  {'same bytes':<11}{'load (1 min) at its end':>24}")]
    for store, fmt, name in runs:
        first = _output(work, store, fmt, next(iter(trees)))
        same = "" if name == next(iter(trees)) else (
            "yes" if filecmp.cmp(first, _output(work, store, fmt, name), shallow=False) else "no")
        found = figures[store, fmt, name]
        lines.append(f"{store.stem:<14}{fmt:<10}{name:<8}{found['wall']:>9}{found['cpu']:>8.1f}"
                     f"{found['peak']:>13,.0f}{found['bytes']:>14,}  {same:<11}{found['load']:>24.2f}")
    print(*lines, sep="\n", flush=True)
    return lines


def _output(work: Path, store: Path, fmt: str, tree: str) -> Path:
    return work / f"{store.stem}-{fmt}-{tree}.out"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, action="append", required=True)
    parser.add_argument("--tree", action="append", required=True, help="NAME=FOLDER of a checker checkout")
    parser.add_argument("--formats", nargs="+", default=["console", "markdown", "html", "json"])
    parser.add_argument("--jobs", type=int, default=1, help="reports measured at once")
    parser.add_argument("--work", type=Path, help="where the reports are written (default: a temporary folder)")
    parser.add_argument("--output", type=Path, default=HERE / "results" / f"report-memory-{dt.date.today()}.txt")
    args = parser.parse_args(argv)
    trees = {name: Path(folder).resolve() for name, folder in (t.split("=", 1) for t in args.tree)}
    head = [f"$ python benchmarks/report_memory.py {' '.join(argv if argv is not None else sys.argv[1:])}",
            (f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, {os.cpu_count()} cores, "
            f"load average at the start {' '.join(f'{x:.2f}' for x in os.getloadavg())}")]
    print(*head, sep="\n", flush=True)
    with tempfile.TemporaryDirectory(prefix="checker-report-memory-", dir=args.work) as work:
        lines = rows(args.store, trees, args.formats, Path(work), args.jobs)
    tail = [f"load average at the end {' '.join(f'{x:.2f}' for x in os.getloadavg())}"]
    print(*tail, sep="\n")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text("\n".join([*head, *lines, *tail]) + "\n", encoding="utf-8")
    print(f"written to {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
