; Inno Setup 6 script for the PartnerDesk installer (Windows 10/11, x64). Built by .github/workflows/release.yml:
;   iscc /DAppVersion=0.1.0 packaging\windows\partnerdesk.iss
; Input: dist\PartnerDesk\ (PyInstaller one-folder build: PartnerDesk.exe windowed, partnerdesk-cli.exe console)
; and build\icons\partnerdesk.ico (packaging/make_icons.py). Output: dist\PartnerDesk-<version>-setup.exe.
; Per-user by default (no administrator rights needed); the user may choose "install for all users".

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif

[Setup]
; The AppId identifies the installation for upgrades and the uninstaller: never change it.
AppId={{6F1C9E52-3B7A-4D0E-9A51-2C8D4B7E1F30}
AppName=PartnerDesk
AppVersion={#AppVersion}
AppVerName=PartnerDesk {#AppVersion}
AppPublisher=PartnerDesk
AppPublisherURL=https://partnerdesk.app/
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\PartnerDesk
DefaultGroupName=PartnerDesk
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
ChangesAssociations=yes
CloseApplications=yes
SourceDir=..\..
OutputDir=dist
OutputBaseFilename=PartnerDesk-{#AppVersion}-setup
SetupIconFile=build\icons\partnerdesk.ico
UninstallDisplayIcon={app}\PartnerDesk.exe
UninstallDisplayName=PartnerDesk
WizardStyle=modern
Compression=lzma2/max
SolidCompression=yes
ShowLanguageDialog=auto
UsePreviousLanguage=no

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "pt"; MessagesFile: "compiler:Languages\BrazilianPortuguese.isl"
Name: "pt_PT"; MessagesFile: "compiler:Languages\Portuguese.isl"
Name: "ja"; MessagesFile: "compiler:Languages\Japanese.isl"
Name: "it"; MessagesFile: "compiler:Languages\Italian.isl"
Name: "el"; MessagesFile: "compiler:Languages\Greek.isl"
Name: "ar"; MessagesFile: "compiler:Languages\Arabic.isl"

[CustomMessages]
en.WorkspaceType=PartnerDesk workspace
pt.WorkspaceType=Espaço de trabalho do PartnerDesk
pt_PT.WorkspaceType=Espaço de trabalho do PartnerDesk
ja.WorkspaceType=PartnerDesk ワークスペース
it.WorkspaceType=Spazio di lavoro PartnerDesk
el.WorkspaceType=Χώρος εργασίας PartnerDesk
ar.WorkspaceType=مساحة عمل PartnerDesk
en.CommandLine=PartnerDesk (command line)
pt.CommandLine=PartnerDesk (linha de comando)
pt_PT.CommandLine=PartnerDesk (linha de comandos)
ja.CommandLine=PartnerDesk (コマンドライン)
it.CommandLine=PartnerDesk (riga di comando)
el.CommandLine=PartnerDesk (γραμμή εντολών)
ar.CommandLine=PartnerDesk (سطر الأوامر)

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "dist\PartnerDesk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\PartnerDesk"; Filename: "{app}\PartnerDesk.exe"
Name: "{autodesktop}\PartnerDesk"; Filename: "{app}\PartnerDesk.exe"; Tasks: desktopicon

[Registry]
; The .pdk association, under HKCU\Software\Classes for a per-user install (HKA follows the install mode).
Root: HKA; Subkey: "Software\Classes\.pdk"; ValueType: string; ValueName: ""; ValueData: "PartnerDesk.Workspace"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.pdk\OpenWithProgids"; ValueType: string; ValueName: "PartnerDesk.Workspace"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\PartnerDesk.Workspace"; ValueType: string; ValueName: ""; ValueData: "{cm:WorkspaceType}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\PartnerDesk.Workspace\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: """{app}\PartnerDesk.exe"",0"
Root: HKA; Subkey: "Software\Classes\PartnerDesk.Workspace\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\PartnerDesk.exe"" ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\PartnerDesk.exe\SupportedTypes"; ValueType: string; ValueName: ".pdk"; ValueData: ""; Flags: uninsdeletekey

[Run]
Filename: "{app}\PartnerDesk.exe"; Description: "{cm:LaunchProgram,PartnerDesk}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only what the app wrote inside its own folder; the user's workspaces and settings are never touched.
Type: filesandordirs; Name: "{app}\_internal\__pycache__"
