"""The benchmark script runs end to end at a tiny size (its figures are not judged here: timing flakes)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).parent / "perf" / "bench.py"
REQUIRED = {
    "startup_first_frame",
    "key_down_frame",
    "page_down_frame",
    "search_1char",
    "search_2char",
    "search_3char",
    "timeline_open",
    "peak_rss",
    "write_signed",
    "verify_ms_per_100k_events",
    "verify_process_peak_rss",
    "cli_customers_search",
    "cli_verify_head",
    "cli_log",
    "tui_filter",
    "deal_open",
    "deals_list_500",
    "memo_render",
    "timeline_10k_first_page",
    "today_queue_5000",
    "today_queue_5000_all",
    "cli_today_json",
}


def test_benchmark_runs_at_a_tiny_size_and_writes_every_metric(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    result = subprocess.run(
        [
            sys.executable,
            str(BENCH),
            "--customers",
            "200",
            "--interactions",
            "2000",
            "--runs",
            "2",
            "--db",
            str(tmp_path / "bench.db"),
            "--json",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    metrics = json.loads(out.read_text())
    assert REQUIRED <= {metric["name"] for metric in metrics}
    for metric in metrics:
        assert set(metric) == {"name", "value", "unit", "floor", "ratio", "target", "meets"}
        assert isinstance(metric["value"], int | float) and metric["value"] >= 0
        if metric["target"] is not None:
            assert isinstance(metric["meets"], bool)
