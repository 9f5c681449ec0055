"""What the system refuses (a folder that cannot be written) is one line with its path, and
a preview shows the data's problems with file and line, at start and on every reload."""

from __future__ import annotations

import socket
from pathlib import Path

from .commands import RunHandbook, free_port, serving


def test_an_unwritable_output_folder_is_one_line_with_its_path(
        project: Path, run_handbook: RunHandbook) -> None:
    result = run_handbook(project, "pdf", "--all", "--output", "/proc/nope")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error: ")]
    assert len(errors) == 1 and "/proc/nope" in errors[0]


def test_debug_shows_the_traceback_for_a_bug_report(project: Path,
                                                    run_handbook: RunHandbook) -> None:
    result = run_handbook(project, "--debug", "pdf", "--all", "--output", "/proc/nope")
    assert result.returncode != 0
    assert "Traceback" in result.stderr


def test_a_site_folder_that_cannot_be_made_names_the_path(project: Path,
                                                          run_handbook: RunHandbook) -> None:
    site = project / "somewhere"
    site.write_text("a file where the site folder should go", encoding="utf-8")
    result = run_handbook(project, "build", "--site-dir", "somewhere/site")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "somewhere" in result.stderr and result.stderr.startswith("Error: ")


def test_serve_shows_problems_with_file_and_line_at_start(project: Path,
                                                          run_handbook: RunHandbook) -> None:
    values = project / "data/values.yml"
    values.write_text(values.read_text(encoding="utf-8") + "  - {id: broken\n", encoding="utf-8")
    result = run_handbook(project, "serve", "--dev-addr", f"127.0.0.1:{free_port()}", timeout=120)
    assert result.returncode == 1
    assert "data/values.yml:" in result.stderr and "Traceback" not in result.stderr


def test_serve_shows_problems_with_file_and_line_on_reload(project: Path,
                                                           run_handbook: RunHandbook) -> None:
    with serving(project) as server:
        server.wait_for("Serving on")
        values = project / "data/values.yml"
        values.write_text(values.read_text(encoding="utf-8") + "  - {id: broken\n",
                          encoding="utf-8")
        said = server.wait_for("data/values.yml:")
    assert "Traceback" not in said


def test_serve_on_a_taken_port_says_which_to_use_instead(project: Path,
                                                        run_handbook: RunHandbook) -> None:
    with socket.socket() as taken:  # another preview, still running
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_handbook(project, "serve", "--dev-addr", f"127.0.0.1:{port}", timeout=120)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    [error] = [line for line in result.stderr.splitlines() if line.startswith("Error: ")]
    assert f"port {port} on 127.0.0.1 is taken" in error
    assert f"--dev-addr 127.0.0.1:{port + 1}" in error
