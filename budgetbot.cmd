@echo off
rem The `budgetbot` command of a clone on Windows: see the bash script beside it.
dotnet run --project "%~dp0src\BudgetBot" --verbosity quiet -- %*
