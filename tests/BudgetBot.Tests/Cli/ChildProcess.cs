using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace BudgetBot.Tests.Cli;

// The built BudgetBot.dll (or any command) as a child process in a chosen working directory, the way a
// user runs it, with its output collected.
internal sealed class ChildProcess : IDisposable
{
    private readonly Process process;
    private readonly System.Text.StringBuilder stdout = new();
    private readonly System.Text.StringBuilder stderr = new();

    private ChildProcess(string file, string workingDirectory, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(file, args)
        {
            WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(stderr, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public static string Dll => Path.Combine(AppContext.BaseDirectory, "BudgetBot.dll");

    public string Out
    {
        get { lock (stdout) { return stdout.ToString(); } }
    }

    public string Err
    {
        get { lock (stderr) { return stderr.ToString(); } }
    }

    public static ChildProcess BudgetBot(string workingDirectory, params string[] args) => new("dotnet", workingDirectory, [Dll, .. args]);

    public static ChildProcess Start(string file, string workingDirectory, params string[] args) => new(file, workingDirectory, args);

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task<int> ExitCodeAsync(TimeSpan timeout)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(timeout);
        await process.WaitForExitAsync(cts.Token);
        process.WaitForExit(); // drains the redirected output
        return process.ExitCode;
    }

    public bool HasExited => process.HasExited;

    // SIGKILL on Linux and macOS (TerminateProcess on Windows): no shutdown hook, no flush, no graceful stop.
    public void Kill()
    {
        process.Kill();
        process.WaitForExit();
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        process.Dispose();
    }

    private static void Append(System.Text.StringBuilder sb, string? line)
    {
        if (line is not null)
        {
            lock (sb)
            {
                sb.AppendLine(line);
            }
        }
    }
}
