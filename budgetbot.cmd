@echo off
rem The `budgetbot` command of a clone on Windows: see the bash script beside it.
setlocal
if not defined Policy__Path set "Policy__Path=%~dp0budgetbot.policy.yaml"
if not defined ConnectionStrings__BudgetBot set "ConnectionStrings__BudgetBot=Data Source=%~dp0budgetbot.db"
dotnet run --project "%~dp0src\BudgetBot" --verbosity quiet -- %*
