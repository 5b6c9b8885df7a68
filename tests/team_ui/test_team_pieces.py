"""The pieces of Team mode's window work that need no server: the keyring, who-am-I memory and dialog, the
connect dialog's own checks, and the activity log following who I am."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def test_passwords_go_to_the_keyring_and_can_be_forgotten(memory_keyring: Any) -> None:
    from partnerdesk.ui.team import passwords

    key = "postgresql://marta@db.example.com:5432/partners"
    assert passwords.keyring_available()
    assert passwords.stored_password(key) is None
    assert passwords.store_password(key, "s3cret")
    assert memory_keyring.store == {("PartnerDesk", key): "s3cret"}
    assert passwords.stored_password(key) == "s3cret"
    passwords.forget_password(key)
    passwords.forget_password(key)  # nothing stored: no error
    assert passwords.stored_password(key) is None


def test_without_a_keyring_nothing_is_stored_and_nothing_fails() -> None:
    import keyring
    from keyring.backends import fail

    from partnerdesk.ui.team import passwords

    keyring.set_keyring(fail.Keyring())
    assert not passwords.keyring_available()
    assert not passwords.store_password("postgresql://a@b/c", "x")
    assert passwords.stored_password("postgresql://a@b/c") is None
    passwords.forget_password("postgresql://a@b/c")


def test_who_am_i_is_remembered_per_workspace(isolated_settings: Path) -> None:
    from PySide6.QtCore import QSettings

    from partnerdesk.ui.team import identity

    settings = QSettings()
    a, b = "postgresql://marta@db/partners", "postgresql://marta@db/other"
    assert identity.remembered_member(settings, a) is None
    identity.remember_member(settings, a, 7)
    assert identity.remembered_member(QSettings(), a) == 7
    assert identity.remembered_member(QSettings(), b) is None
    assert "marta" not in "".join(QSettings().allKeys())  # the address is hashed into the key


def _members(ws: Any) -> dict[str, int]:
    from partnerdesk.services.team_members import TeamMemberService

    ids = {}
    for name in ("Marta Sousa", "Kenji Sato", "Old Hand"):
        ids[name], _changes = TeamMemberService(ws).add(name)
    from partnerdesk.store.models import TeamMember

    with ws.transaction() as s:
        s.get(TeamMember, ids["Old Hand"]).active = False
    return ids


def test_who_am_i_dialog_lists_active_members_and_adds_a_missing_one(workspace: Any, qtbot: Any) -> None:
    from partnerdesk.ui.team.who_am_i import WhoAmIDialog

    ids = _members(workspace)
    dialog = WhoAmIDialog(workspace, "partners on db:5432")
    qtbot.addWidget(dialog)
    texts = [dialog.members.item(i).text() for i in range(dialog.members.count())]
    assert [t.replace("\u2068", "").replace("\u2069", "") for t in texts] == ["I am Kenji Sato", "I am Marta Sousa"]
    assert not dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()
    dialog.new_name.setText("marta sousa")
    dialog.add_button.click()
    assert "already on the team" in dialog.message.text()
    dialog.new_name.setText("  Ana   Lima ")
    dialog.add_button.click()
    assert dialog.members.count() == 3
    chosen: list[tuple[int, str]] = []
    dialog.chosen.connect(lambda member, name: chosen.append((member, name)))
    assert dialog.chosen_id() is not None  # the new member is selected
    dialog.choose("Marta Sousa")
    dialog.accept()
    assert chosen == [(ids["Marta Sousa"], "Marta Sousa")]


def test_the_activity_log_records_who_i_am(workspace: Any) -> None:
    from sqlalchemy import select

    from partnerdesk.domain.enums import PartnerKind
    from partnerdesk.services.partners import PartnerService
    from partnerdesk.store.models import ActivityLog

    ids = _members(workspace)
    workspace.member_id = ids["Kenji Sato"]
    PartnerService(workspace).create(name="Sakura Commerce", kind=PartnerKind.AGENCY)
    with workspace.session() as s:
        last = s.scalars(select(ActivityLog).order_by(ActivityLog.id.desc()).limit(1)).one()
    assert last.entity == "partner" and last.member_id == ids["Kenji Sato"]


def test_connect_dialog_says_which_field_is_missing(qtbot: Any) -> None:
    from partnerdesk.ui.team.connect_dialog import ConnectDialog

    dialog = ConnectDialog(None, keyring_ok=False)
    qtbot.addWidget(dialog)
    requested: list[Any] = []
    dialog.connect_requested.connect(lambda *args: requested.append(args))
    dialog.request_connection()
    assert dialog.message.text() == "Type the name or address of the server." and not requested
    dialog.host.setText("db.example.com")
    dialog.request_connection()
    assert dialog.message.text() == "Type the name of the database."
    dialog.database.setText("partners")
    dialog.user.setText("")
    dialog.request_connection()
    assert dialog.message.text() == "Type your user name on the server."
    assert not dialog.remember.isEnabled() and not dialog.remember.isChecked()
    assert "No system keyring" in dialog.remember.toolTip()


def test_connect_dialog_builds_the_address(qtbot: Any) -> None:
    from partnerdesk.store.server import ServerAddress
    from partnerdesk.ui.team.connect_dialog import ConnectDialog

    dialog = ConnectDialog(None, ServerAddress.parse("postgresql://marta@db.example.com:5433/partners"),
                           keyring_ok=True, remembered=True)
    qtbot.addWidget(dialog)
    assert dialog.remember.isChecked()
    dialog.tls.setCurrentIndex(dialog.tls.findData("verify-full"))
    dialog.password.setText("s3cret")
    requested: list[Any] = []
    dialog.connect_requested.connect(lambda *args: requested.append(args))
    dialog.request_connection()
    address, password, remember = requested[0]
    assert address.url() == "postgresql://marta@db.example.com:5433/partners?sslmode=verify-full"
    assert (password, remember) == ("s3cret", True)


def test_me_is_who_i_said_i_am(workspace: Any) -> None:
    """Time zone, working hours and "only mine" follow who this person is on a team workspace, not the member
    someone else marked as me."""
    from partnerdesk.services.calendar import my_working_hours
    from partnerdesk.store.models import TeamMember

    ids = _members(workspace)
    with workspace.transaction() as s:
        marta, kenji = s.get(TeamMember, ids["Marta Sousa"]), s.get(TeamMember, ids["Kenji Sato"])
        marta.is_me, marta.time_zone = True, "Europe/Lisbon"
        kenji.time_zone = "Asia/Tokyo"
    assert my_working_hours(workspace).time_zone == "Europe/Lisbon"
    workspace.member_id = ids["Kenji Sato"]
    assert my_working_hours(workspace).time_zone == "Asia/Tokyo"
    from partnerdesk.ui.calendar.zones import user_zone_name

    assert user_zone_name(workspace) == "Asia/Tokyo"


def test_a_long_team_label_never_widens_the_window(qtbot: Any) -> None:
    from partnerdesk.ui.team.actions import EllipsisLabel

    label = EllipsisLabel("Team workspace: " + "partnerships_" * 20 + " on db.example.com:5432 · you are Marta")
    qtbot.addWidget(label)
    assert label.minimumSizeHint().width() <= 160 < label.sizeHint().width()


def test_enter_in_the_name_field_only_adds(workspace: Any, qtbot: Any) -> None:
    """Enter after typing one's name adds it; it never also presses Continue (choosing whoever is selected)."""
    from PySide6.QtCore import Qt

    from partnerdesk.ui.team.who_am_i import WhoAmIDialog

    _members(workspace)
    dialog = WhoAmIDialog(workspace, "partners on db:5432")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.choose("Kenji Sato")
    chosen: list[str] = []
    dialog.chosen.connect(lambda _member, name: chosen.append(name))
    dialog.new_name.setFocus()
    dialog.new_name.setText("Marta Sousa")  # already there: refused
    qtbot.keyClick(dialog.new_name, Qt.Key.Key_Return)
    assert dialog.isVisible() and not chosen and "already on the team" in dialog.message.text()
    dialog.new_name.setText("Ana Lima")
    qtbot.keyClick(dialog.new_name, Qt.Key.Key_Return)
    assert dialog.isVisible() and not chosen
    assert dialog.choices[dialog.members.currentRow()].name == "Ana Lima"
