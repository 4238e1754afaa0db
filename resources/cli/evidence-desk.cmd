@echo off
rem The `evidence-desk` command of an installed Evidence Desk (Windows), in <app>\resources\bin.
rem With arguments it runs the command line with the app's own runtime; with none it opens the app.
setlocal
set "APP=%~dp0..\..\Evidence Desk.exe"
if not exist "%APP%" (
  echo evidence-desk: the app is not where this command expects it ^(%APP%^). Reinstall Evidence Desk. 1>&2
  exit /b 1
)
if "%~1"=="" (
  start "" "%APP%"
  exit /b 0
)
set ELECTRON_RUN_AS_NODE=1
"%APP%" "%~dp0..\app.asar\out\cli\evidence-desk.js" %*
exit /b %ERRORLEVEL%
