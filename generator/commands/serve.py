"""`python -m generator serve`: build, serve on localhost, rebuild on every saved note, reload the browser."""

from __future__ import annotations

import argparse
import sys

from rich.console import Console

from generator.adapter.config import ConfigError, settings_from_args
from generator.adapter.serve import DevServer, parse_address
from generator.errors import GeneratorError


def run_serve(args: argparse.Namespace) -> int:
    """The `serve` command: runs until interrupted (Ctrl-C); 1 if the first build fails, 2 on bad usage."""
    try:
        settings = settings_from_args(args)
        host, port = parse_address(args.dev_addr)
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    console = Console(stderr=True, highlight=False)
    server = DevServer(settings, host, port, console, poll=bool(getattr(args, "poll", False)))
    try:
        thread = server.start()
        console.print(f"serving {settings.vault} on {server.url} (Ctrl-C to stop)", markup=False)
        while thread.is_alive():
            thread.join(0.5)
    except GeneratorError as exc:
        console.print(f"error: {exc}", markup=False)
        return 1
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    return 0
