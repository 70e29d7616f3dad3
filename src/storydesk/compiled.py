"""LightGBM boosters compiled to machine code by lleaves, with LightGBM's predictions bit for bit.

LightGBM's ``Booster.predict`` costs a fixed ~0.1-0.3 ms a call in its Python
wrapper whatever the rows, which dominates when a stage predicts a few dozen
rows at a time (the event stream scores each new article against its ~40
candidates: 0.33 ms an article, 0.04 ms compiled).  lleaves compiles a booster
with LLVM; with the trees in one block (``fblocksize`` = the number of trees)
it adds the trees' outputs in LightGBM's order and applies the same sigmoid,
so the predictions are the same bits.  Each compiled booster is still checked
at load against LightGBM on probe rows made of the model's own split
thresholds (either side of each), NaN and values LightGBM reads as 0; any
difference, a missing lleaves (not installed on Windows or Python 3.14+, where
its llvmlite has no wheel) or an error leaves the prediction to LightGBM.
Compiling takes about a second for a 200-tree model, so the machine code is
kept in a cache directory (``STORYDESK_CACHE_DIR``, else
``$XDG_CACHE_HOME/storydesk`` or ``~/.cache/storydesk``) keyed by the model
text, the library versions and the host CPU.  ``STORYDESK_COMPILED_MODEL=0``
turns it off.  Used by the event stream's pair model and the text-dump line model
(:mod:`storydesk.extract.textdump`).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

__all__ = ["compiled_predictor"]

_COMPILE_ENV = "STORYDESK_COMPILED_MODEL"
_PROBE_ROWS = 512
_ZERO_THRESHOLD = float(np.float32(1e-35))  # LightGBM's kZeroThreshold (1e-35f)


def _cache_dir() -> Path | None:
    root = os.environ.get("STORYDESK_CACHE_DIR")
    if not root:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        root = os.path.join(base, "storydesk")
    try:
        Path(root).mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return Path(root) if os.access(root, os.W_OK) else None


def _probe_rows(model_text: str, n_features: int) -> np.ndarray:
    """Rows whose values are the booster's split thresholds, the next floats either side of them, 0, and now
    and then NaN or a value LightGBM reads as 0: every decision of every tree sees both of its branches."""
    values: list[list[float]] = [[0.0] for _ in range(n_features)]
    features: list[int] = []
    for line in model_text.splitlines():
        if line.startswith("split_feature="):
            features = [int(f) for f in line[len("split_feature="):].split()]
        elif line.startswith("threshold="):
            for f, t in zip(features, line[len("threshold="):].split()):
                v = float(t)
                values[f] += [v, np.nextafter(v, -np.inf), np.nextafter(v, np.inf)]
    rng = np.random.default_rng(0)
    out = np.empty((_PROBE_ROWS, n_features))
    for f, vals in enumerate(values):
        out[:, f] = rng.choice(np.asarray(vals), _PROBE_ROWS)
    out[rng.random(out.shape) < 0.02] = np.nan
    tiny = rng.random(out.shape) < 0.02
    out[tiny] = rng.choice(np.array([1e-36, -1e-36, 5e-324, _ZERO_THRESHOLD, -_ZERO_THRESHOLD]), int(tiny.sum()))
    return out


def compiled_predictor(model_text: str, booster: Any, name: str) -> Callable[[np.ndarray], np.ndarray] | None:
    """``booster`` (made from ``model_text``) compiled by lleaves, or None: then LightGBM should predict.

    ``name`` prefixes the cached machine code's file name.
    """
    if os.environ.get(_COMPILE_ENV, "1").strip() in ("0", "false", "no", "off"):
        return None
    try:
        import lleaves  # noqa: PLC0415 - optional: Linux and macOS, Python < 3.14
        import llvmlite  # noqa: PLC0415
        import llvmlite.binding as llvm  # noqa: PLC0415
    except ImportError:
        return None
    try:
        with tempfile.TemporaryDirectory() as tmp:
            source = Path(tmp) / "model.txt"
            source.write_text(model_text, encoding="utf-8")
            forest = lleaves.Model(model_file=str(source))
            options = {
                "fblocksize": forest.num_trees(),  # one block: LightGBM's order of summation
                "finline": False,
                "fcodemodel": "small" if forest.num_trees() <= 1000 else "large",
            }
            cache_dir = _cache_dir()
            if cache_dir is None:
                forest.compile(**options)
            else:
                llvm.initialize()
                llvm.initialize_native_target()
                llvm.initialize_native_asmprinter()
                try:
                    cpu = llvm.get_host_cpu_features().flatten()
                except RuntimeError:
                    cpu = ""
                key = hashlib.sha256(
                    "\n".join([
                        model_text, getattr(lleaves, "__version__", ""), llvmlite.__version__,
                        llvm.get_process_triple(), llvm.get_host_cpu_name(), cpu, repr(sorted(options.items())),
                    ]).encode()
                ).hexdigest()[:40]
                cached = cache_dir / f"{name}-{key}.o"
                if cached.exists():
                    forest.compile(cache=str(cached), **options)
                else:  # written under a private name, then renamed: a reader never sees half a file
                    partial_file = cache_dir / f".{name}-{key}.{os.getpid()}.{threading.get_ident()}.tmp"
                    try:
                        forest.compile(cache=str(partial_file), **options)
                        os.replace(partial_file, cached)
                    finally:
                        partial_file.unlink(missing_ok=True)

        def predict(x: np.ndarray) -> np.ndarray:
            # LightGBM reads a dense row as its values of magnitude above kZeroThreshold (float 1e-35) or NaN,
            # the others being 0, and then takes NaN as 0 in a split without a missing-value branch; the
            # compiled trees read the values as given.  (A model with NaN branches fails the probe.)
            return forest.predict(np.where(np.abs(x) > _ZERO_THRESHOLD, x, 0.0), n_jobs=1)

        probe = _probe_rows(model_text, booster.num_feature())
        if not np.array_equal(predict(probe), booster.predict(probe, num_threads=1)):
            return None
        return predict
    except Exception:  # noqa: BLE001 - compiling is an optimisation: LightGBM predicts the same
        return None
