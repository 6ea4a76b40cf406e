"""`make dev`: the Dagster UI over the sample mirror, on the instance `make demo` uses.

Starts the mirror on 127.0.0.1 (port `PILOT_MIRROR_PORT`, default 8765) and `dagster dev`
with `PILOT_SOURCE_MIRROR` pointing at it, so materializing from the UI works offline. The
instance is the demo's (`PILOT_DEMO_HOME`, default `./.dagster_home`), never `DAGSTER_HOME`:
its schedule refreshes synthetic data. Production is `make serve` (pilot_pipeline/serve.py).
"""

from __future__ import annotations

import os
import subprocess
import sys

from pilot_pipeline import REPO_DIR
from pilot_pipeline_dev import use_sample_inbox
from pilot_pipeline_dev.demo import demo_home, prepare_instance
from pilot_pipeline_dev.mirror.server import MirrorServer


def main() -> None:
    prepare_instance(demo_home())
    os.environ.setdefault("PILOT_RAW_ARCHIVE", str(REPO_DIR / "data" / "raw"))
    use_sample_inbox()
    port = int(os.environ.get("PILOT_MIRROR_PORT", "8765"))
    with MirrorServer(port=port) as mirror:
        os.environ["PILOT_SOURCE_MIRROR"] = mirror.url
        print(f"sample mirror serving on {mirror.url}", flush=True)
        command = [sys.executable, "-m", "dagster", "dev", "-w", str(REPO_DIR / "workspace.yaml")]
        try:
            code = subprocess.call(command + ["-h", "127.0.0.1"], cwd=REPO_DIR)
        except KeyboardInterrupt:
            code = 0
    sys.exit(code)


if __name__ == "__main__":
    main()
