"""`make serve`: the production processes, dagster-webserver and dagster-daemon, on one host.

Unlike `make demo`/`make dev` it starts no sample mirror (sources come from the real public
hosts; a `PILOT_SOURCE_MIRROR` left in the environment is refused) and writes nothing into
`DAGSTER_HOME`: the instance config found there (e.g. deploy/dagster.postgres.yaml, copied by
you) is used as it is. The Docker image runs the same two commands as separate containers
(docker-compose.yml); `python -m pilot_pipeline.serve --print` lists them.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from pilot_pipeline import REPO_DIR

WORKSPACE = REPO_DIR / "workspace.yaml"


def commands(host: str, port: int) -> dict[str, list[str]]:
    """The webserver's and the daemon's command lines (console scripts next to this Python)."""
    bindir = Path(sys.executable).parent
    return {
        "webserver": [str(bindir / "dagster-webserver"), "-w", str(WORKSPACE),
                      "-h", host, "-p", str(port)],
        "daemon": [str(bindir / "dagster-daemon"), "run", "-w", str(WORKSPACE)],
    }  # fmt: skip


def problems(environ: dict[str, str]) -> list[str]:
    """What keeps this environment from being a production one."""
    found = []
    home = environ.get("DAGSTER_HOME")
    if not home:
        found.append("DAGSTER_HOME is not set: point it at the instance folder (docs/operating.md)")
    elif not (Path(home) / "dagster.yaml").is_file():
        found.append(f"{home}/dagster.yaml is missing: copy deploy/dagster.postgres.yaml there")
    if environ.get("PILOT_SOURCE_MIRROR"):
        found.append("PILOT_SOURCE_MIRROR is set: production reads the real public hosts")
    if not environ.get("PILOT_WAREHOUSE_URL"):
        found.append("PILOT_WAREHOUSE_URL is not set (the default is a local DuckDB file)")
    return found


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default=os.environ.get("PILOT_SERVE_HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("PILOT_SERVE_PORT", "3000")))
    parser.add_argument("--print", action="store_true", help="print the commands and exit")
    args = parser.parse_args(argv)
    found = problems(dict(os.environ))
    for line in found:
        print(f"serve: {line}", file=sys.stderr)
    if any("PILOT_WAREHOUSE_URL" not in line for line in found):
        return 2
    cmds = commands(args.host, args.port)
    if args.print:
        for name, cmd in cmds.items():
            print(f"{name}: {' '.join(cmd)}")
        return 0
    signal.signal(signal.SIGTERM, _interrupt)  # stop both children, as Ctrl-C does
    procs = {
        name: subprocess.Popen(cmd, cwd=REPO_DIR, start_new_session=True)
        for name, cmd in cmds.items()
    }
    print(f"serve: UI on http://{args.host}:{args.port}, daemon running", flush=True)
    code = 0
    try:
        while all(p.poll() is None for p in procs.values()):
            time.sleep(1)
        code = next(p.returncode for p in procs.values() if p.poll() is not None) or 1
    except KeyboardInterrupt:
        pass
    finally:
        for proc in procs.values():
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in procs.values():
            proc.wait(timeout=30)
    return code


if __name__ == "__main__":
    sys.exit(main())
