"""`pipeline preview` serves dist/ on 127.0.0.1 and stops on Ctrl-C."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import urllib.request

from pipeline.build import build
from pipeline.preview import make_server
from tests.conftest import TEMPLATES


def test_server_serves_the_build(sample_content, tmp_path):
    dist = tmp_path / "dist"
    build(sample_content, dist, TEMPLATES, tmp_path / "ledger.jsonl")
    server = make_server(dist, 0)
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
    )
    thread.start()
    try:
        host, port = server.server_address[:2]
        assert host == "127.0.0.1"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/rss.xml") as response:
            assert response.headers["Content-Type"] == "application/xml; charset=utf-8"
            assert response.read() == (dist / "rss.xml").read_bytes()
    finally:
        server.shutdown()
        server.server_close()


def test_preview_command_prints_the_url_and_stops_on_ctrl_c(sample_content, tmp_path):
    dist = tmp_path / "dist"
    build(sample_content, dist, TEMPLATES, tmp_path / "ledger.jsonl")
    process = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "preview", "--dist", str(dist), "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )  # fmt: skip
    try:
        line = process.stdout.readline()
        url = re.search(r"http://127\.0\.0\.1:\d+/", line).group(0)
        with urllib.request.urlopen(url + "manifest.json") as response:
            assert response.status == 200
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=10) == 0
    finally:
        process.kill()


def test_preview_without_a_build_says_so(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", "preview", "--dist", str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert "manifest.json not found; run `pipeline build` first" in result.stderr
