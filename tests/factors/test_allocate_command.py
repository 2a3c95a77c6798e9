"""`lantu allocate SCENARIO.json --json` prints the contract and refuses bad input with exit status 2."""

import json

import pytest
from django.core.management import call_command

SCENARIO = {
    "name": "命令行场景",
    "factors": [{"code": "land", "name": "新增建设用地", "unit": "亩"}],
    "quotas": [{"factor": "land", "region": "昌吉市", "year": 2026, "amount": 500.0}],
    "projects": [
        {
            "id": "P001",
            "name": "甲",
            "region": "昌吉市",
            "value": 12.5,
            "must": False,
            "divisible": False,
            "requires": [],
            "demands": [{"factor": "land", "year": 2026, "amount": 300.0}],
        },
        {
            "id": "P002",
            "name": "乙",
            "region": "昌吉市",
            "value": 8,
            "must": False,
            "divisible": False,
            "requires": ["P001"],
            "demands": [{"factor": "land", "year": 2026, "amount": 300.0}],
        },
    ],
}


def test_json_output_follows_the_contract(tmp_path, capsys):
    path = tmp_path / "s.json"
    path.write_text(json.dumps(SCENARIO, ensure_ascii=False), encoding="utf-8")
    call_command("allocate", str(path), "--json", "--gap", "0", "--time-limit", "10")
    out = json.loads(capsys.readouterr().out)
    assert {"status", "objective", "bound", "gap", "selected", "quotas", "excluded", "seconds"} <= set(out)
    assert out["status"] == "optimal"
    assert out["selected"] == [{"id": "P001", "share": 1.0}]
    assert out["quotas"] == [
        {"factor": "land", "region": "昌吉市", "year": 2026, "amount": 500.0, "used": 300.0, "binding": True}
    ]
    [excluded] = out["excluded"]
    assert excluded["id"] == "P002" and "缺100亩" in excluded["reason"]


@pytest.mark.parametrize(
    "content, message",
    [("{not json", "不是有效的 JSON"), (json.dumps({"factors": {}}), "factors：应为列表")],
)
def test_bad_input_exits_with_status_2_and_a_message(tmp_path, capsys, content, message):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(SystemExit) as exit_info:
        call_command("allocate", str(path), "--json")
    assert exit_info.value.code == 2
    assert message in capsys.readouterr().err
