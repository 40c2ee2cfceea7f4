"""costgate.yml `pricing.mode` and `pricing.cache_ttl_days` are read, not only validated.

Run through the installed console script against a GCP Cloud Billing stand-in on 127.0.0.1: the
config's mode decides whether the live source is asked at all, and its TTL whether a second run
reads the SKU list again or answers from the cache.
"""

import json
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.helpers import FIXTURES, change, plan_document

SCRIPT = Path(sys.executable).parent / "costgate"
SKUS = json.loads((FIXTURES / "pricing" / "gcp-Compute_Engine-skus.json").read_text())


@pytest.fixture
def billing():
    """Serves the Compute Engine SKU list; counts the requests for it."""
    requests: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            requests.append(self.path)
            body = json.dumps(SKUS if "/services/6F81-5844-456A/skus" in self.path else {"skus": []}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/v1", requests
    server.shutdown()
    server.server_close()


def run(tmp_path: Path, base_url: str, pricing: str, *extra: str) -> subprocess.CompletedProcess:
    plan = tmp_path / "plan.json"
    instance = {"machine_type": "n2-standard-2", "zone": "us-central1-a", "boot_disk": [], "scheduling": []}
    plan.write_text(json.dumps(plan_document(change("google_compute_instance", instance), provider="google")))
    config = tmp_path / "costgate.yml"
    config.write_text(f"pricing: {pricing}\n")
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "COSTGATE_CACHE_DIR": str(tmp_path / "cache"),
        "GOOGLE_API_KEY": "test-key-not-a-secret",
        "COSTGATE_GCP_PRICING_URL": base_url,
        "AWS_EC2_METADATA_DISABLED": "true",
        "NO_PROXY": "127.0.0.1",
    }
    command = [str(SCRIPT), "check", str(plan), "--config", str(config), "--format", "json", *extra]
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=120, check=False)


def test_the_config_mode_auto_asks_the_live_source(tmp_path, billing):
    base_url, requests = billing
    first = run(tmp_path, base_url, "{mode: auto}")
    assert first.returncode == 0, first.stderr
    assert len(requests) == 1  # the SKU list, read once for the run
    sources = {c["price_source"] for r in json.loads(first.stdout)["resources"] for c in r["components"]}
    assert "gcp cloud billing catalog" in sources
    # --pricing beats the config: embedded asks nobody
    again = run(tmp_path, base_url, "{mode: auto}", "--pricing", "embedded")
    assert again.returncode == 0, again.stderr
    assert len(requests) == 1


def test_without_a_mode_the_catalog_alone_is_used(tmp_path, billing):
    base_url, requests = billing
    result = run(tmp_path, base_url, "{cache_ttl_days: 7}")
    assert result.returncode == 0, result.stderr
    assert requests == []


def test_the_cache_ttl_decides_whether_a_second_run_asks_again(tmp_path, billing):
    base_url, requests = billing
    for _ in range(2):
        assert run(tmp_path, base_url, "{mode: auto, cache_ttl_days: 7}").returncode == 0
    assert len(requests) == 1  # the second run answers from the cache
    for _ in range(2):
        assert run(tmp_path, base_url, "{mode: auto, cache_ttl_days: 0}").returncode == 0
    assert len(requests) == 3  # a TTL of 0 days keeps nothing: each run reads the SKU list again
