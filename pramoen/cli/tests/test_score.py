"""``python -m pramoen score FILE [--json]``."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pramoen.cli.score import main, width

REPO = Path(__file__).resolve().parents[3]
SEED = REPO / "pramoen" / "scoring" / "tests" / "data" / "seed001_round2.json"


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    status = main(list(args), stdout=out, stderr=err)
    return status, out.getvalue(), err.getvalue()


def test_json_output_is_exactly_one_object_with_every_kpi():
    status, out, err = run(str(SEED), "--json")
    assert (status, err) == (0, "")
    data = json.loads(out)
    assert data["total"] == 2.0179
    assert data["percent"] == 40.36
    assert data["penalty"] == 0.0
    assert data["change_percent"] == 52.64
    assert data["areas"] == {"1": 1.0, "2": 1.0, "3": 1.3133, "4": 4.1767, "5": 3.475, "6": 2.9992}
    assert len(data["kpis"]) == 17  # 13 KPIs, two of them groups with two children each
    assert data["kpis"]["1.1"] == {"score": 1.0, "weighted": 0.1}
    assert data["kpis"]["6.1.1"] == {"score": 4.9984, "weighted": 0.2499}
    assert out.count("\n") == 1


def test_the_default_output_is_a_thai_table():
    status, out, _ = run(str(SEED))
    assert status == 0
    assert "ปีบัญชี 2567 รอบที่ 2" in out
    assert "ด้านที่ 4 การบริหารพัฒนาทุนหมุนเวียน" in out
    assert "ร้อยละ 6.9" in out and "970 ไร่" in out and "ระดับ 4.3800" in out and "ไม่มีผล (n/a)" in out
    total_line = next(line for line in out.splitlines() if line.startswith("คะแนนรวม"))
    assert total_line.split()[-1] == "2.0179"
    assert "ร้อยละ 52.64" in out


def test_table_columns_line_up_in_a_terminal():
    _, out, _ = run(str(SEED))
    rows = [line for line in out.splitlines() if line.startswith("  ")]
    # The score column ends at the same terminal column on every KPI row, Thai marks taking no width.
    ends = {width(line[: line.rindex("  ")].rstrip()) for line in rows}
    assert len(ends) == 1, ends


def test_english_table_and_thai_digits():
    _, out, _ = run(str(SEED), "--lang", "en")
    assert "Fiscal year 2567 (B.E.), round 2" in out and "Total" in out
    _, out, _ = run(str(SEED), "--thai-digits")
    assert "๒.๐๑๗๙" in out and "2.0179" not in out


def test_the_late_penalty_is_shown(tmp_path):
    data = json.loads(SEED.read_text(encoding="utf-8"))
    data["late_days"] = 3
    path = tmp_path / "late.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    status, out, _ = run(str(path), "--json")
    assert json.loads(out)["penalty"] == 0.15
    assert json.loads(out)["total"] == 1.8679
    _, out, _ = run(str(path))
    assert "หักคะแนนส่งล่าช้า 3 วัน" in out and "-0.1500" in out


def test_invalid_input_exits_2_with_one_line_per_problem_and_nothing_on_stdout(tmp_path):
    data = json.loads(SEED.read_text(encoding="utf-8"))
    six = data["areas"][5]["kpis"][0]
    six["weight"] = 5  # as printed in attachment 1
    data["areas"][0]["kpis"][0]["wieght"] = 1
    path = tmp_path / "printed.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    status, out, err = run(str(path), "--json")
    assert status == 2 and out == ""
    problem_lines = err.splitlines()
    assert problem_lines[0].startswith("1.1: ไม่รู้จักช่อง “wieght”")
    assert any(line.startswith("6.1: ") for line in problem_lines)
    assert all(line.split(":")[0] in ("1.1", "6", "6.1") for line in problem_lines)
    status, _, err = run(str(path), "--lang", "en")
    assert "6.1: the weights of the child KPIs add up to 10, but must equal the weight of KPI 6.1 (5)" in err


def test_a_missing_file_exits_2(tmp_path):
    status, out, err = run(str(tmp_path / "nope.json"))
    assert status == 2 and out == "" and err.startswith(str(tmp_path / "nope.json"))


def test_it_runs_as_python_m_pramoen_without_django_or_a_database(tmp_path):
    env = {**os.environ, "PRAMOEN_DATABASE_URL": "postgres://nobody:x@127.0.0.1:1/none",
           "DJANGO_SETTINGS_MODULE": "does.not.exist"}
    code = ("import sys, runpy\nsys.argv = ['pramoen', 'score', sys.argv[1], '--json']\n"
            "try:\n    runpy.run_module('pramoen', run_name='__main__')\nexcept SystemExit as e:\n    status = e.code\n"
            "assert not [m for m in sys.modules if m.split('.')[0] == 'django'], 'django was imported'\n"
            "sys.exit(status)\n")
    done = subprocess.run([sys.executable, "-c", code, str(SEED)], env=env, cwd=tmp_path,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["total"] == 2.0179


def test_the_real_command_line_reports_problems_with_status_2(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("fund: f\nfiscal_year: 2024\nround: 9\nareas: []\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "pramoen", "score", str(path)], capture_output=True, text=True,
                          check=False, cwd=REPO)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.splitlines() == [
        "fiscal_year: ปีบัญชี 2024 เป็นปี ค.ศ. ให้ใช้ปี พ.ศ. (2567)",
        "round: รอบการประเมินต้องเป็น 1 ถึง 4 แต่ได้ 9",
        "areas: “areas” ต้องมีอย่างน้อย 1 รายการ",
    ]


@pytest.mark.parametrize("args", [[], ["a.json", "--format", "x"]])
def test_usage_errors_exit_2(args):
    with pytest.raises(SystemExit) as caught:
        main(args, stdout=io.StringIO(), stderr=io.StringIO())
    assert caught.value.code == 2


@pytest.mark.parametrize(
    "text",
    [
        '{"fund": "f", "fiscal_year": 2567, "round": 2, "late_days": ' + "9" * 5000 + ', "areas": []}',
        '{"fund": "f", "fiscal_year": 2567, "round": 2, "previous_total": "1e-30", "areas": [{"code": "1",'
        ' "name": "a", "weight": 100, "kpis": [{"code": "1.1", "name": "k", "weight": 100,'
        ' "levels": [1, 2, 3, 4, 1e1000000], "result": "12\\nabc"}]}]}',
        "[" * 100_000,
    ],
)
def test_hostile_input_exits_2_with_one_coded_line_per_problem(tmp_path, text):
    path = tmp_path / "bad.json"
    path.write_text(text, encoding="utf-8")
    for mode in ([], ["--json"]):
        status, out, err = run(str(path), *mode)
        assert status == 2 and out == ""
        assert err.endswith("\n") and all(": " in line for line in err.splitlines())


def test_no_negative_zero_is_printed(tmp_path):
    data = json.loads(SEED.read_text(encoding="utf-8"))
    data["previous_total"] = "2.01792075000000000001"  # a hair above this round's total
    path = tmp_path / "same.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    _, out, _ = run(str(path), "--json")
    assert '"change_percent": 0.0' in out
    _, out, _ = run(str(path))
    assert "ร้อยละ 0.00" in out and "-0.00" not in out
