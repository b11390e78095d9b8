"""Figures drawn once: a figure's PNG, cached under the figure's own content.

Laying out, drawing and encoding a figure is most of what it costs; a report rebuilt on unchanged data, or a notebook
run again in JupyterLab, need not draw an unchanged figure again. The key is a digest of everything the PNG depends on:

- the figure's state as matplotlib pickles it (every artist with its values, colours, texts and images), less the
  bookkeeping that differs from one process to the next (the ids under which a transform keeps its parents, the
  figure's number in pyplot);
- the code that state refers to: matplotlib, numpy, pandas and the standard library through their versions, the
  library's own modules through their files' digests (for a function of the library, the modules of the library's
  functions it calls too);
- how it is drawn: the dpi, the tight box, matplotlib's settings (rcParams) and fonts, the locale's time names,
  the versions of matplotlib, FreeType, Pillow, numpy and pandas.

A figure that refers to code from anywhere else (a function or a class written in a notebook, or in a package whose
version is not in the key), or that calls a function connected to its canvas as it is drawn, has no key: it is drawn
every time. The state is pickled only to be hashed; nothing is ever
unpickled, and what is stored is the PNG, checked chunk by chunk when read back.
"""
from __future__ import annotations

import hashlib
import io
import json
import locale
import pickle
import struct
import sys
import zlib
from pathlib import Path
from types import BuiltinFunctionType, CodeType, FunctionType, ModuleType

import matplotlib
from matplotlib import font_manager, ft2font
from matplotlib.figure import Figure
from matplotlib.transforms import TransformNode

from . import cache

LAYER = "figure"
PNG_NAME = "figure.png"
# Top-level packages whose code a figure may refer to: their versions are in the key.
VERSIONED = ("matplotlib", "numpy", "pandas", "pillow")
TRUSTED = frozenset({"builtins", "collections", "copyreg", "datetime", "functools", "itertools", "operator",
                     "_operator", "matplotlib", "mpl_toolkits", "numpy", "pandas", "PIL"})
OWN = "analysis"
# Events sent to functions a user connects to the canvas while the figure is drawn.
DRAWING_SIGNALS = ("draw_event", "resize_event")
# Pickled state that says where an object sits in this process, not what it draws.
BOOKKEEPING = {TransformNode: ("_parents",), Figure: ("_number", "_restore_to_pylab")}


class Unkeyable(Exception):
    """The figure refers to code whose content the key cannot cover."""


class _Digest:
    """A file-like sink that hashes what the pickler writes instead of keeping it."""

    def __init__(self) -> None:
        self.hash = hashlib.sha256()

    def write(self, data) -> None:
        self.hash.update(data)


class _StatePickler(pickle.Pickler):
    """Pickles a figure for its digest: refuses code it cannot vouch for, records the library modules it refers
    to, and leaves out the per-process bookkeeping (BOOKKEEPING)."""

    def __init__(self, sink: _Digest) -> None:
        super().__init__(sink, protocol=5)
        self.own_modules: set[str] = set()

    def reducer_override(self, obj):
        if isinstance(obj, (type, FunctionType, BuiltinFunctionType)):
            self._vouch(obj)
            if isinstance(obj, FunctionType) and obj.__module__.partition(".")[0] == OWN:
                # by name, with what it captured (a lambda or a closure of the library cannot be pickled by name),
                # and the library modules of what it calls by name
                self.own_modules |= _own_modules_reached(obj)
                closure = tuple(cell.cell_contents for cell in obj.__closure__ or ())
                return tuple, ((obj.__module__, obj.__qualname__, obj.__defaults__, obj.__kwdefaults__, closure),)
            return NotImplemented
        for kind, names in BOOKKEEPING.items():
            if isinstance(obj, kind):
                state = {k: v for k, v in obj.__getstate__().items() if k not in names}
                return tuple, (f"{type(obj).__module__}.{type(obj).__qualname__}",), None, None, iter(state.items())
        return NotImplemented

    def _vouch(self, obj) -> None:
        owner = getattr(obj, "__self__", None)
        if isinstance(obj, BuiltinFunctionType) and owner is not None and not isinstance(owner, ModuleType):
            return  # a method of a built-in object (list.remove): the object is pickled, and vouched for, itself
        module = getattr(obj, "__module__", None) or ("builtins" if isinstance(obj, BuiltinFunctionType) else "")
        root = module.partition(".")[0]
        if root == OWN:
            self.own_modules.add(module)
        elif root not in TRUSTED:
            raise Unkeyable(f"{module}.{getattr(obj, '__qualname__', type(obj).__name__)}")


def _own_modules_reached(func: FunctionType) -> set[str]:
    """The library modules of `func` and of the library's functions, classes and modules it names, transitively."""
    found: set[str] = set()
    seen: set[int] = set()
    todo = [func]
    while todo:
        f = todo.pop()
        if id(f) in seen:
            continue
        seen.add(id(f))
        found.add(f.__module__)
        codes = [f.__code__]
        names: set[str] = set()
        while codes:  # the function's code and the code of what it defines (lambdas, comprehensions)
            code = codes.pop()
            names.update(code.co_names)
            codes += [c for c in code.co_consts if isinstance(c, CodeType)]
        for name in names:
            value = f.__globals__.get(name)
            module = value.__name__ if isinstance(value, ModuleType) else getattr(value, "__module__", None)
            if not isinstance(module, str) or module.partition(".")[0] != OWN:
                continue
            if isinstance(value, FunctionType):
                todo.append(value)
            else:
                found.add(module)
    return found


def figure_key(fig: Figure, *, dpi: float) -> str | None:
    """The key of `fig` drawn at `dpi` in a tight box, or None when it has none (see the module's docstring)."""
    if any(fig.canvas.callbacks.callbacks.get(signal) for signal in DRAWING_SIGNALS):
        return None  # a function called as the figure is drawn may change it, and is not in its pickled state
    sink = _Digest()
    pickler = _StatePickler(sink)
    try:
        pickler.dump(fig)
    except Exception:  # noqa: BLE001 - whatever keeps a figure from being pickled, it is simply drawn
        return None
    own = {name: cache.file_digest(Path(sys.modules[name].__file__)) for name in sorted(pickler.own_modules)}
    context = json.dumps([dpi, "tight", own, _drawing_context()], default=repr)
    sink.hash.update(context.encode())
    return sink.hash.hexdigest()[:24]


def _drawing_context() -> list:
    """What draws a figure besides the figure: settings, fonts, the locale (month names of date ticks), versions."""
    settings = sorted((name, repr(value)) for name, value in matplotlib.rcParams.items())
    fonts = [(f.fname, f.name, f.style, f.variant, f.weight, f.stretch) for f in font_manager.fontManager.ttflist]
    return [settings, fonts, locale.setlocale(locale.LC_TIME), _versions()]


def _versions() -> dict[str, str]:
    return {"python": cache.python_version(), "freetype": ft2font.__freetype_version__,
            **cache.package_versions(VERSIONED)}


def figure_png(fig: Figure, *, dpi: float) -> bytes:
    """The PNG of `fig` at `dpi` in a tight box (as `fig.savefig(..., bbox_inches="tight")` writes it): from the
    cache when an unchanged figure was drawn before, else drawn and stored."""
    key = figure_key(fig, dpi=dpi)
    if key is not None:
        stored = cache.read_blob(LAYER, key, PNG_NAME)
        if stored is not None:
            problem = png_problem(stored)
            if problem is None:
                return stored
            cache.report(f"unreadable figure entry, drawn again ({LAYER}/{key}/{PNG_NAME}: {problem})")
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight")
    png = buffer.getvalue()
    if key is not None:
        cache.write_blob(LAYER, key, PNG_NAME, png)
    return png


PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_problem(data: bytes) -> str | None:
    """What is wrong with `data` as a whole PNG file (signature, every chunk's length and CRC, IEND last), or None."""
    if not data.startswith(PNG_SIGNATURE):
        return "not a PNG"
    at = len(PNG_SIGNATURE)
    while at + 12 <= len(data):
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        end = at + 12 + length
        if end > len(data):
            return f"chunk {kind!r} cut short"
        if zlib.crc32(data[at + 4:end - 4]) != struct.unpack(">I", data[end - 4:end])[0]:
            return f"chunk {kind!r} damaged"
        if kind == b"IEND":
            return None if end == len(data) else "data after the end"
        at = end
    return "no end"
