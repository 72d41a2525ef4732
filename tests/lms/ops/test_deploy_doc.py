"""docs/deploy.md and scripts/prod_smoke.sh say the same steps: the smoke runs what the doc says."""

import re
import shlex
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
DOC = (ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")
SCRIPT = (ROOT / "scripts" / "prod_smoke.sh").read_text(encoding="utf-8").replace("\\\n", " ")


def _commands(heading: str) -> list[str]:
    section = DOC.split(f"## {heading}", 1)[1].split("\n## ", 1)[0]
    commands = []
    for block in re.findall(r"```sh\n(.*?)```", section, flags=re.S):
        for line in block.replace("\\\n", " ").splitlines():
            line = re.sub(r"\s+#.*$", "", line).strip()
            if line and not line.startswith("#"):
                commands.append(line)
    return commands


def _script_lines() -> list[str]:
    return [" ".join(line.split()) for line in SCRIPT.splitlines()]


def _shape(command: str) -> tuple[str, list[str], set[str]]:
    """The program (without its .venv/bin/ folder), its words before the options, and the
    names of its options: values (hosts, ports, counts) may differ, the steps may not."""
    words = shlex.split(command)
    program = words[0].removeprefix(".venv/bin/")
    head = []
    for word in words[1:]:
        if word.startswith("-"):
            break
        head.append(word)
    options = {word.split("=")[0] for word in words if word.startswith("-") and word != "-"}
    return program, head, options


def test_the_smoke_runs_every_install_step_of_the_doc_in_the_doc_s_order():
    lines = _script_lines()
    position = 0
    commands = _commands("3. Install and migrate")
    assert len(commands) >= 6
    for command in commands:
        found = [i for i, line in enumerate(lines) if i >= position and command in line]
        assert found, f"deploy.md §3 says `{command}`; the smoke does not (in this order)"
        position = found[0] + 1


def test_the_smoke_starts_every_process_of_the_doc_with_the_same_options():
    started = [
        _shape(line.split("&", 1)[0].replace('env "$@" ', ""))
        for line in _script_lines()
        if re.match(r'^(env "\$@" )?\.venv/bin/(gunicorn|celery) ', line)
    ]
    commands = _commands("4. Processes")
    assert len(commands) == 4  # web, two workers, beat
    for command in commands:
        assert _shape(command) in started, f"deploy.md §4 says `{command}`; the smoke does not"


def test_the_smoke_exports_every_variable_of_the_doc_s_environment():
    commands = _commands("2. Environment")
    assert commands
    for command in commands:
        for name in re.findall(r"\b([A-Z][A-Z0-9_]+)=", command):
            assert re.search(rf"\b{name}=", SCRIPT), f"deploy.md §2 sets {name}; the smoke does not"
