import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

import relgraph
from helpers import ENTITIES, make_dataset
from relgraph.cli import main


def run(*args, cwd=None):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_validate_bundled_ok():
    r = run("validate")
    assert r.exit_code == 0
    s = relgraph.load().summary()
    assert r.output.startswith(f"ok: {s['entities']} entities, {s['relations']} relations")
    assert len(r.output.strip().splitlines()) == 1


def test_validate_bad_data_exit_1_lists_every_problem(tmp_path):
    data = make_dataset(tmp_path, entities__csv=ENTITIES.replace("rus,Russia,state", "rus,,planet"))
    r = run("validate", "--data", str(data))
    assert r.exit_code == 1
    assert "entities.csv, row 4, column 'name'" in r.output
    assert "entities.csv, row 4, column 'kind': 'planet'" in r.output
    assert r.output.strip().endswith("2 problems found")


def test_validate_json_equals_library(tmp_path):
    data = make_dataset(tmp_path, entities__csv=ENTITIES.replace("rus,Russia,state", "rus,,planet"))
    r = run("validate", "--data", str(data), "--json")
    assert r.exit_code == 1
    assert json.loads(r.output) == relgraph.validate(data).to_dict()
    assert [i["code"] for i in json.loads(r.output)["issues"]] == ["invalid-enum", "missing-value"]
    ok = run("validate", "--json")
    assert ok.exit_code == 0 and json.loads(ok.output) == relgraph.validate().to_dict()
    assert json.loads(ok.output)["valid"] is True


def test_usage_errors_exit_2(tmp_path):
    assert run("validate", "--data", str(tmp_path / "nope")).exit_code == 2
    assert run("render", "--bogus").exit_code == 2


def test_render_writes_page_and_prints_path(tmp_path):
    out = tmp_path / "g.html"
    r = run("render", "-o", str(out))
    assert r.exit_code == 0
    assert r.output.strip() == str(out)
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_render_is_deterministic(tmp_path):
    a, b = tmp_path / "a.html", tmp_path / "b.html"
    run("render", "-o", str(a))
    run("render", "-o", str(b))
    assert a.read_bytes() == b.read_bytes()


def test_render_invalid_data_keeps_old_output(tmp_path):
    data = make_dataset(tmp_path, entities__csv=ENTITIES.replace("rus,Russia,state", "rus,Russia,planet"))
    out = tmp_path / "g.html"
    out.write_text("old page")
    r = CliRunner().invoke(main, ["render", "--data", str(data), "-o", str(out)])
    assert r.exit_code == 1
    assert "'planet'" in r.output and "nothing written" in r.output
    assert out.read_text() == "old page"


def test_render_refuses_to_overwrite_an_input(tmp_path):
    data = make_dataset(tmp_path)
    before = (data / "entities.csv").read_bytes()
    r = run("render", "--data", str(data), "-o", str(data / "entities.csv"))
    assert r.exit_code == 2 and "is an input of this command" in r.output
    assert (data / "entities.csv").read_bytes() == before


def test_installed_command_renders_bundled_data_from_any_directory(tmp_path):
    """`relgraph render` with no arguments, run outside the checkout, uses the packaged data."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    r = subprocess.run([sys.executable, "-m", "relgraph", "render"], cwd=tmp_path, env=env,
                       capture_output=True, text=True, check=True)
    assert r.stdout.strip() == "relations.html"
    page = (tmp_path / "relations.html").read_text(encoding="utf-8")
    # The bundled data travelled inside the package: its entities and relation ids are on the page.
    assert "Tehrik-i-Taliban Pakistan" in page and "r036" in page


def test_output_in_missing_folder_is_a_usage_error(tmp_path):
    r = run("render", "-o", str(tmp_path / "nope" / "g.html"))
    assert r.exit_code == 2 and "does not exist" in r.output


@pytest.mark.parametrize("error", [PermissionError(13, "Permission denied"), OSError(28, "No space left on device")])
def test_unwritable_output_is_a_clear_error_naming_the_file(tmp_path, monkeypatch, error):
    def refuse(*args, **kwargs):
        raise error
    monkeypatch.setattr("relgraph.outputs.os.fdopen", refuse)
    commands = (["render"], ["snapshot", "--as-of", "2025-01-01"],
                ["diff", "--from", "2024-01-01", "--to", "2025-01-01"])
    for args in commands:
        r = CliRunner().invoke(main, [*args, "-o", str(tmp_path / "out")])
        assert r.exit_code == 2
        assert r.output.strip() == f"Error: cannot write {tmp_path / 'out'}: {error.strerror}"
    assert list(tmp_path.iterdir()) == []  # no temporary file left behind


def test_page_option_typos_read_the_same_in_the_cli_and_the_library(tiny_dir, tiny):
    r = run("render", "--data", str(tiny_dir), "--relation", "attacks", "-o", str(tiny_dir.parent / "g.html"))
    assert r.exit_code == 2
    with pytest.raises(relgraph.OptionError) as err:
        tiny.filter(relation="attacks")
    assert err.value.reason == "unknown relation type 'attacks'; did you mean 'attack'? choose from: " \
        "accusation, alliance, attack, delisting, proscription, recognition, sanctuary"
    assert f"Invalid value for '--relation': {err.value.reason}" in " ".join(r.output.split())
    r = run("render", "--data", str(tiny_dir), "--status", "aleged", "-o", str(tiny_dir.parent / "g.html"))
    assert r.exit_code == 2 and "did you mean 'alleged'?" in r.output
    r = run("render", "--data", str(tiny_dir), "--focus", "russa", "-o", str(tiny_dir.parent / "g.html"))
    assert r.exit_code == 2 and "unknown entity 'russa'; did you mean 'rus'?" in " ".join(r.output.split())


def test_page_options_of_diff_go_with_html_only(tiny_dir):
    r = run("diff", str(tiny_dir), str(tiny_dir), "--title", "T")
    assert r.exit_code == 2 and "--title is a page option: it goes with --format html" in r.output
    out = tiny_dir.parent / "d.html"
    r = run("diff", str(tiny_dir), str(tiny_dir), "--format", "html", "--title", "Same <b>", "--focus", "ttp",
            "--depth", "0", "-o", str(out))
    assert r.exit_code == 0
    page = out.read_text(encoding="utf-8")
    assert "<title>Same &lt;b&gt;</title>" in page and '"focus": "ttp"' in page and "Russia" not in page
