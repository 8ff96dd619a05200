; Inno Setup script for a Windows installer of the folder built by packaging/build-app.sh.
; NOT YET RUN: written from Inno Setup 6's documentation; the GitHub workflow compiles it on
; a Windows runner ("Windows installer (Inno Setup) - not yet run"). Compile by hand with
;   ISCC.exe /DAppVersion=0.1.0 packaging\windows\skyclear.iss
; It installs for the current user only (no administrator rights needed), adds a Start menu
; entry, and leaves the user's library and settings (%LOCALAPPDATA%\SkyClear) on uninstall.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{6B1D3C0E-4F0A-4E52-9C71-5D1C2A9E7B34}
AppName=SkyClear
AppVersion={#AppVersion}
AppPublisher=SkyClear
DefaultDirName={autopf}\SkyClear
DefaultGroupName=SkyClear
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
SourceDir=..\..
OutputDir=dist
OutputBaseFilename=SkyClear-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\SkyClear.exe

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "french"; MessagesFile: "compiler:Languages\French.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "dist\SkyClear\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\SkyClear"; Filename: "{app}\SkyClear.exe"
Name: "{autodesktop}\SkyClear"; Filename: "{app}\SkyClear.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\SkyClear.exe"; Description: "{cm:LaunchProgram,SkyClear}"; Flags: nowait postinstall skipifsilent
