"""A stand-in for GitHub's REST API on 127.0.0.1: the workflow-run and approvals endpoints the
approval gate reads, and the pull-request endpoints of the pull-request approval."""

from __future__ import annotations

import json
import re
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import parse_qs

from tests.localhttp import send_json, serve, stop


def user(login: str, kind: str = "User") -> dict[str, Any]:
    return {"login": login, "id": abs(hash(login)) % 10**6, "type": kind}


def approval(login: str, state: str = "approved", environment: str = "publish") -> dict[str, Any]:
    return {
        "environments": [{"id": 7, "name": environment}],
        "state": state,
        "user": user(login),
        "comment": f"{state} by {login}",
    }


class GitHubApi:
    """Answers GET /repos/{repo}/actions/runs/{id} and .../approvals from `runs`, and
    GET/POST/PATCH /repos/{repo}/pulls from `pulls`; records every request it saw."""

    def __init__(self, token: str = "ghs_test_token_0123456789") -> None:
        self.token = token
        self.runs: dict[str, dict[str, Any]] = {}
        self.approvals: dict[str, list[dict[str, Any]]] = {}
        self.pulls: list[dict[str, Any]] = []
        self.requests: list[dict[str, Any]] = []
        self.fail_with: int | None = None
        api = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def _reply(self, status: int, payload: Any) -> None:
                send_json(self, status, payload)

            def _handle(self, method: str) -> None:
                length = int(self.headers.get("Content-Length", 0) or 0)
                body = json.loads(self.rfile.read(length) or b"null") if length else None
                api.requests.append(
                    {
                        "method": method,
                        "path": self.path,
                        "json": body,
                        "authorization": self.headers.get("Authorization"),
                        "version": self.headers.get("X-GitHub-Api-Version"),
                    }
                )
                if api.fail_with:
                    return self._reply(api.fail_with, {"message": "stand-in failure"})
                if self.headers.get("Authorization") != f"Bearer {api.token}":
                    return self._reply(401, {"message": "Bad credentials"})
                self._reply(*api.route(method, self.path, body))

            def do_GET(self) -> None:
                self._handle("GET")

            def do_POST(self) -> None:
                self._handle("POST")

            def do_PATCH(self) -> None:
                self._handle("PATCH")

        self.server, self.url = serve(Handler)

    def route(self, method: str, path: str, body: Any) -> tuple[int, Any]:
        path, _, query = path.partition("?")
        if match := re.fullmatch(r"/repos/[^/]+/[^/]+/actions/runs/(\d+)", path):
            run = self.runs.get(match[1])
            return (200, run) if run else (404, {"message": "Not Found"})
        if match := re.fullmatch(r"/repos/[^/]+/[^/]+/actions/runs/(\d+)/approvals", path):
            if match[1] not in self.runs:
                return 404, {"message": "Not Found"}
            return 200, self.approvals.get(match[1], [])
        if re.fullmatch(r"/repos/[^/]+/[^/]+/pulls", path):
            if method == "GET":
                params = {k: v[0] for k, v in parse_qs(query).items()}
                found = [
                    pr
                    for pr in self.pulls
                    if pr["state"] == params.get("state", "open")
                    and (not params.get("head") or pr["head"]["label"] == params["head"])
                ]
                return 200, found
            if method == "POST":
                number = len(self.pulls) + 1
                owner = path.split("/")[2]
                pr = {
                    "number": number,
                    "state": "open",
                    "title": body["title"],
                    "body": body["body"],
                    "head": {"ref": body["head"], "label": f"{owner}:{body['head']}"},
                    "base": {"ref": body["base"]},
                    "html_url": f"https://github.example/pull/{number}",
                    "user": user("github-actions[bot]", "Bot"),
                    "merged_at": None,
                    "merged_by": None,
                    "commits": [],
                }
                self.pulls.append(pr)
                return 201, pr
        if match := re.fullmatch(r"/repos/[^/]+/[^/]+/pulls/(\d+)", path):
            if not 0 < int(match[1]) <= len(self.pulls):
                return 404, {"message": "Not Found"}
            pr = self.pulls[int(match[1]) - 1]
            if method == "PATCH":
                pr.update({k: v for k, v in body.items() if k in ("title", "body")})
            return 200, pr
        if match := re.fullmatch(r"/repos/[^/]+/[^/]+/commits/([0-9a-f]{40})/pulls", path):
            return 200, [pr for pr in self.pulls if match[1] in pr.get("commits", ())]
        return 404, {"message": "Not Found"}

    def merge(self, number: int, by: dict[str, Any], commits: list[str]) -> None:
        """A person merges pull request `number`, whose branch holds `commits`."""
        pr = self.pulls[number - 1]
        pr.update(state="closed", merged_at="2026-12-02T10:00:00Z", merged_by=by, commits=commits)

    def close(self) -> None:
        stop(self.server)
