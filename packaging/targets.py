"""What each desktop OS gets from the one-folder build: executables, icon, console or windowed, Info.plist,
version resource, and the files left out of the bundle.

`partnerdesk.spec` loads this file by path (a folder named ``packaging`` would shadow the PyPI ``packaging``
that PyInstaller imports) and asks ``target(sys.platform, __version__)``. Everything here is plain data so
`tests/ship/test_targets.py` checks the Windows and macOS decisions on Linux.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

APP_NAME = "PartnerDesk"
CLI_NAME = "partnerdesk-cli"
BUNDLE_ID = "app.partnerdesk.PartnerDesk"
PUBLISHER = "PartnerDesk"
# The workspace document type, declared the same way on every OS (shared-mime-info on Linux).
WORKSPACE_EXTENSION = "pdk"
WORKSPACE_UTI = "app.partnerdesk.workspace"
WORKSPACE_MIME = "application/x-partnerdesk-workspace"
UI_LANGUAGES = ("en", "pt", "pt_PT", "ja", "it", "el", "ar")
QT_TRANSLATIONS = ("ar", "ja", "it", "pt_BR", "pt")  # qtbase has no Greek: our own catalogue covers it
# Qt 6.11 supports macOS 13 (Ventura) and later (doc.qt.io/qt-6.11/macos.html).
MACOS_MINIMUM = "13.0"
# Windows Explorer picks 16, 24, 32 and 48 px for lists and details, 256 px for large icons and tiles.
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZES = (16, 32, 64, 128, 256, 512)  # Pillow adds the 1024 px @2x entry from 512
# Python's UTF-8 mode: CLI output redirected to a file under a legacy code page (cp1252, cp932) no longer
# raises UnicodeEncodeError, and files are read as UTF-8 whatever the ANSI code page.
UTF8_MODE_OPTION = "X utf8_mode=1"
# Never loaded by PartnerDesk; pkg_resources alone costs ~0.11 s at every frozen start (its runtime hook).
EXCLUDED_MODULES = (
    "pkg_resources", "setuptools", "distutils", "tkinter", "pytest", "hypothesis", "IPython", "numpy",
    "PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtQuickWidgets", "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineWidgets", "PySide6.QtWebEngineQuick", "PySide6.QtWebView", "PySide6.QtVirtualKeyboard",
    "PySide6.Qt3DCore", "PySide6.QtMultimedia", "PySide6.QtCharts", "PySide6.QtDataVisualization",
    "PySide6.QtGraphs", "PySide6.QtQuick3D", "PySide6.QtLocation", "PySide6.QtPositioning", "PySide6.QtBluetooth",
    "PySide6.QtNfc", "PySide6.QtSerialPort", "PySide6.QtSensors", "PySide6.QtTextToSpeech", "PySide6.QtDesigner",
    "PySide6.QtUiTools", "PySide6.QtSql", "PySide6.QtTest", "PySide6.QtHelp", "PySide6.QtScxml",
    "PySide6.QtRemoteObjects", "PySide6.QtNetworkAuth", "PySide6.QtWebSockets", "PySide6.QtHttpServer",
    "PySide6.QtSpatialAudio", "PySide6.QtStateMachine", "PySide6.QtOpenGL", "PySide6.QtOpenGLWidgets",
    "PySide6.Qt3DRender", "PySide6.Qt3DInput", "PySide6.Qt3DLogic", "PySide6.Qt3DAnimation",
    "PySide6.Qt3DExtras", "PySide6.QtCanvasPainter",
    # Pillow's AVIF codec (5 MB of libavif): logos are PNG or JPEG (the brand editor's file filter).
    "PIL._avif", "PIL.AvifImagePlugin",
    # keyring's Secret Service backend needs SecretStorage, which needs cryptography (16 MB): the frozen Linux
    # build goes without it and Team mode asks for the password instead of remembering it (docs/team-mode.md).
    "cryptography", "secretstorage",
)
# Distributions whose metadata (version, licence, licence files) is bundled, so About lists them frozen.
BUNDLED_DISTRIBUTIONS = (
    "PySide6-Essentials", "PySide6-Addons", "shiboken6", "SQLAlchemy", "alembic", "Mako", "MarkupSafe",
    "reportlab", "pillow", "babel", "tzdata", "platformdirs", "arabic-reshaper", "python-bidi", "vobject",
    "icalendar", "python-dateutil", "six", "recurring-ical-events", "x-wr-timezone", "charset-normalizer",
    "phonenumbers", "typing_extensions", "psycopg", "psycopg-binary", "keyring", "jaraco.classes",
    "jaraco.context", "jaraco.functools", "more-itertools", "jeepney",
)


@dataclass(frozen=True)
class Executable:
    name: str  # file name without the platform suffix (.exe is added by PyInstaller on Windows)
    console: bool  # False: a GUI app (no console window on Windows; a Dock app on macOS)
    purpose: str


@dataclass(frozen=True)
class Target:
    platform: str  # "win32", "darwin" or "linux"
    executables: tuple[Executable, ...]
    icon: str  # file name in the generated icons folder (packaging/make_icons.py)
    strip: bool
    bundle: bool  # macOS .app (PyInstaller BUNDLE)
    exe_options: tuple[str, ...]
    info_plist: dict[str, object] = field(default_factory=dict)
    version_info: dict[str, object] = field(default_factory=dict)

    @property
    def gui(self) -> Executable:
        return self.executables[0]


def version_tuple(version: str) -> tuple[int, int, int, int]:
    """The four numbers of a Windows VERSIONINFO (``0.1.0`` -> ``(0, 1, 0, 0)``); pre-release text dropped."""
    numbers = [int(m.group()) for m in (re.match(r"\d+", p) for p in version.split(".")[:4]) if m]
    return tuple((numbers + [0, 0, 0, 0])[:4])  # type: ignore[return-value]


def info_plist(version: str) -> dict[str, object]:
    """The Info.plist keys PyInstaller's BUNDLE does not write itself (it writes the name, identifier,
    executable, icon and CFBundleShortVersionString)."""
    return {
        "CFBundleName": APP_NAME,
        "CFBundleDisplayName": APP_NAME,
        "CFBundleShortVersionString": version,
        "CFBundleVersion": version,
        "CFBundleDevelopmentRegion": "en",
        # Native panels (file dialogs, the menu bar's system items) follow the user's language only for
        # the localizations the bundle declares.
        "CFBundleLocalizations": list(UI_LANGUAGES),
        "CFBundleAllowMixedLocalizations": True,
        "LSMinimumSystemVersion": MACOS_MINIMUM,
        "LSApplicationCategoryType": "public.app-category.business",
        "NSHighResolutionCapable": True,
        "NSPrincipalClass": "NSApplication",
        "NSRequiresAquaSystemAppearance": False,  # follow the system's dark mode
        "NSHumanReadableCopyright": f"© {PUBLISHER}",
        "CFBundleDocumentTypes": [{
            "CFBundleTypeName": "PartnerDesk Workspace",
            "CFBundleTypeRole": "Editor",
            "LSHandlerRank": "Owner",
            "LSItemContentTypes": [WORKSPACE_UTI],
            "CFBundleTypeIconFile": "partnerdesk.icns",
        }],
        "UTExportedTypeDeclarations": [{
            "UTTypeIdentifier": WORKSPACE_UTI,
            "UTTypeDescription": "PartnerDesk Workspace",
            "UTTypeConformsTo": ["public.data", "public.database"],
            "UTTypeIconFile": "partnerdesk.icns",
            "UTTypeTagSpecification": {
                "public.filename-extension": [WORKSPACE_EXTENSION],
                "public.mime-type": [WORKSPACE_MIME],
            },
        }],
    }


def version_info(version: str, exe_name: str) -> dict[str, object]:
    """Windows VERSIONINFO as data: what Explorer's Details tab and the installer show."""
    return {
        "filevers": version_tuple(version),
        "prodvers": version_tuple(version),
        "strings": {
            "CompanyName": PUBLISHER,
            "FileDescription": "PartnerDesk partnership manager",
            "FileVersion": version,
            "InternalName": exe_name,
            "LegalCopyright": f"© {PUBLISHER}",
            "OriginalFilename": f"{exe_name}.exe",
            "ProductName": APP_NAME,
            "ProductVersion": version,
        },
        "translation": (0x0409, 1200),  # U.S. English, Unicode
    }


def target(platform: str, version: str) -> Target:
    """The build decisions for ``sys.platform`` (``linux`` for any other Unix)."""
    if platform == "win32":
        return Target(
            platform="win32",
            # A windowed exe has no stdout (sys.stdout is None): the CLI gets its own console exe beside
            # it, as MusicBrainz Picard ships picard.exe and a console build.
            executables=(Executable(APP_NAME, console=False, purpose="gui"),
                         Executable(CLI_NAME, console=True, purpose="cli")),
            icon="partnerdesk.ico", strip=False, bundle=False,  # no `strip` on Windows
            exe_options=(UTF8_MODE_OPTION,),
            version_info=version_info(version, APP_NAME),
        )
    if platform == "darwin":
        # console=True would make PyInstaller write LSBackgroundOnly: no Dock icon and no menu bar. The
        # windowed executable still prints to a terminal when started as PartnerDesk.app/Contents/MacOS/…
        return Target(
            platform="darwin",
            executables=(Executable(APP_NAME, console=False, purpose="gui"),),
            icon="partnerdesk.icns", strip=True, bundle=True,
            exe_options=(UTF8_MODE_OPTION,),
            info_plist=info_plist(version),
        )
    # Linux: a console executable still opens the window, and keeps CLI output.
    return Target(
        platform="linux",
        executables=(Executable(APP_NAME, console=True, purpose="gui"),),
        icon="partnerdesk-256.png", strip=True, bundle=False,
        exe_options=(UTF8_MODE_OPTION,),
    )


# --- files left out of the bundle ----------------------------------------------------------------------------
_DROP = [
    r"Qt6?(Qml|Quick|QuickControls2|QuickTemplates2|QuickWidgets|QuickShapes|QuickLayouts|QuickParticles"
    r"|QuickEffects|QuickDialogs2|QuickTest|QmlModels|QmlWorkerScript|QmlMeta|QmlCore|QmlLocalStorage"
    r"|QmlXmlListModel|LabsQmlModels|Labs\w*)",
    r"Qt6?WebEngine", r"Qt6?WebView", r"Qt6?WebChannel", r"Qt6?WebSockets", r"Qt6?VirtualKeyboard",
    r"Qt6?Wayland", r"Qt6?Pdf(Quick)", r"Qt6?3D", r"Qt6?Multimedia", r"Qt6?Charts", r"Qt6?Graphs",
    r"Qt6?DataVisualization", r"Qt6?Quick3D", r"Qt6?ShaderTools", r"Qt6?Designer", r"Qt6?Sql",
    r"Qt6?Location", r"Qt6?Positioning", r"Qt6?Sensors", r"Qt6?TextToSpeech", r"Qt6?Bluetooth",
    r"Qt6?SerialPort", r"Qt6?Scxml", r"Qt6?StateMachine", r"Qt6?RemoteObjects", r"Qt6?Help", r"Qt6?Test",
    r"Qt6?UiTools", r"Qt6?SpatialAudio", r"Qt6?HttpServer", r"Qt6?NetworkAuth", r"Qt6?Nfc",
    r"Qt6?CanvasPainter", r"Qt6?Lottie", r"Qt6?Protobuf", r"Qt6?Grpc", r"Qt6?OpenGLWidgets",
    r"Qt6?Concurrent", r"Qt6?Svg(Widgets)",
    r"/qml/", r"/plugins/(qmltooling|wayland[^/]*|egldeviceintegrations|platforminputcontexts|webview"
    r"|sceneparsers|renderers|renderplugins|geometryloaders|assetimporters|geoservices|position|sensors"
    r"|multimedia|texttospeech|canbus|designer|scxmldatamodel|sqldrivers|networkinformation"
    r"|vectorimageformats)/",
    r"/plugins/platforms/lib(qwayland|qeglfs|qlinuxfb|qminimalegl|qvnc|qvkkhrdisplay)",
    r"/plugins/platforms/qdirect2d\.dll",
    r"/plugins/platformthemes/libqgtk3",
    r"/plugins/xcbglintegrations/libqxcb-egl",
    r"/plugins/imageformats/(lib)?q(tiff|webp|tga|wbmp|pdf|gif)",
    r"/libexec/", r"/resources/qtwebengine", r"/translations/qtwebengine",
    r"Qt6?EglF[Ss]", r"Qt6?WlShellIntegration", r"/plugins/tls/", r"/plugins/generic/",
    # the GTK theme plugin is dropped above; so is the GTK stack PyInstaller collected for it
    r"/lib(atk|atk-bridge|gtk|gdk|gdk_pixbuf|cairo|cairo-gobject|pango|pangocairo|pangoft2|pixman|thai"
    r"|datrie|epoxy|atspi)(-[\d.]+)?\.so",
    # pytz (vobject's dependency) reads the tzdata package's zone files in the bundle (packaging/launcher.py):
    # one copy of the time-zone database, not two
    r"/pytz/zoneinfo/",
    # message catalogues ship compiled: a .po copied after its .mo looks newer and is recompiled at start
    r"/i18n/[^/]+/LC_MESSAGES/[^/]+\.po$",
]
_DROP_RE = re.compile("|".join(f"(?:{p})" for p in _DROP))
_QT_LANGS = "|".join(QT_TRANSLATIONS)
_UI_LANGS = "|".join(UI_LANGUAGES)
_KEEP_QM = re.compile(rf"/translations/qtbase_({_QT_LANGS})\.qm$")
_BABEL_LOCALES = re.compile(rf"/babel/locale-data/(root|{_UI_LANGS})(_\w+)?\.dat$")


def keep(dest: str, src: str | None = None) -> bool:
    """Whether a collected file (PyInstaller's (dest, src, kind) entry) belongs in the bundle."""
    dest = "/" + dest.replace("\\", "/")
    if "/babel/locale-data/" in dest:  # CLDR data for the six UI languages only (~31 MB saved)
        return bool(_BABEL_LOCALES.search(dest))
    if "/translations/" in dest and dest.endswith(".qm"):
        return bool(_KEEP_QM.search(dest))
    name = "/" + (src or "").replace("\\", "/").rsplit("/", 1)[-1]
    return not (_DROP_RE.search(dest) or (src and _DROP_RE.search(name)))
