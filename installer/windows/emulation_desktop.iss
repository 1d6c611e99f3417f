; Inno Setup 6 script for Emulation Desktop (Windows 10/11, 64-bit).
;
; Build the one-folder program first (`python -m installer.build` gives dist\emulation-desktop), then,
; from the project root:
;
;   "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 installer\windows\emulation_desktop.iss
;
; The version is injected at build time with /DAppVersion (see installer/README.md); without it the
; script stops rather than ship an installer that lies about its version. The installer lands in
; dist\installer\emulation-desktop-<version>-setup.exe.
;
; What it does:
; - installs per machine under Program Files (admin) or per user (no admin), the user's choice;
; - Start-menu icons, an optional desktop icon;
; - Vietnamese (default) and English installer pages;
; - "Open with" for data packages (.zip from "Export data package"): a double-click on a package
;   chosen to open with us starts the program with the import screen (the path is the only argument);
; - uninstalling removes the program, never the user's data folder
;   (%LOCALAPPDATA%\emulation-desktop: the database, backups and logs live there, created by the app).

#ifndef AppVersion
  #error Pass the version: ISCC /DAppVersion=0.1.0 installer\windows\emulation_desktop.iss
#endif

#define AppName "Emulation Desktop"
#define AppNameVi "Quản lý thi đua"
#define AppExeName "emulation-desktop.exe"
#define AppId "{{6C1E3A52-8F0B-4E0C-9F1D-3B7A2E5D9C41}"
#define SourceDir "..\..\dist\emulation-desktop"
; Our packages are zip files (emulation_desktop/exchange/export_package.py names them
; goi-du-lieu-<unit>-<year>.zip). We do not take over .zip: we add ourselves to its "Open with" list.
; If the packages get their own extension one day, set it here and the association becomes the default.
#define PackageExt ".zip"
#define PackageProgId "EmulationDesktop.Package"

[Setup]
AppId={#AppId}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Mat tran To quoc Viet Nam
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\..\dist\installer
OutputBaseFilename=emulation-desktop-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\emulation-desktop.ico
UninstallDisplayIcon={app}\{#AppExeName}
UninstallDisplayName={#AppName} {#AppVersion}
LicenseFile=..\..\resources\licenses\THIRD-PARTY.txt
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ChangesAssociations=yes
CloseApplications=yes
ShowLanguageDialog=auto

[Languages]
; Vietnamese.isl is an unofficial Inno Setup translation (same licence as Inno Setup), not installed
; with Inno Setup itself: download it from https://jrsoftware.org/files/istrans/ and put it next to
; this script (installer\windows\Vietnamese.isl), or under the compiler's Languages\Unofficial folder.
#if FileExists(AddBackslash(SourcePath) + "Vietnamese.isl")
Name: "vi"; MessagesFile: "Vietnamese.isl"
#elif FileExists(AddBackslash(CompilerPath) + "Languages\Unofficial\Vietnamese.isl")
Name: "vi"; MessagesFile: "compiler:Languages\Unofficial\Vietnamese.isl"
#elif FileExists(AddBackslash(CompilerPath) + "Languages\Vietnamese.isl")
Name: "vi"; MessagesFile: "compiler:Languages\Vietnamese.isl"
#else
  #error Vietnamese.isl not found: see installer/README.md, step 4
#endif
Name: "en"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
vi.AppTitle={#AppNameVi}
en.AppTitle={#AppName}
vi.OpenPackage=Mở gói dữ liệu thi đua
en.OpenPackage=Open emulation data package
vi.AssocTask=Mở gói dữ liệu (.zip) bằng chương trình (mục "Open with")
en.AssocTask=Offer to open data packages (.zip) with the program ("Open with")
vi.CommandLine=Dòng lệnh (báo cáo, sao lưu)
en.CommandLine=Command line (reports, backups)
vi.UninstallKeepsData=Dữ liệu của bạn trong %1 được giữ lại. Xóa thư mục đó bằng tay nếu không còn cần.
en.UninstallKeepsData=Your data in %1 is kept. Delete that folder by hand if you no longer need it.

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "packageassoc"; Description: "{cm:AssocTask}"; GroupDescription: "{cm:AssocFileExtension,{cm:AppTitle},{#PackageExt}}"

[Files]
; The whole PyInstaller folder. Nothing under the user's data folder is ever installed or removed.
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{cm:AppTitle}"; Filename: "{app}\{#AppExeName}"; WorkingDir: "{userdocs}"
Name: "{group}\{cm:CommandLine}"; Filename: "{cmd}"; Parameters: "/k ""{app}\emulation-desktop-cli.exe"" --help"; WorkingDir: "{userdocs}"
Name: "{group}\{cm:UninstallProgram,{cm:AppTitle}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{cm:AppTitle}"; Filename: "{app}\{#AppExeName}"; WorkingDir: "{userdocs}"; Tasks: desktopicon

[Registry]
; A ProgID for packages, and our entry in the extension's "Open with" list. HKA is HKLM for an
; all-users install and HKCU for a per-user one.
Root: HKA; Subkey: "Software\Classes\{#PackageProgId}"; ValueType: string; ValueName: ""; ValueData: "{cm:OpenPackage}"; Flags: uninsdeletekey; Tasks: packageassoc
Root: HKA; Subkey: "Software\Classes\{#PackageProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExeName},0"; Tasks: packageassoc
Root: HKA; Subkey: "Software\Classes\{#PackageProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExeName}"" ""%1"""; Tasks: packageassoc
Root: HKA; Subkey: "Software\Classes\{#PackageExt}\OpenWithProgids"; ValueType: string; ValueName: "{#PackageProgId}"; ValueData: ""; Flags: uninsdeletevalue; Tasks: packageassoc
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExeName}\SupportedTypes"; ValueType: string; ValueName: "{#PackageExt}"; ValueData: ""; Flags: uninsdeletekey; Tasks: packageassoc
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExeName}"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "{cm:AppTitle}"; Flags: uninsdeletekey; Tasks: packageassoc

[Run]
Filename: "{app}\{#AppExeName}"; Description: "{cm:LaunchProgram,{cm:AppTitle}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only what the program itself wrote next to its files (Python byte-code caches); never {localappdata}.
Type: filesandordirs; Name: "{app}\_internal\__pycache__"

[Code]
function DataFolder(): String;
begin
  { platformdirs' user_data_path("emulation-desktop", appauthor=False) on Windows }
  Result := ExpandConstant('{localappdata}\emulation-desktop');
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and DirExists(DataFolder()) and not UninstallSilent() then
    MsgBox(FmtMessage(CustomMessage('UninstallKeepsData'), [DataFolder()]), mbInformation, MB_OK);
end;
