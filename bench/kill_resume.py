"""Kill ``shiproute batch`` again and again, resume it each time, and compare with one whole run.

    python bench/kill_resume.py [--rows 20000] [--kills 12] [--formats csv,jsonl,geojson] [--workers 2]

The standing result of issue 13: a batch killed at any moment (SIGKILL to its whole process
group: the batch, its fork server and its pool's workers) and resumed with ``--resume`` ends
byte-identical to an uninterrupted run. For each output format this runs the CLI once whole,
then once more killed ``--kills`` times at seeded random moments (most when the output has
grown to a random size, some during start-up), resuming after each kill, and lets the last
resume finish; after every kill it also checks that the file so far holds whole rows of the
uninterrupted output, in order, but for a last line that may be cut. The input is
``--rows`` distinct pairs of real port names (bench_batch_memory.write_pairs), geodesic only
unless ``--measure`` says otherwise. Exit status 1 if any comparison fails.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_batch_memory import write_pairs  # noqa: E402 - the bench folder is not a package

REPO = Path(__file__).resolve().parent.parent


def batch_command(source: Path, out: Path, fmt: str, workers: int, measure: str) -> list[str]:
    return [sys.executable, str(REPO / "cli.py"), "batch", str(source), "-o", str(out), "--format", fmt,
            "--measure", measure, "--workers", str(workers), "--no-progress"]


def whole_lines(data: bytes) -> bytes:
    return data[: data.rfind(b"\n") + 1]


def interrupted_run(command: list[str], out: Path, expected: bytes, kills: int,
                    rng: random.Random) -> tuple[int, list[str]]:
    """Run ``command`` killed ``kills`` times, resuming after each; the kills that landed while it
    ran, and the problems found.

    Most kills land when the output has grown to a random size between what it held and the
    whole (mid-row, mid-chunk, mid-flush); one in five lands at a random moment of the first
    1.5 s (start-up, the header, the scan of the rows already there)."""
    problems: list[str] = []
    landed = 0
    resume: list[str] = []
    for attempt in range(kills + 1):
        held = out.stat().st_size if out.exists() else 0
        process = subprocess.Popen([*command, *resume], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                   start_new_session=True)
        if attempt < kills:
            early = rng.random() < 0.2
            deadline = time.monotonic() + rng.uniform(0.05, 1.5) if early else None
            target = rng.uniform(held, len(expected))
            while process.poll() is None:
                if (time.monotonic() >= deadline) if deadline is not None else (
                        out.exists() and out.stat().st_size >= target):
                    os.killpg(process.pid, signal.SIGKILL)  # the batch's own group, started just above
                    break
                time.sleep(0.002)
            process.wait()
            if process.returncode == -signal.SIGKILL:
                landed += 1
                partial = out.read_bytes() if out.exists() else b""
                if not expected.startswith(whole_lines(partial)):
                    problems.append(f"kill {landed}: the {len(partial):,} bytes written are not whole rows of "
                                    "the uninterrupted output")
                resume = ["--resume"]
                continue
        else:
            process.wait()
        stderr = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
        if process.returncode not in (0, 1):
            problems.append(f"run {attempt + 1} exited {process.returncode}: {stderr.strip()[-300:]}")
        break
    if out.read_bytes() != expected:
        problems.append(f"the resumed output ({out.stat().st_size:,} bytes) differs from the whole run "
                        f"({len(expected):,} bytes)")
    return landed, problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000, help="distinct pairs in the input")
    parser.add_argument("--kills", type=int, default=12, help="kills tried per format (each resumed)")
    parser.add_argument("--formats", default="csv,jsonl,geojson")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--measure", choices=["geodesic", "sea", "both"], default="geodesic")
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}")
    tmp = Path(tempfile.mkdtemp(prefix="kill_resume_"))
    total, failed = 0, False
    try:
        source = tmp / "pairs.csv"
        write_pairs(source, args.rows)
        for fmt in args.formats.split(","):
            reference = tmp / f"whole.{fmt}"
            started = time.monotonic()
            subprocess.run(batch_command(source, reference, fmt, args.workers, args.measure),
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
            whole_seconds = time.monotonic() - started
            expected = reference.read_bytes()
            out = tmp / f"killed.{fmt}"
            landed, problems = interrupted_run(batch_command(source, out, fmt, args.workers, args.measure), out,
                                               expected, args.kills, rng)
            total += landed
            failed |= bool(problems)
            verdict = "byte-identical" if not problems else "DIFFERENT"
            print(f"  {fmt:7} {args.rows:,} rows, whole run {whole_seconds:5.1f} s, {len(expected):,} bytes: "
                  f"{landed} kills landed, resumed output {verdict}")
            for problem in problems:
                print(f"    {problem}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"{total} interruptions in all; " + ("every resumed output byte-identical" if not failed
                                               else "some outputs NOT identical"))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
