using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace BudgetBot.Budgets;

// Holds the current policy and re-reads the file when it changes.
//
// Polling on a TimeProvider timer rather than FileSystemWatcher: the watcher misses Kubernetes
// ConfigMap updates (a symlink swap), is unreliable on network and container bind mounts, fires
// several events per editor save, and cannot be driven by FakeTimeProvider in tests. Reading one
// small file every few seconds costs nothing; comparing contents (not timestamps) also catches two
// saves within the file system's timestamp resolution.
internal sealed class PolicyStore(string path, TimeSpan reloadInterval, TimeProvider time, ILogger<PolicyStore> logger)
    : IPolicyProvider, IDisposable
{
    private readonly Lock gate = new();
    private BudgetPolicy? current;
    private CancellationTokenSource changed = new();
    private string? lastText; // the last text read, good or bad, so one bad save is reported once
    private bool unreadable;
    private ITimer? timer;

    public string Path => path;

    public BudgetPolicy Current =>
        Volatile.Read(ref current) ?? throw new InvalidOperationException("The policy is not loaded yet; PolicyStore.Load runs at start-up.");

    public IChangeToken GetReloadToken() => new CancellationChangeToken(Volatile.Read(ref changed).Token);

    // Start-up: a missing, unreadable or invalid file is fatal, with every error in the exception.
    public BudgetPolicy Load()
    {
        lock (gate)
        {
            string text;
            try
            {
                text = File.ReadAllText(path);
            }
            catch (FileNotFoundException)
            {
                throw PolicyException.NotFound(path, [path]);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw PolicyException.Unreadable(path, ex);
            }

            var result = PolicyParser.Parse(text);
            var policy = result.Policy ?? throw PolicyException.Invalid(path, result.Errors);
            lastText = text;
            Volatile.Write(ref current, policy);
            PolicyLog.Loaded(logger, path, policy.Teams.Count, policy.Budgets.Count);
            if (reloadInterval > TimeSpan.Zero)
            {
                timer ??= time.CreateTimer(_ => ReloadOnTimer(), null, reloadInterval, reloadInterval);
            }

            return policy;
        }
    }

    // Returns true when a new policy took effect. A bad or unreadable file leaves Current as it was.
    internal bool Reload()
    {
        CancellationTokenSource? previous;
        lock (gate)
        {
            if (current is null)
            {
                throw new InvalidOperationException("Load the policy before reloading it.");
            }

            string text;
            try
            {
                text = File.ReadAllText(path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Editors and ConfigMaps replace files by rename; log once, not at every tick.
                if (!unreadable)
                {
                    PolicyLog.Unreadable(logger, path, ex);
                }

                unreadable = true;
                return false;
            }

            unreadable = false;
            if (text == lastText)
            {
                return false;
            }

            lastText = text;
            var result = PolicyParser.Parse(text);
            if (result.Policy is null)
            {
                PolicyLog.Rejected(logger, path, result.Errors.Count, PolicyException.Format(result.Errors));
                return false;
            }

            Volatile.Write(ref current, result.Policy);
            previous = Interlocked.Exchange(ref changed, new CancellationTokenSource());
            PolicyLog.Reloaded(logger, path, result.Policy.Teams.Count, result.Policy.Budgets.Count);
        }

        // Outside the lock: reload callbacks are other features' code and may take their own locks.
        previous.Cancel();
        return true;
    }

    public void Dispose() => timer?.Dispose();

    // An exception escaping a timer callback would end the process; the service is better off
    // running on the last good policy, with the failure logged as an error.
    private void ReloadOnTimer()
    {
        try
        {
            Reload();
        }
        catch (Exception ex)
        {
            PolicyLog.ReloadFailed(logger, path, ex);
        }
    }
}
