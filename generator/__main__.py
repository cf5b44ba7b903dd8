"""`python -m generator {build,serve,check}`.

Exit codes: 0 done (warnings allowed), 1 errors (or any warning with --strict), 2 bad usage.
The options of every command are declared once, in `generator.adapter.options`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from generator import __version__
from generator.adapter.options import add_arguments
from generator.errors import GeneratorError

_BUILD_EPILOG = """\
examples:
  python -m generator build                       # vault/ -> site/, with ./mkdocs.yml if present
  python -m generator build --vault ~/Notes --site-dir ~/notes-site
  python -m generator build --strict --no-bench   # CI: fail on any warning, measure nothing

exit codes:
  0  the site is written (warnings such as unresolved links or invalid YAML allowed)
  1  errors: a computed block, base or canvas that cannot be evaluated, a page that cannot be
     rendered (the site is still written, with error boxes in place); with --strict, any warning
     (then nothing is published); a failed MkDocs build (the previous site is kept)
  2  bad usage (missing vault, bad option in mkdocs.yml, unknown flag)
"""

_SERVE_EPILOG = """\
examples:
  python -m generator serve                       # http://127.0.0.1:8000, rebuilt on every save
  python -m generator serve --vault ~/Notes --dev-addr 0.0.0.0:8080 --poll

exit codes:
  0  stopped with Ctrl-C
  1  the first build failed (later failures are reported; the last good site stays served)
  2  bad usage (missing vault, bad option in mkdocs.yml, bad --dev-addr)
"""

_CHECK_EPILOG = """\
examples:
  python -m generator check                       # vault/ (or the docs_dir of ./mkdocs.yml)
  python -m generator check --vault ~/Notes --strict

exit codes:
  0  no errors (warnings allowed)
  1  errors (broken links, missing attachments, ...); with --strict, any warning too
  2  bad usage (missing vault, bad option in mkdocs.yml)
"""


def main_parser(prog: str | None = None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=prog or "python -m generator",
        description="Publish an Obsidian vault as an MkDocs Material site.",
        epilog="`python -m generator COMMAND --help` shows a command's options, examples and exit codes.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    commands = (
        ("build", "build the site from the vault", "Build the site from the vault.", _BUILD_EPILOG),
        (
            "serve",
            "build, serve on localhost and rebuild on every saved note",
            "Build, serve on localhost, rebuild on every saved note and reload the browser.",
            _SERVE_EPILOG,
        ),
        (
            "check",
            "report broken links, missing attachments, embed cycles, bad properties and blocks",
            "Report every problem in the vault as file:line: message, sorted.",
            _CHECK_EPILOG,
        ),
    )
    for name, summary, description, epilog in commands:
        command = sub.add_parser(
            name,
            help=summary,
            description=description,
            epilog=epilog,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        add_arguments(command, name)
    return parser


def main(cli_args: Sequence[str] | None = None, prog: str | None = None) -> int:
    parser = main_parser(prog)
    args = parser.parse_args(cli_args)
    try:
        if args.command == "check":
            from generator.commands.check import run_check

            return run_check(args)
        if args.command == "build":
            from generator.commands.build import run_build

            return run_build(args)
        from generator.commands.serve import run_serve

        return run_serve(args)
    except GeneratorError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def entrypoint() -> None:
    sys.exit(main())


if __name__ == "__main__":
    entrypoint()
