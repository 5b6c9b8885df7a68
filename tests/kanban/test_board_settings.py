import pytest

from partnerdesk.domain.errors import ValidationError
from partnerdesk.services.board_settings import BoardSettingsService


def test_settings_and_presets_persist(workspace):
    svc = BoardSettingsService(workspace)
    assert svc.get_value("kanban.stale_days") == 14
    svc.set_value("kanban.stale_days", 7)
    svc.save_preset("My overdue", {"due": "overdue"})
    again = BoardSettingsService(workspace)
    assert again.get_value("kanban.stale_days") == 7
    assert again.presets() == {"My overdue": {"due": "overdue"}}
    with pytest.raises(ValidationError):
        svc.set_value("kanban.archive_days", 0)
