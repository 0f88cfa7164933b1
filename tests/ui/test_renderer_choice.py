"""The renderer the kiosk picks for itself on a foyer PC (see bench/README.md for the measurements behind it)."""

from __future__ import annotations

import os
import sys

import pytest

from kiosk.ui import app as qtapp
from kiosk.ui import environment

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the GPU check reads /dev/dri")


@pytest.fixture
def environ(monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """A private copy of the environment as on a real X display, so prepare_environment cannot leak."""
    env = {k: v for k, v in os.environ.items() if k != "QT_QUICK_BACKEND"}
    env["QT_QPA_PLATFORM"] = "xcb"
    monkeypatch.setattr(os, "environ", env)
    return env


def test_without_a_gpu_driver_the_software_renderer_is_chosen(environ, monkeypatch) -> None:
    monkeypatch.setattr(environment, "has_gpu_driver", lambda: False)
    qtapp.prepare_environment()
    assert environ["QT_QUICK_BACKEND"] == "software"


def test_with_a_gpu_driver_qt_chooses_and_a_set_backend_is_kept(environ, monkeypatch) -> None:
    monkeypatch.setattr(environment, "has_gpu_driver", lambda: True)
    qtapp.prepare_environment()
    assert "QT_QUICK_BACKEND" not in environ
    monkeypatch.setattr(environment, "has_gpu_driver", lambda: False)
    environ["QT_QUICK_BACKEND"] = "rhi"
    qtapp.prepare_environment()
    assert environ["QT_QUICK_BACKEND"] == "rhi"
