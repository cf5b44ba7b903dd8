"""`python -m generator {build,serve,check}`.

Exit codes: 0 done (warnings allowed), 1 errors (or any warning with --strict), 2 bad usage.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from generator import __version__
from generator.errors import GeneratorError


def main_parser(prog: str | None = None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=prog or "python -m generator",
        description="Publish an Obsidian vault as an MkDocs Material site.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = sub.add_parser(
        "build", help="build the site from the vault", description="Build the site from the vault."
    )
    _add_build_options(build)
    build.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=None,
        help="processes to share MkDocs' page work among (default: one per CPU; 1: MkDocs' own build)",
    )

    serve = sub.add_parser(
        "serve",
        help="build, serve on localhost and rebuild on every saved note",
        description="Build, serve on localhost, rebuild on every saved note and reload the browser.",
    )
    _add_build_options(serve)
    serve.add_argument(
        "--dev-addr", default="127.0.0.1:8000", help="address to serve on (default: %(default)s)"
    )
    serve.add_argument(
        "--poll",
        action="store_true",
        help="look for changes every 0.25 s instead of using the system's file events "
        "(for vaults on network drives or shared folders of a virtual machine)",
    )

    check = sub.add_parser(
        "check",
        help="report broken links, missing attachments, embed cycles, bad properties and blocks",
        description="Report every problem in the vault as file:line: message, sorted.",
    )
    check.add_argument("--vault", default="vault", help="the vault folder (default: %(default)s)")
    check.add_argument("--config", default=None, help="mkdocs.yml whose plugin settings (excludes) apply")
    check.add_argument("--strict", action="store_true", help="exit 1 on any warning too")
    return parser


def _add_build_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--vault", default=None, help="the vault folder (default: vault/, or the config's)")
    p.add_argument(
        "--config", default=None, help="an mkdocs.yml (default: ./mkdocs.yml if present, else built-in)"
    )
    p.add_argument("--site-dir", default=None, help="where the site goes (default: site/)")
    p.add_argument(
        "--build-dir",
        default=None,
        help="where the generated docs and caches go, kept between builds (default: .generator/ beside the config)",
    )
    p.add_argument("--strict", action="store_true", help="exit 1 on any warning")
    p.add_argument("--no-bench", action="store_true", help="use committed benchmark results; measure nothing")
    p.add_argument(
        "--device", default=None, help="device for computed blocks: cpu or cuda (default: cuda if available)"
    )
    p.add_argument(
        "--portable-docs",
        action="store_true",
        help="write generated docs that any MkDocs builds without the generator (links as markdown "
        "links, backlinks and alias redirects in the docs); slower",
    )
    p.add_argument("-q", "--quiet", action="store_true", help="print only warnings, errors and the summary")


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
