"""“Build packet…”: choose partners, kind, language, paper and sections; preview one or build many into a folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from partnerdesk.l10n import LANGUAGE_NAMES, LANGUAGES, _, ngettext
from partnerdesk.services import packet_builds as pb
from partnerdesk.services.packet_builds import PacketKind, PacketRequest, PartnerChoice
from partnerdesk.store.paths import documents_dir
from partnerdesk.ui.jobs import BackgroundJob, error_message
from partnerdesk.ui.packets.jobs import ProgressJob

PARTNER_ROLE = Qt.ItemDataRole.UserRole + 1


class BuildPacketDialog(QDialog):
    """Non-modal: the builds run in worker threads; previews open in their own windows."""

    def __init__(self, context: Any, parent: QWidget | None = None, partner_id: int | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("buildPacketDialog")
        self.context = context
        self.job: BackgroundJob | None = None
        self.batch_running = False
        self.last_summary: pb.BatchSummary | None = None
        self.last_folder: Path | None = None
        self.previews: list[QWidget] = []

        # Partners: a checkable list (model/view), filtered as you type.
        self.partners_model = QStandardItemModel(self)
        self.partners_proxy = QSortFilterProxyModel(self)
        self.partners_proxy.setSourceModel(self.partners_model)
        self.partners_proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.filter = QLineEdit()
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.partners_proxy.setFilterFixedString)
        self.partner_list = QListView()
        self.partner_list.setObjectName("partnerList")
        self.partner_list.setModel(self.partners_proxy)
        self.partner_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.partner_list.doubleClicked.connect(self._preview_double_clicked)
        self.select_all, self.select_none = QPushButton(), QPushButton()
        self.select_all.clicked.connect(lambda: self._check_all(True))
        self.select_none.clicked.connect(lambda: self._check_all(False))
        self.partners_box = QGroupBox()
        box = QVBoxLayout(self.partners_box)
        box.addWidget(self.filter)
        box.addWidget(self.partner_list, 1)
        row = QHBoxLayout()
        row.addWidget(self.select_all)
        row.addWidget(self.select_none)
        row.addStretch(1)
        box.addLayout(row)

        # Options.
        self.kind = QComboBox()
        self.kind.setObjectName("kindCombo")
        self.language = QComboBox()
        self.language.setObjectName("languageCombo")
        self.paper = QComboBox()
        self.paper.setObjectName("paperCombo")
        self.kind_label, self.language_label, self.paper_label = QLabel(), QLabel(), QLabel()
        options = QFormLayout()
        options.addRow(self.kind_label, self.kind)
        options.addRow(self.language_label, self.language)
        options.addRow(self.paper_label, self.paper)
        self.kind.addItem("", PacketKind.ONBOARDING)
        self.kind.addItem("", PacketKind.BRAND_GUIDE)
        self.language.addItem("", None)
        for lang in LANGUAGES:
            self.language.addItem(LANGUAGE_NAMES[lang], lang)  # native names, never translated
        self.paper.addItem("", None)
        for key, _label in pb.PAPER_SIZES:
            self.paper.addItem("", key)

        self.sections_box = QGroupBox()
        self.sections_stack = QStackedWidget()
        self.section_checks: dict[PacketKind, dict[str, QCheckBox]] = {}
        self.section_labels: dict[PacketKind, list[tuple[str, str]]] = {}
        self.all_sections_notes: list[QLabel] = []
        for kind in PacketKind:
            page = QWidget()
            grid = QGridLayout(page)
            grid.setContentsMargins(0, 0, 0, 0)
            self.section_labels[kind] = pb.sections_for(kind)
            checks: dict[str, QCheckBox] = {}
            for i, (key, _label) in enumerate(self.section_labels[kind]):
                check = QCheckBox()
                check.setObjectName(f"section_{kind.value}_{key}")
                check.setChecked(True)
                check.toggled.connect(lambda _on: self._update_state())
                grid.addWidget(check, i // 2, i % 2)
                checks[key] = check
            if not checks:  # this packet builder always includes every section
                note = QLabel()
                note.setWordWrap(True)
                grid.addWidget(note, 0, 0)
                self.all_sections_notes.append(note)
            grid.setRowStretch(grid.rowCount(), 1)
            self.section_checks[kind] = checks
            self.sections_stack.addWidget(page)
        sections_layout = QVBoxLayout(self.sections_box)
        sections_layout.addWidget(self.sections_stack)

        # Progress and results.
        self.progress = QProgressBar()
        self.progress.setObjectName("buildProgress")
        self.progress.hide()
        self.status = QLabel()
        self.status.setObjectName("buildStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_folder = QPushButton()
        self.open_folder.hide()
        self.open_folder.clicked.connect(self._open_folder)

        self.buttons = QDialogButtonBox()
        self.preview_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.preview_button.setObjectName("previewButton")
        self.batch_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.batch_button.setObjectName("batchButton")
        self.cancel_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.cancel_button.setObjectName("cancelButton")
        self.cancel_button.hide()
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.preview_button.setDefault(True)
        self.preview_button.clicked.connect(self.build_preview)
        self.batch_button.clicked.connect(self.choose_folder_and_build)
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button.clicked.connect(self.reject)

        right = QVBoxLayout()
        right.addLayout(options)
        right.addWidget(self.sections_box)
        right.addStretch(1)
        columns = QHBoxLayout()
        columns.addWidget(self.partners_box, 1)
        columns.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.progress)
        status_row = QHBoxLayout()
        status_row.addWidget(self.status, 1)
        status_row.addWidget(self.open_folder)
        layout.addLayout(status_row)
        layout.addWidget(self.buttons)

        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.partners_model.itemChanged.connect(lambda _item: self._update_state())
        self.language.currentIndexChanged.connect(lambda _i: self._update_defaults())
        context.hub.language_changed.connect(self._language_changed)
        context.hub.workspace_replaced.connect(self._workspace_replaced)
        self.load_partners(partner_id)
        self.resize(820, 560)
        self._restore_choices()
        self.retranslate_ui()
        self._kind_changed()

    # --- texts ------------------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Build packet"))
        self.partners_box.setTitle(_("Partners"))
        self.filter.setPlaceholderText(_("Filter partners…"))
        self.select_all.setText(_("Select all"))
        self.select_none.setText(_("Select none"))
        self.kind_label.setText(_("Packet"))
        self.language_label.setText(_("Language"))
        self.paper_label.setText(_("Paper size"))
        for i in range(self.kind.count()):
            self.kind.setItemText(i, _(pb.KIND_TITLES[self.kind.itemData(i)]))
        for i, (_key, label) in enumerate(pb.PAPER_SIZES, start=1):
            self.paper.setItemText(i, _(label))
        self.sections_box.setTitle(_("Sections"))
        for kind, checks in self.section_checks.items():
            for key, label in self.section_labels[kind]:
                checks[key].setText(_(label))
        for note in self.all_sections_notes:
            note.setText(_("This packet always includes every section."))
        self.preview_button.setText(_("Build and preview"))
        self.batch_button.setText(_("Build into folder…"))
        self.cancel_button.setText(_("Cancel"))
        self.open_folder.setText(_("Open folder"))
        self._update_defaults()
        self._update_state()

    def _language_changed(self, _lang: str) -> None:
        self.retranslate_ui()

    def _workspace_replaced(self) -> None:
        """Another workspace was opened: its partners, not the old ones."""
        if self.context.workspace is None:
            self.close()
        elif self.job is None:
            self.load_partners()
            self._update_state()

    # --- partners ---------------------------------------------------------------------------------------
    def load_partners(self, checked_id: int | None = None) -> None:
        self.partners_model.clear()
        for choice in pb.partner_choices(self.context.ws):
            item = QStandardItem(choice.name)
            item.setCheckable(True)
            item.setCheckState(Qt.CheckState.Checked if choice.id == checked_id else Qt.CheckState.Unchecked)
            item.setData(choice, PARTNER_ROLE)
            item.setToolTip(LANGUAGE_NAMES.get(choice.language, choice.language))
            self.partners_model.appendRow(item)
            if choice.id == checked_id:
                self.partner_list.scrollTo(self.partners_proxy.mapFromSource(item.index()))

    def checked_partners(self) -> list[PartnerChoice]:
        out = []
        for row in range(self.partners_model.rowCount()):
            item = self.partners_model.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(item.data(PARTNER_ROLE))
        return out

    def check_partners(self, names: list[str]) -> None:
        for row in range(self.partners_model.rowCount()):
            item = self.partners_model.item(row)
            item.setCheckState(Qt.CheckState.Checked if item.text() in names else Qt.CheckState.Unchecked)

    def _check_all(self, checked: bool) -> None:
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        for row in range(self.partners_proxy.rowCount()):  # only the partners the filter shows
            item = self.partners_model.itemFromIndex(self.partners_proxy.mapToSource(self.partners_proxy.index(row, 0)))
            item.setCheckState(state)

    # --- options ----------------------------------------------------------------------------------------
    @property
    def current_kind(self) -> PacketKind:
        return PacketKind(self.kind.currentData())

    def _kind_changed(self, *_args: Any) -> None:
        kind = self.current_kind
        self.sections_stack.setCurrentIndex(list(PacketKind).index(kind))
        self._update_state()

    def _default_language(self) -> str:
        partners = self.checked_partners()
        return partners[0].language if len(partners) == 1 else "en"

    def _update_defaults(self) -> None:
        partners = self.checked_partners()
        if len(partners) == 1:
            name = LANGUAGE_NAMES.get(partners[0].language, partners[0].language)
            self.language.setItemText(0, _("Partner's language ({language})").format(language=name))
        elif partners:
            self.language.setItemText(0, _("Each partner's language"))
        else:
            self.language.setItemText(0, _("Partner's language"))
        if len(partners) > 1:
            self.paper.setItemText(0, _("Automatic for each partner"))
            return
        request = PacketRequest(self.current_kind, partners[0] if partners else None, self.language.currentData())
        key = pb.automatic_paper(self.context.ws, request) if self.context.workspace is not None else "A4"
        label = dict(pb.PAPER_SIZES).get(key, key)
        self.paper.setItemText(0, _("Automatic ({paper})").format(paper=_(label)))

    def _update_state(self) -> None:
        busy = self.job is not None
        partners = self.checked_partners()
        onboarding = self.current_kind == PacketKind.ONBOARDING
        checks = self.section_checks[self.current_kind]
        some_sections = not checks or any(c.isChecked() for c in checks.values())
        can_preview = len(partners) == 1 or (not onboarding and not partners)
        self.preview_button.setEnabled(not busy and can_preview and some_sections)
        self.preview_button.setToolTip("" if can_preview else _(
            "Tick one partner to preview; to build packets for several partners, use Build into folder."))
        self.batch_button.setEnabled(not busy and bool(partners) and some_sections)
        hint = _("Choose at least one section.")
        if not some_sections and not busy:
            self.status.setText(hint)
        elif self.status.text() == hint:
            self.status.clear()
        for widget in (self.partners_box, self.kind, self.language, self.paper, self.sections_box):
            widget.setEnabled(not busy)
        self.cancel_button.setVisible(busy and self.batch_running)
        self._update_defaults()

    def _restore_choices(self) -> None:
        """The packet kind and paper size chosen last time (language and partners depend on the moment)."""
        settings = self.context.settings
        kind = settings.value("packets/kind", "", type=str)
        paper = settings.value("packets/paper", "", type=str)
        self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))
        self.paper.setCurrentIndex(max(0, self.paper.findData(paper) if paper else 0))

    def _remember_choices(self) -> None:
        self.context.settings.setValue("packets/kind", self.current_kind.value)
        self.context.settings.setValue("packets/paper", self.paper.currentData() or "")

    def requests(self) -> list[PacketRequest]:
        """What the user asked for, as plain values the worker thread can use."""
        kind = self.current_kind
        checks = self.section_checks[kind]
        chosen = tuple(key for key, _label in self.section_labels[kind] if checks[key].isChecked())
        sections = None if len(chosen) == len(checks) else chosen
        partners = self.checked_partners()
        common = dict(language=self.language.currentData(), paper=self.paper.currentData(), sections=sections)
        if not partners:
            return [PacketRequest(kind, None, **common)] if kind == PacketKind.BRAND_GUIDE else []
        return [PacketRequest(kind, p, **common) for p in partners]

    # --- one packet, previewed ---------------------------------------------------------------------------
    def _preview_double_clicked(self, index: Any) -> None:
        if self.job is None:
            self.check_partners([index.data()])
            self.build_preview()

    def build_preview(self) -> ProgressJob | None:
        requests = self.requests()
        if len(requests) != 1 or self.job is not None:
            return None
        request = requests[0]
        self._remember_choices()
        ws = self.context.ws
        job = ProgressJob(lambda j: pb.build_packet(ws, request, lambda done, total: j.report(done, total)), self)
        self._start(job, _("Building the packet for {partner}…").format(
            partner=request.partner.name if request.partner else _(pb.KIND_TITLES[request.kind])))
        self.progress.setRange(0, 0)  # busy until the builder reports its steps (if it does)
        def progressed(done: int, total: int, _t: object) -> None:
            self.progress.setRange(0, total)
            self.progress.setValue(done)

        job.progress.connect(progressed)

        def succeeded(pdf: bytes) -> None:
            self._finish()
            self.status.setText(_("Packet built ({size} KB).").format(size=max(1, len(pdf) // 1024)))
            self.show_preview(pdf, request)

        def failed(exc: BaseException) -> None:
            self._finish()
            self.status.setText(error_message(exc))

        job.succeeded.connect(succeeded)
        job.failed.connect(failed)
        job.start()
        return job

    def show_preview(self, pdf: bytes, request: PacketRequest) -> Any:
        from partnerdesk.ui.packets.preview import PacketPreview

        title = _(pb.KIND_TITLES[request.kind])
        if request.partner:
            title = _("{packet} – {partner}").format(packet=title, partner=request.partner.name)
        ws = self.context.ws
        preview = PacketPreview(pdf, title, pb.packet_file_name(request), self.context, self.parentWidget(),
                                rebuild=lambda: pb.build_packet(ws, request))
        preview.destroyed.connect(lambda *_a, p=preview: self.previews.remove(p) if p in self.previews else None)
        self.previews.append(preview)
        preview.show()
        return preview

    # --- batch ------------------------------------------------------------------------------------------
    def choose_folder_and_build(self) -> None:
        start = self.context.settings.value("packets/folder", "", type=str) or str(documents_dir())
        folder = QFileDialog.getExistingDirectory(self, _("Folder for the packets"), start)
        if folder:
            self.build_batch(Path(folder))

    def build_batch(self, folder: Path, replace: bool | None = None) -> ProgressJob | None:
        """Build every checked partner's packet into ``folder``. ``replace`` None asks before replacing files."""
        requests = self.requests()
        if not requests or self.job is not None:
            return None
        existing = pb.existing_files(requests, folder)
        if existing and replace is None:
            answer = QMessageBox.question(self, _("Build packet"), ngettext(
                "{count} packet already exists in this folder. Replace it?",
                "{count} packets already exist in this folder. Replace them?", len(existing)).format(
                count=len(existing)))
            replace = answer == QMessageBox.StandardButton.Yes
        if existing and not replace:
            return None
        self.context.settings.setValue("packets/folder", str(folder))
        self._remember_choices()
        ws = self.context.ws
        job = ProgressJob(lambda j: pb.build_batch(ws, requests, folder, j.report, j.is_cancelled), self)
        self.last_folder = folder
        self.batch_running = True
        self._start(job, ngettext("Building {count} packet…", "Building {count} packets…",
                                  len(requests)).format(count=len(requests)))
        self.progress.setRange(0, len(requests))
        self.progress.setValue(0)

        def progress(done: int, total: int, name: str) -> None:
            self.progress.setValue(done)
            if name and not job.is_cancelled():
                self.status.setText(_("Building {current} of {total}: {partner}").format(
                    current=done + 1, total=total, partner=name))

        def succeeded(summary: pb.BatchSummary) -> None:
            self._finish()
            self.show_summary(summary, folder)

        def failed(exc: BaseException) -> None:
            self._finish()
            self.status.setText(error_message(exc))

        job.progress.connect(progress)
        job.succeeded.connect(succeeded)
        job.failed.connect(failed)
        job.start()
        return job

    def show_summary(self, summary: pb.BatchSummary, folder: Path) -> None:
        self.last_summary = summary
        lines = [ngettext("{count} packet written to “{folder}”.", "{count} packets written to “{folder}”.",
                          len(summary.written)).format(count=len(summary.written), folder=str(folder))]
        if summary.cancelled:
            lines.append(_("Cancelled: {skipped} of {total} not built.").format(
                skipped=summary.total - summary.done, total=summary.total))
        if summary.failures:
            lines.append(ngettext("{count} packet could not be built:", "{count} packets could not be built:",
                                  len(summary.failures)).format(count=len(summary.failures)))
            lines += [_("{partner}: {error}").format(partner=f.partner, error=f.error.message)
                      for f in summary.failures]
        self.status.setText("\n".join(lines))
        self.open_folder.setVisible(bool(summary.written))

    def _open_folder(self) -> None:
        if self.last_folder is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.last_folder)))

    def cancel(self) -> None:
        if isinstance(self.job, ProgressJob):
            self.job.cancel()
            self.cancel_button.setEnabled(False)
            self.status.setText(_("Cancelling after the current packet…"))

    # --- job life cycle ---------------------------------------------------------------------------------
    def _start(self, job: BackgroundJob, message: str) -> None:
        self.job = job
        self.open_folder.hide()
        self.progress.show()
        self.status.setText(message)
        self.cancel_button.setEnabled(True)
        self._update_state()

    def _finish(self) -> None:
        job, self.job = self.job, None
        self.batch_running = False
        if job is not None:
            job.wait()
            job.deleteLater()
        self.progress.hide()
        self._update_state()

    def done(self, result: int) -> None:  # Close, Esc and the window's close button all end here
        if self.job is not None:  # never destroy the dialog under a running worker
            if isinstance(self.job, ProgressJob):
                self.job.cancel()
            self.job.wait()
        super().done(result)
