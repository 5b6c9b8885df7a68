"""Qt's own user-visible strings that qtbase does not translate for every language (Greek has no qtbase
catalog at all). Each entry is (Qt translation context, Qt source text); the text is extracted into OUR catalog
with the Qt context as msgctxt, so :class:`partnerdesk.ui.qt_i18n.CatalogQtTranslator` can answer Qt from it.
"""

from __future__ import annotations

from partnerdesk.l10n import pgettext

# Calls to pgettext with literal arguments so that extraction picks them up; never called at runtime.
if False:  # pragma: no cover - extraction only
    # Standard buttons (QDialogButtonBox, QMessageBox use the platform theme's texts)
    pgettext("QPlatformTheme", "OK")
    pgettext("QPlatformTheme", "Save")
    pgettext("QPlatformTheme", "Save All")
    pgettext("QPlatformTheme", "Open")
    pgettext("QPlatformTheme", "&Yes")
    pgettext("QPlatformTheme", "Yes to &All")
    pgettext("QPlatformTheme", "&No")
    pgettext("QPlatformTheme", "N&o to All")
    pgettext("QPlatformTheme", "Abort")
    pgettext("QPlatformTheme", "Retry")
    pgettext("QPlatformTheme", "Ignore")
    pgettext("QPlatformTheme", "Close")
    pgettext("QPlatformTheme", "Cancel")
    pgettext("QPlatformTheme", "Discard")
    pgettext("QPlatformTheme", "Don't Save")
    pgettext("QPlatformTheme", "Help")
    pgettext("QPlatformTheme", "Apply")
    pgettext("QPlatformTheme", "Reset")
    pgettext("QPlatformTheme", "Restore Defaults")
    pgettext("QGnomeTheme", "&OK")
    pgettext("QGnomeTheme", "&Save")
    pgettext("QGnomeTheme", "&Cancel")
    pgettext("QGnomeTheme", "&Close")
    pgettext("QGnomeTheme", "Close without Saving")
    # Message boxes
    pgettext("QMessageBox", "Show Details...")
    pgettext("QMessageBox", "Hide Details...")
    pgettext("QMessageBox", "About Qt")
    # Context menus of text fields
    pgettext("QLineEdit", "&Undo")
    pgettext("QLineEdit", "&Redo")
    pgettext("QLineEdit", "Cu&t")
    pgettext("QLineEdit", "&Copy")
    pgettext("QLineEdit", "&Paste")
    pgettext("QLineEdit", "Delete")
    pgettext("QLineEdit", "Select All")
    pgettext("QWidgetTextControl", "&Undo")
    pgettext("QWidgetTextControl", "&Redo")
    pgettext("QWidgetTextControl", "Cu&t")
    pgettext("QWidgetTextControl", "&Copy")
    pgettext("QWidgetTextControl", "Copy &Link Location")
    pgettext("QWidgetTextControl", "&Paste")
    pgettext("QWidgetTextControl", "Delete")
    pgettext("QWidgetTextControl", "Select All")
    # Spin boxes and other editors
    pgettext("QAbstractSpinBox", "&Select All")
    pgettext("QAbstractSpinBox", "&Step up")
    pgettext("QAbstractSpinBox", "Step &down")
    # File dialogs
    pgettext("QFileDialog", "Look in:")
    pgettext("QFileDialog", "Back")
    pgettext("QFileDialog", "Forward")
    pgettext("QFileDialog", "Parent Directory")
    pgettext("QFileDialog", "Create New Folder")
    pgettext("QFileDialog", "List View")
    pgettext("QFileDialog", "Detail View")
    pgettext("QFileDialog", "File &name:")
    pgettext("QFileDialog", "Files of type:")
    pgettext("QFileDialog", "&Open")
    pgettext("QFileDialog", "&Save")
    pgettext("QFileDialog", "&Choose")
    pgettext("QFileDialog", "Open")
    pgettext("QFileDialog", "Save As")
    pgettext("QFileDialog", "All Files (*)")
    pgettext("QFileDialog", "Directory:")
    pgettext("QFileDialog", "New Folder")
    pgettext("QFileDialog", "&New Folder")
    pgettext("QFileDialog", "&Rename")
    pgettext("QFileDialog", "&Delete")
    pgettext("QFileDialog", "Show &hidden files")
    pgettext("QFileDialog", "Recent Places")
    pgettext("QFileDialog", "My Computer")
    pgettext("QFileSystemModel", "Name")
    pgettext("QFileSystemModel", "Size")
    pgettext("QFileSystemModel", "Type")
    pgettext("QFileSystemModel", "Date Modified")
    # Wizard and print dialogs
    pgettext("QWizard", "< &Back")
    pgettext("QWizard", "&Next >")
    pgettext("QWizard", "&Finish")
    pgettext("QWizard", "Cancel")
    pgettext("QWizard", "Help")
    pgettext("QPrintDialog", "Print")
    pgettext("QPrintPreviewDialog", "Print Preview")
    pgettext("QPrintPreviewDialog", "Close")
    # Dock widgets and tool bars
    pgettext("QDockWidget", "Float")
    pgettext("QDockWidget", "Close")
    pgettext("QToolBar", "More...")

CONTEXTS: frozenset[str] = frozenset({
    "QPlatformTheme", "QGnomeTheme", "QMessageBox", "QLineEdit", "QWidgetTextControl", "QAbstractSpinBox",
    "QFileDialog", "QFileSystemModel", "QWizard", "QPrintDialog", "QPrintPreviewDialog", "QDockWidget",
    "QToolBar",
})
