"""The shape of the library: data flows one way, one module owns the cache, no function is too complex."""
import ast
import subprocess
import sys

import pytest

from analysis import paths

MODULES = sorted(p for p in paths.LIBRARY_DIR.rglob("*.py"))
# Entry points that build the pipeline for a user (a command line, the package's own namespace).
ENTRY_POINTS = {"__init__.py", "__main__.py", "quote_eval.py", "layers.py", "partitioned.py", "study.py",
                "cluster.py"}


def _imports(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            yield node.module or "", [a.name for a in node.names], node
        elif isinstance(node, ast.Import):
            yield "", [a.name for a in node.names], node


def test_load_corpus_never_imports_spacy():
    code = "import analysis, sys; analysis.load_corpus(); assert 'spacy' not in sys.modules, 'spacy imported'"
    result = subprocess.run([sys.executable, "-c", code], cwd=paths.PROJECT_ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(paths.LIBRARY_DIR)))
def test_only_the_pipeline_calls_the_cache_and_builds_layers(path):
    for module, names, _ in _imports(path):
        if path.name not in ENTRY_POINTS:
            assert module.lstrip(".") != "layers" and "layers" not in names, f"{path.name} builds the pipeline"
        if path.name not in ("layers.py", "partitioned.py", "cache.py", "figure_cache.py"):
            assert module.lstrip(".") != "cache" and "cache" not in names, f"{path.name} uses the cache"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(paths.LIBRARY_DIR)))
def test_no_library_import_hidden_inside_a_function(path):
    """Imports of the library sit at the top of a module: a reader sees what a module depends on."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for func in (n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))):
        for node in ast.walk(func):
            if isinstance(node, ast.ImportFrom) and (node.level > 0 or (node.module or "").startswith("analysis")):
                pytest.fail(f"{path.name}:{node.lineno} imports {node.module} inside {func.name}()")


def test_no_module_is_too_long():
    long = {str(p.relative_to(paths.LIBRARY_DIR)): n for p in MODULES
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 420}
    assert long == {}
