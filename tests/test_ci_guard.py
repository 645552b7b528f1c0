"""The suite cannot pass by not running: in CI a skipped test fails the run (tests/conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

CONFTEST = (Path(__file__).parent / "conftest.py").read_text(encoding="utf-8")

SKIPPING = """
import pytest

def test_runs():
    assert True

@pytest.mark.skipif(True, reason="LibreOffice is not installed")
def test_needs_a_program():
    pass

@pytest.mark.xfail(reason="a known miss, explained")
def test_known_miss():
    assert False
"""


def _run(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, **env: str) -> pytest.RunResult:
    for name in ("CI", "RESODIFF_NO_SKIP"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    pytester.makeconftest(CONFTEST)
    pytester.makepyfile(test_sample=SKIPPING)
    return pytester.runpytest_subprocess("-ra", "-p", "no:cacheprovider")


def test_a_newcomer_sees_each_skip_with_its_reason(pytester, monkeypatch):
    result = _run(pytester, monkeypatch)
    assert result.ret == pytest.ExitCode.OK
    result.assert_outcomes(passed=1, skipped=1, xfailed=1)
    result.stdout.fnmatch_lines(["SKIPPED *LibreOffice is not installed"])


@pytest.mark.parametrize("env", [{"CI": "true"}, {"RESODIFF_NO_SKIP": "1"}])
def test_in_ci_a_skip_fails_the_run_with_its_reason(pytester, monkeypatch, env):
    result = _run(pytester, monkeypatch, **env)
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.assert_outcomes(passed=1, errors=1, xfailed=1)  # a strict, explained xfail still counts
    result.stdout.fnmatch_lines(["*skipped where every test must run (CI): LibreOffice is not installed*"])


def test_in_ci_a_module_skipped_whole_fails_the_run(pytester, monkeypatch):
    monkeypatch.setenv("CI", "true")
    monkeypatch.delenv("RESODIFF_NO_SKIP", raising=False)
    pytester.makeconftest(CONFTEST)
    pytester.makepyfile(test_ok="def test_runs():\n    assert True\n",
                        test_gone='import pytest\npytest.skip("no corpus", allow_module_level=True)\n')
    result = pytester.runpytest_subprocess("-ra", "-p", "no:cacheprovider")
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.assert_outcomes(passed=1, skipped=1)
