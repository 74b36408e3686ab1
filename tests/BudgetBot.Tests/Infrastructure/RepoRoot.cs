namespace BudgetBot.Tests.Infrastructure;

internal static class RepoRoot
{
    // The checkout this test run was built from (the folder holding BudgetBot.sln).
    public static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BudgetBot.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("BudgetBot.sln not found above " + AppContext.BaseDirectory);
    }
}
