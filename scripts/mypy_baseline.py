"""Run mypy and fail on any error that the committed baseline does not already hold.

Usage: python scripts/mypy_baseline.py [--update] [--baseline FILE] [MYPY ARGS...]

The baseline counts errors per file and error code (`path  code  count`), so it survives line
shifts and reworded messages; a file may only keep or lose errors of a code, never gain them.
Files under a strict path (lantu/core, lantu/lib) must have no error at all: the baseline never
holds them, and `--update` refuses to write one for them. `--update` rewrites the baseline from
the current errors (`make mypy-baseline`); run it after fixing errors, so that the baseline shrinks.
"""

import argparse
import json
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASELINE = ROOT / "mypy-baseline.txt"
STRICT = ("lantu/core/", "lantu/lib/")
HEADER = (
    "# mypy errors tolerated for now, per file and error code (scripts/mypy_baseline.py).\n"
    "# This file may only shrink: fix errors, then `make mypy-baseline`.\n"
)

Key = tuple[str, str]


@dataclass(frozen=True)
class Error:
    """One mypy error."""

    path: str
    line: int
    code: str
    message: str

    @property
    def key(self) -> Key:
        """Return what the baseline counts this error under."""
        return (self.path, self.code)

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: error: {self.message}  [{self.code}]"


def strict(path: str) -> bool:
    """Return whether a file must be free of errors whatever the baseline says."""
    return path.startswith(STRICT)


def run_mypy(args: list[str]) -> list[Error]:
    """Run mypy with the committed configuration and return its errors; exit when mypy itself fails."""
    command = [sys.executable, "-m", "mypy", "--output", "json", *args]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    errors, garbage = [], []
    for line in done.stdout.splitlines():
        try:
            row = json.loads(line)
        except ValueError:
            garbage.append(line)
            continue
        if row.get("severity") == "error":
            path = Path(row["file"]).as_posix()
            errors.append(Error(path, int(row["line"]), row.get("code") or "-", row["message"]))
    # Exit status 1 means "found errors"; anything else with unreadable output is mypy failing.
    if done.returncode not in (0, 1) or garbage:
        sys.stderr.write("\n".join(garbage) + "\n" + done.stderr)
        sys.exit(f"mypy failed (exit status {done.returncode})")
    return errors


def read_baseline(path: Path) -> Counter[Key]:
    """Return the error counts the baseline tolerates."""
    counts: Counter[Key] = Counter()
    if not path.exists():
        return counts
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split()
        if len(parts) != 3 or not parts[2].isdigit():
            sys.exit(f"{path.name}:{number}: expected `path code count`, got {raw!r}")
        counts[(parts[0], parts[1])] += int(parts[2])
    return counts


def write_baseline(path: Path, counts: Counter[Key]) -> None:
    """Write the baseline, one sorted line per file and code."""
    lines = [f"{file}  {code}  {n}\n" for (file, code), n in sorted(counts.items())]
    path.write_text(HEADER + "".join(lines), encoding="utf-8")


def compare(errors: list[Error], baseline: Counter[Key]) -> tuple[list[Error], Counter[Key]]:
    """Return the errors beyond what the baseline tolerates, and the tolerated counts no longer used."""
    current = Counter(error.key for error in errors)
    grown = {key for key, n in current.items() if strict(key[0]) or n > baseline[key]}
    new = [error for error in errors if error.key in grown]
    unused = Counter({key: n - current[key] for key, n in baseline.items() if n > current[key]})
    return new, unused


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="rewrite the baseline from the current errors")
    parser.add_argument(
        "--baseline", type=Path, default=BASELINE, help="baseline file (default: %(default)s)"
    )
    options, mypy_args = parser.parse_known_args(argv)
    errors = run_mypy(mypy_args)
    in_strict = [error for error in errors if strict(error.path)]
    if options.update:
        if in_strict:
            print("\n".join(map(str, in_strict)))
            print(f"{len(in_strict)} error(s) under {', '.join(STRICT)}: fix them, they are never baselined")
            return 1
        old = read_baseline(options.baseline)
        counts = Counter(error.key for error in errors)
        write_baseline(options.baseline, counts)
        total, files = sum(counts.values()), len({file for file, _ in counts})
        added, gone = sum((counts - old).values()), sum((old - counts).values())
        print(f"{options.baseline.name}: {total} error(s) in {files} file(s); {added} added, {gone} gone")
        return 0
    new, unused = compare(errors, read_baseline(options.baseline))
    if unused:
        gone = sum(unused.values())
        print(f"{gone} baselined error(s) are gone: `make mypy-baseline` shrinks the baseline")
    if new:
        print("\n".join(map(str, new)))
        print(
            f"mypy: {len(new)} error(s) beyond {options.baseline.name} (every error of a file and code "
            f"that has more than the baseline allows, and every error under {', '.join(STRICT)})"
        )
        return 1
    print(f"mypy: no new errors ({len(errors)} baselined)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
