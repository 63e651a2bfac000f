"""The ``shiproute`` command: check the distances articles claim between places.

Thin by design: parse options, call the library (``geo``, ``maps``), format, set the exit code.
Exit codes, like a linter: 0 ran and every claim holds, 1 a claim is refuted or ambiguous,
2 bad input or usage. Library errors become one line on stderr (``--debug`` shows a traceback).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import click

from geo.errors import ShiprouteError

EXIT_OK, EXIT_CLAIM_FAILS, EXIT_BAD_INPUT, EXIT_INTERNAL = 0, 1, 2, 3


class ShiprouteGroup(click.Group):
    """Turns library errors into one clear line and exit code 2, at the boundary only."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ShiprouteError as exc:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            click.echo(f"Error: {exc}", err=True)
            ctx.exit(EXIT_BAD_INPUT)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except KeyboardInterrupt:
            click.echo("Interrupted.", err=True)
            ctx.exit(130)
        except Exception as exc:  # a bug of ours: still no traceback unless asked for
            if ctx.obj and ctx.obj.get("debug"):
                raise
            click.echo(
                f"Internal error: {type(exc).__name__}: {exc}. Run again with --debug for a traceback "
                "and report it.",
                err=True,
            )
            ctx.exit(EXIT_INTERNAL)


def format_option(*choices: str, default: str = "text") -> Callable:
    return click.option(
        "--format", "fmt", type=click.Choice(choices), default=default, show_default=True,
        help="Output format: text for people, json/geojson for programs.",
    )


units_option = click.option(
    "--units", type=click.Choice(["km", "mi", "nmi"]), default="km", show_default=True,
    help="Units for lengths in text output (JSON always carries km, mi and nmi where relevant).",
)
sea_option = click.option(
    "--sea/--no-sea", default=True, show_default=True,
    help="Also measure the distance by sea (land-aware route).",
)
avoid_option = click.option(
    "--avoid", default="", metavar="PASSAGES",
    help="Comma-separated passages the sea route must not use, e.g. 'suez,panama'.",
)


def _avoid_list(avoid: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in avoid.split(",") if p.strip())


def _style(text: str, **kwargs: Any) -> str:
    return click.style(text, **kwargs)


def _emit(text: str, output: str | None) -> None:
    """Print ``text`` or write it atomically to ``output``."""
    if output in (None, "-"):
        click.echo(text, nl=not text.endswith("\n"))
    else:
        from geo.fileio import write_atomic

        write_atomic(output, text)
        click.echo(f"Wrote {output}", err=True)


def _exit_for(statuses: Iterable[str | None]) -> int:
    return EXIT_CLAIM_FAILS if any(s in ("refuted", "ambiguous") for s in statuses) else EXIT_OK


@click.group(cls=ShiprouteGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="shiproute")
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Check the distances news articles claim between places, offline.

    \b
    Examples:
      shiproute check Najin Dunay --claim "approximately 180 kilometers"
      shiproute resolve 나진 KPNJN "42°14′N 130°18′E" "Tripoli, Lebanon"
      shiproute distance Odesa Istanbul --units nmi
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


@main.command()
@click.argument("names", nargs=-1, required=True)
@click.option("--context", "context_file", type=click.Path(dir_okay=False, allow_dash=True),
              help="An article (file or '-') whose countries and places help choose among namesakes.")
@click.option("--limit", default=5, show_default=True, help="Candidates to list per name.")
@format_option("text", "json")
def resolve(names: tuple[str, ...], context_file: str | None, limit: int, fmt: str) -> None:
    """Resolve place NAMES (names in any script, UN/LOCODEs, or coordinates)."""
    from geo.places import resolve as resolve_name

    context = _read_text(context_file) if context_file else None
    results = [resolve_name(name, context, limit=limit) for name in names]
    if fmt == "json":
        from geo.present import to_json

        _emit(to_json([r.to_dict() for r in results]), None)
    else:
        from geo.present import resolution_text

        click.echo("\n".join(resolution_text(r, limit=limit) for r in results))


@main.command()
@click.argument("a")
@click.argument("b")
@units_option
@format_option("text", "json", "geojson")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to this file instead of stdout.")
def distance(a: str, b: str, units: str, fmt: str, output: str | None) -> None:
    """Geodesic (WGS84) distance and bearings between places A and B."""
    from geo.geodesy import measure, path_feature
    from geo.pair import resolve_pair
    from geo.present import to_json

    place_a, place_b, res_a, res_b = resolve_pair(a, b)
    measures = measure(place_a, place_b)
    if fmt == "geojson":
        _emit(to_json(path_feature(place_a, place_b)), output)
    elif fmt == "json":
        from geo.units import from_km

        payload = {
            "a": place_a.to_dict(),
            "b": place_b.to_dict(),
            **measures.to_dict(),
            "geodesic_mi": round(from_km(measures.geodesic_km, "mi"), 3),
            "geodesic_nmi": round(from_km(measures.geodesic_km, "nmi"), 3),
        }
        _emit(to_json(payload), output)
    else:
        from geo.present import pair_text
        from geo.types import PairCheck

        check = PairCheck(a=place_a, b=place_b, measures=measures, resolution_a=res_a, resolution_b=res_b)
        _emit(pair_text(check, units=units, style=_style) + "\n", output)


@main.command()
@click.argument("a")
@click.argument("b")
@click.option("--claim", required=True, help="The distance as the article states it, e.g. 'approximately 180 kilometers'.")
@sea_option
@avoid_option
@units_option
@format_option("text", "json")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to this file instead of stdout.")
@click.pass_context
def check(ctx: click.Context, a: str, b: str, claim: str, sea: bool, avoid: str, units: str, fmt: str,
          output: str | None) -> None:
    """Check a claimed distance between places A and B."""
    from geo.pair import check_pair
    from geo.present import pair_text, to_json

    result = check_pair(a, b, claim, sea=sea, avoid=_avoid_list(avoid))
    if fmt == "json":
        _emit(to_json(result.to_dict()), output)
    else:
        _emit(pair_text(result, units=units, style=_style) + "\n", output)
    ctx.exit(_exit_for([result.verdict.status if result.verdict else None]))


@main.command()
@click.argument("source")
@sea_option
@avoid_option
@units_option
@format_option("text", "json", "markdown")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the report to this file.")
@click.pass_context
def article(ctx: click.Context, source: str, sea: bool, avoid: str, units: str, fmt: str,
            output: str | None) -> None:
    """Check every distance an article claims between places.

    SOURCE is a text or HTML file, '-' for standard input, or an http(s) URL (fetched only then).
    """
    from geo.article import check_article, load_article
    from geo.present import article_markdown, article_text, to_json

    stdin_text = click.get_text_stream("stdin").read() if source == "-" else None
    report = check_article(load_article(source, stdin_text=stdin_text), sea=sea, avoid=_avoid_list(avoid))
    if fmt == "json":
        _emit(to_json(report.to_dict()), output)
    elif fmt == "markdown":
        _emit(article_markdown(report), output)
    else:
        _emit(article_text(report, units=units, style=_style) + "\n", output)
    ctx.exit(_exit_for(report.statuses))


def _read_text(path: str) -> str:
    """Read a text file or standard input ('-') with a clear error for unusable input."""
    from geo.errors import BadInput

    if path == "-":
        return click.get_text_stream("stdin").read()
    file = Path(path)
    if not file.is_file():
        raise BadInput(f"no such file: {path!r}")
    raw = file.read_bytes()
    if b"\x00" in raw[:8192]:
        raise BadInput(f"{path!r} looks like a binary file, not text; give a plain-text or HTML article")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadInput(f"{path!r} is not UTF-8 text ({exc.reason} at byte {exc.start}); convert it to UTF-8") from None


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
