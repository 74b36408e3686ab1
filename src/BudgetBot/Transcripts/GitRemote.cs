using BudgetBot.Otlp;

namespace BudgetBot.Transcripts;

// A working directory's repository, from the origin remote in its .git/config (found by walking up,
// following a worktree's `.git` file to the shared config). Null when the directory is gone or has no
// remote: the caller decides what then.
internal static class GitRemote
{
    public static string? RepoOf(string? cwd)
    {
        for (var dir = cwd is null ? null : new DirectoryInfo(cwd); dir is not null && dir.Exists; dir = dir.Parent)
        {
            var dotGit = Path.Combine(dir.FullName, ".git");
            if (ConfigPath(dotGit) is { } config)
            {
                return RepoNames.FromUrl(OriginUrl(File.ReadLines(config)));
            }
        }
        return null;
    }

    private static string? ConfigPath(string dotGit)
    {
        if (Directory.Exists(dotGit))
        {
            var config = Path.Combine(dotGit, "config");
            return File.Exists(config) ? config : null;
        }
        if (!File.Exists(dotGit))
        {
            return null;
        }
        var line = File.ReadLines(dotGit).FirstOrDefault(l => l.StartsWith("gitdir:", StringComparison.Ordinal));
        if (line is null)
        {
            return null;
        }
        var gitDir = Path.GetFullPath(line["gitdir:".Length..].Trim(), Path.GetDirectoryName(dotGit)!);
        var common = Path.Combine(gitDir, "commondir");
        var shared = File.Exists(common) ? Path.GetFullPath(File.ReadAllText(common).Trim(), gitDir) : gitDir;
        var path = Path.Combine(shared, "config");
        return File.Exists(path) ? path : null;
    }

    // The url of [remote "origin"], else of the first remote with one.
    internal static string? OriginUrl(IEnumerable<string> configLines)
    {
        string? section = null;
        string? first = null;
        foreach (var raw in configLines)
        {
            var line = raw.Trim();
            if (line.StartsWith('['))
            {
                section = line;
                continue;
            }
            if (section is null || !section.StartsWith("[remote ", StringComparison.Ordinal) || !line.StartsWith("url", StringComparison.Ordinal))
            {
                continue;
            }
            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq < 0)
            {
                continue;
            }
            var url = line[(eq + 1)..].Trim();
            if (section == "[remote \"origin\"]")
            {
                return url;
            }
            first ??= url;
        }
        return first;
    }
}
