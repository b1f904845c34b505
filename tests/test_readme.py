"""The README documents every column of the data package."""
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_column_is_documented():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    package = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    for resource in package["resources"]:
        section = readme.split(f"### `{resource['path']}`", 1)[1].split("###", 1)[0]
        documented = re.findall(r"^\| `([a-z_0-9]+)` \|", section, flags=re.M)
        assert documented == [f["name"] for f in resource["schema"]["fields"]], resource["path"]


def test_quickstart_has_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick = readme.split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"```sh\n(.*?)\n```", quick, flags=re.S)
    assert len(commands) == 2
    assert commands[0].endswith("pip install . && relgraph render")
    assert commands[1].endswith('pip install ".[test]" && python -m pytest')


def _examples(readme: str):
    """README blocks that start with a `$ relgraph diff --from ...` line: (arguments, printed output)."""
    for block in re.findall(r"```\n\$ relgraph (diff --from [^\n]*)\n(.*?)```", readme, flags=re.S):
        yield block[0].split(), block[1]


def test_worked_examples_print_what_the_readme_says():
    from click.testing import CliRunner

    from relgraph.cli import main
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    examples = list(_examples(readme))
    assert len(examples) == 2
    for args, printed in examples:
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0
        assert result.output == printed, " ".join(args)


def test_the_code_table_is_the_catalogue():
    from relgraph.issues import catalogue_markdown
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    marker = "<!-- issue codes: generated from relgraph.issues.CATALOGUE; tests/test_readme.py checks it -->\n"
    table = readme.split(marker, 1)[1].split("\n\n", 1)[0]
    assert table == catalogue_markdown()


def test_python_examples_run_as_written(tmp_path, monkeypatch):
    import doctest
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = [b for b in re.findall(r"```python\n(.*?)```", readme, flags=re.S) if b.startswith(">>>")]
    assert blocks
    monkeypatch.chdir(tmp_path)  # the examples write files
    parser, runner = doctest.DocTestParser(), doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
    for n, block in enumerate(blocks):
        runner.run(parser.get_doctest(block, {}, f"README block {n}", "README.md", 0))
    assert runner.summarize(verbose=False).failed == 0
