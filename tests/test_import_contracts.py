"""The import-linter contracts name every Lantu package, so a new app cannot slip past its layer."""

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _packages() -> set[str]:
    lantu = ROOT / "lantu"
    packages = {f"lantu.{p.name}" for p in lantu.iterdir() if (p / "__init__.py").exists()}
    return packages | {f"lantu.{p.stem}" for p in lantu.glob("*.py") if p.stem != "__init__"}


def _contract(kind: str) -> dict:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return next(c for c in config["tool"]["importlinter"]["contracts"] if c["type"] == kind)


def test_every_app_sits_on_a_layer():
    layers = _contract("layers")["layers"]
    layered = {name.strip(" ()") for layer in layers for name in layer.replace(":", "|").split("|")}
    missing = _packages() - layered - {"lantu.cli"}
    assert not missing, f"add these packages to a layer in pyproject.toml: {sorted(missing)}"


def test_core_is_forbidden_every_other_lantu_package():
    forbidden = set(_contract("forbidden")["forbidden_modules"])
    missing = _packages() - forbidden - {"lantu.core"}
    assert not missing, f"forbid lantu.core to import these packages in pyproject.toml: {sorted(missing)}"


def test_the_import_contracts_are_kept():
    lint = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run([str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
