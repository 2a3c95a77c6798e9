"""scripts/mypy_baseline.py: new mypy errors fail, known ones (wherever they move) do not."""

import importlib.util
from collections import Counter
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "mypy_baseline.py"
spec = importlib.util.spec_from_file_location("mypy_baseline", SCRIPT)
assert spec and spec.loader
mypy_baseline = importlib.util.module_from_spec(spec)
spec.loader.exec_module(mypy_baseline)
Error = mypy_baseline.Error


def _error(path="lantu/plans/models.py", line=10, code="attr-defined", message="no attribute"):
    return Error(path, line, code, message)


def test_a_known_error_that_moved_to_another_line_is_tolerated():
    baseline = Counter({("lantu/plans/models.py", "attr-defined"): 1})
    new, unused = mypy_baseline.compare([_error(line=99)], baseline)
    assert new == [] and not unused


def test_a_second_error_of_a_baselined_code_fails_and_shows_both():
    baseline = Counter({("lantu/plans/models.py", "attr-defined"): 1})
    errors = [_error(line=10), _error(line=20, message="another")]
    new, _ = mypy_baseline.compare(errors, baseline)
    assert new == errors


def test_an_error_of_another_code_in_a_baselined_file_fails():
    baseline = Counter({("lantu/plans/models.py", "attr-defined"): 1})
    new, _ = mypy_baseline.compare([_error(), _error(code="arg-type")], baseline)
    assert [error.code for error in new] == ["arg-type"]


@pytest.mark.parametrize("path", ["lantu/core/periods.py", "lantu/lib/charts.py"])
def test_an_error_under_core_or_lib_fails_even_when_baselined(path):
    baseline = Counter({(path, "arg-type"): 5})
    new, _ = mypy_baseline.compare([_error(path=path, code="arg-type")], baseline)
    assert len(new) == 1


def test_fixed_errors_are_reported_as_room_to_shrink():
    baseline = Counter({("lantu/plans/models.py", "attr-defined"): 3, ("lantu/gone.py", "misc"): 1})
    new, unused = mypy_baseline.compare([_error()], baseline)
    assert new == []
    assert unused == Counter({("lantu/plans/models.py", "attr-defined"): 2, ("lantu/gone.py", "misc"): 1})


def test_the_baseline_file_round_trips(tmp_path):
    path = tmp_path / "baseline.txt"
    counts = Counter({("lantu/b.py", "misc"): 2, ("lantu/a.py", "index"): 1})
    mypy_baseline.write_baseline(path, counts)
    assert mypy_baseline.read_baseline(path) == counts
    lines = [line for line in path.read_text().splitlines() if not line.startswith("#")]
    assert lines == sorted(lines)


def test_a_malformed_baseline_line_is_refused(tmp_path):
    path = tmp_path / "baseline.txt"
    path.write_text("lantu/a.py misc two\n")
    with pytest.raises(SystemExit, match="baseline.txt:1"):
        mypy_baseline.read_baseline(path)


def test_update_refuses_to_baseline_errors_under_core(tmp_path, monkeypatch):
    path = tmp_path / "baseline.txt"
    monkeypatch.setattr(mypy_baseline, "run_mypy", lambda args: [_error(path="lantu/core/status.py")])
    assert mypy_baseline.main(["--update", "--baseline", str(path)]) == 1
    assert not path.exists()


def test_update_then_check_passes_and_a_new_error_then_fails(tmp_path, monkeypatch):
    path = tmp_path / "baseline.txt"
    errors = [_error(), _error(path="lantu/demo/sync.py", code="misc")]
    monkeypatch.setattr(mypy_baseline, "run_mypy", lambda args: errors)
    assert mypy_baseline.main(["--update", "--baseline", str(path)]) == 0
    assert mypy_baseline.main(["--baseline", str(path)]) == 0
    errors.append(_error(path="lantu/demo/sync.py", code="misc", line=3))
    assert mypy_baseline.main(["--baseline", str(path)]) == 1
