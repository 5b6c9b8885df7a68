"""Where PartnerDesk keeps its files by default (platform user data dir)."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir, user_log_dir

APP_DIR_NAME = "PartnerDesk"


def data_dir() -> Path:
    override = os.environ.get("PARTNERDESK_DATA_DIR")
    return Path(override) if override else Path(user_data_dir(APP_DIR_NAME, appauthor=False))


def default_workspace_path() -> Path:
    return data_dir() / "workspace.pdk"


def log_dir() -> Path:
    override = os.environ.get("PARTNERDESK_DATA_DIR")
    return Path(override) / "logs" if override else Path(user_log_dir(APP_DIR_NAME, appauthor=False))
