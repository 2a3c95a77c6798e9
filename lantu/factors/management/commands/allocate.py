"""`lantu allocate SCENARIO.json --json`: solve a factor-allocation scenario (contract in issue 5)."""

import json
import sys

from django.core.management.base import BaseCommand

from lantu.core.allocation import CLOCKS
from lantu.core.allocation_io import ScenarioError, parse_scenario, result_to_json, scores_to_json
from lantu.core.allocation_solve import solve


class Command(BaseCommand):
    help = "Allocate factor quotas to projects; prints the result (JSON with --json)."

    def add_arguments(self, parser):
        parser.add_argument("scenario", help="scenario JSON file, or - for standard input")
        parser.add_argument("--json", action="store_true", help="print the result as JSON")
        parser.add_argument("--gap", type=float, default=0.001, help="relative MIP gap to stop at")
        parser.add_argument("--time-limit", type=float, default=60.0, help="seconds the solver may use")
        parser.add_argument(
            "--clock",
            choices=CLOCKS,
            default="wall",
            help="count the time limit as elapsed (wall) or processor (cpu) seconds",
        )

    def _fail(self, messages: list[str]) -> None:
        for message in messages:
            self.stderr.write(message)
        sys.exit(2)

    def handle(self, *args, **options):
        if not 0 <= options["gap"] < 1 or options["time_limit"] <= 0:
            self._fail(["--gap 应在 [0, 1) 内，--time-limit 应为正数"])
        try:
            if options["scenario"] == "-":
                data = json.load(sys.stdin)
            else:
                with open(options["scenario"], encoding="utf-8") as handle:
                    data = json.load(handle)
            scenario = parse_scenario(data)
        except OSError as error:
            self._fail([f"无法读取场景文件：{error}"])
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            self._fail([f"场景文件不是有效的 JSON：{error}"])
        except ScenarioError as error:
            self._fail(error.messages)
        result = solve(scenario, gap=options["gap"], time_limit=options["time_limit"], clock=options["clock"])
        output = result_to_json(result)
        if scenario.scores:
            output["scores"] = scores_to_json(scenario)
        if options["json"]:
            self.stdout.write(json.dumps(output, ensure_ascii=False, indent=2))
            return
        self.stdout.write(
            f"{scenario.name}: {result.status}（{output['optimality']}）, objective {output['objective']}, "
            f"gap {output['gap']}"
        )
        for item in output["selected"]:
            self.stdout.write(f"  + {item['id']} {item['share']:.2%}")
        for item in output["excluded"]:
            self.stdout.write(f"  - {item['id']} {item['reason']}")
        for item in output["conflicts"]:
            self.stdout.write(f"  ! {item['reason']}")
