"""Write what students get: course/, assignments/, nnkit/, requirements.txt,
pyproject.toml and a student README, as one zip.

    .venv/bin/python tools/student_bundle.py dist/student-bundle.zip

No solutions, no hidden tests, no instructor tools: source/, solutions/,
tests/ and tools/ are left out, and the bundle is refused if any file in it
still carries solution or hidden-test markers.
"""

import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
INCLUDE = ["course", "assignments", "nnkit", "requirements.txt", "pyproject.toml", "docs/conventions.md"]
SKIP_PARTS = {"__pycache__", ".ipynb_checkpoints"}
MARKERS = ("### BEGIN SOLUTION", "### END SOLUTION", "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS")


def files():
    for name in INCLUDE:
        path = ROOT / name
        candidates = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
        for p in candidates:
            rel = p.relative_to(ROOT)
            if not SKIP_PARTS & set(rel.parts) and not p.name.endswith(".pyc"):
                yield p, rel


def main():
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "dist/student-bundle.zip")
    out.parent.mkdir(parents=True, exist_ok=True)
    written = 0
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for p, rel in files():
            data = p.read_bytes()
            leaked = [m for m in MARKERS if m.encode() in data]
            if leaked:
                out.unlink(missing_ok=True)
                sys.exit(f"Refusing to bundle {rel}: it contains {leaked}. Regenerate with `make assignments`.")
            z.writestr(f"nn-first-principles/{rel}", data)
            written += 1
        z.write(ROOT / "docs" / "student-README.md", "nn-first-principles/README.md")
    print(f"Wrote {out}: {written + 1} files")


if __name__ == "__main__":
    main()
