"""Reading scorecard files: JSON and YAML, syntax errors, duplicate keys."""

from decimal import Decimal as D
from pathlib import Path

import pytest

from pramoen import scoring

from .helpers import DATA

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"


def lines(call):
    with pytest.raises(scoring.ScorecardInvalid) as caught:
        call()
    return [p.line("en") for p in caught.value.problems]


def test_json_and_yaml_versions_of_a_card_score_the_same():
    from_json = scoring.score_card(scoring.load_path(DATA / "seed001_round2.json"))
    from_yaml = scoring.score_card(scoring.load_path(EXAMPLES / "seed001-round2.yaml"))
    assert from_yaml.as_json() == from_json.as_json()
    assert scoring.load_path(EXAMPLES / "seed001-round2.json") == scoring.load_path(DATA / "seed001_round2.json")


def test_json_floats_are_read_exactly():
    card = scoring.loads('{"fund": "f", "fiscal_year": 2567, "round": 1, "areas": [{"code": "1", "name": "a",'
                         ' "weight": 100, "kpis": [{"code": "1.1", "name": "k", "weight": 100,'
                         ' "levels": [0.1, 0.2, 0.3, 0.4, 0.5], "result": 0.30000000000000004}]}]}')
    assert card.areas[0].kpis[0].result == D("0.30000000000000004")


def test_yaml_keeps_codes_as_written():
    text = """
fund: f
fiscal_year: 2567
round: 1
areas:
  - code: 1
    name: a
    weight: 100
    kpis:
      - code: 1.10
        name: k
        weight: 100
        levels: [๑๑, 12, ~, "-", 16]
        result: ๑๕
"""
    card = scoring.loads(text, "yaml")
    kpi = card.areas[0].kpis[0]
    assert (card.areas[0].code, kpi.code) == ("1", "1.10")
    assert kpi.levels == (D(11), D(12), None, None, D(16))
    assert scoring.score_card(card).total == D("4.25")  # 2 + (5 − 2) × (15 − 12) / (16 − 12)


def test_yaml_words_are_not_turned_into_booleans():
    text = "fund: f\nfiscal_year: 2567\nround: 1\nareas:\n- {code: '1', name: no, weight: 100, kpis: [{code: '1.1',"\
           " name: on, weight: 100, levels: [1, 2, 3, 4, 5], result: yes}]}\n"
    assert lines(lambda: scoring.loads(text, "yaml")) == ["1.1: “result” must be a number, got “yes”"]


def test_a_json_syntax_error_names_the_line(tmp_path):
    path = tmp_path / "card.json"
    path.write_text('{\n  "fund": "f",\n  "round": 2,,\n}', encoding="utf-8")
    found = lines(lambda: scoring.load_path(path))
    assert len(found) == 1 and found[0].startswith(f"{path}: JSON syntax error at line 3")


def test_a_yaml_syntax_error_names_the_line(tmp_path):
    path = tmp_path / "card.yaml"
    path.write_text("fund: f\nareas: [\n  - code: 1\n", encoding="utf-8")
    found = lines(lambda: scoring.load_path(path))
    assert len(found) == 1 and "YAML syntax error at line" in found[0]


@pytest.mark.parametrize("suffix, text", [(".json", '{"fund": "a", "fund": "b"}'), (".yaml", "fund: a\nfund: b\n")])
def test_a_field_given_twice_is_an_error(tmp_path, suffix, text):
    path = tmp_path / f"card{suffix}"
    path.write_text(text, encoding="utf-8")
    assert "scorecard: field “fund” is given more than once" in lines(lambda: scoring.load_path(path))


def test_unknown_file_types_and_missing_files_are_reported(tmp_path):
    assert lines(lambda: scoring.load_path(tmp_path / "card.txt")) == [
        f"{tmp_path / 'card.txt'}: unknown file type “.txt”: use .json, .yaml or .yml"]
    found = lines(lambda: scoring.load_path(tmp_path / "missing.json"))
    assert found[0].startswith(f"{tmp_path / 'missing.json'}: cannot read the file")


def test_a_file_that_is_not_utf8_is_reported(tmp_path):
    path = tmp_path / "card.json"
    path.write_bytes('{"fund": "กองทุน"}'.encode("tis-620"))
    assert lines(lambda: scoring.load_path(path))[0].startswith(f"{path}: cannot read the file")


def test_a_utf8_byte_order_mark_is_accepted(tmp_path):
    path = tmp_path / "card.json"
    path.write_bytes(b"\xef\xbb\xbf" + (DATA / "seed001_round2.json").read_bytes())
    assert scoring.load_path(path).fiscal_year == 2567


@pytest.mark.parametrize(
    "name, text, expected",
    [
        ("deep.json", "[" * 100_000 + "]" * 100_000, "the file is nested too deeply to be read"),
        ("deep.yaml", "a: " + "[" * 5_000 + "]" * 5_000 + "\n", "the file is nested too deeply to be read"),
        ("listkey.yaml", "fund: f\n? [a, b]\n: 1\n", "YAML syntax error at line 2: a field name must be text"),
    ],
)
def test_hostile_files_are_refused_cleanly(tmp_path, name, text, expected):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    assert lines(lambda: scoring.load_path(path)) == [f"{path}: {expected}"]


def test_a_huge_json_integer_is_a_problem_not_a_crash():
    text = '{"fund": "f", "fiscal_year": 2567, "round": 1, "late_days": ' + "9" * 5000 + ', "areas": []}'
    assert [p.kind for p in _problems(lambda: scoring.loads(text))] == ["number_out_of_range", "empty_list"]


def test_exponents_are_numbers_in_json_and_yaml():
    text = ("fund: f\nfiscal_year: 2567\nround: 1\nareas:\n- {code: '1', name: a, weight: 1.0e+2, kpis: [{code: '1.1',"
            " name: k, weight: 1e2, levels: [1, 2, 3, 4, 5], result: 2.5E0}]}\n")
    assert scoring.score_card(scoring.loads(text, "yaml")).total == D("2.5")


def _problems(call):
    with pytest.raises(scoring.ScorecardInvalid) as caught:
        call()
    return caught.value.problems
