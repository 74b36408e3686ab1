using Microsoft.Extensions.Options;


namespace BudgetBot.Usage;

// Loads Pricing:CatalogPath over the embedded catalog at start and whenever its contents change,
// polling on a TimeProvider timer for the reasons PolicyStore gives. A file that is missing or not
// valid is logged with every error and the last good catalog stays in use. A catalog that took
// effect prices the events stored unpriced for a model it knows.
internal sealed partial class CatalogReload(
    PriceCatalogProvider provider, Repricer repricer, IOptions<PricingOptions> options, TimeProvider time, ILogger<CatalogReload> logger)
    : IHostedService, IDisposable
{
    private readonly Lock gate = new();
    private string? lastText;
    private ITimer? timer;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.CatalogPath is { Length: > 0 })
        {
            await ReloadAsync(cancellationToken);
            var interval = TimeSpan.FromSeconds(Math.Max(1, options.Value.ReloadSeconds));
            timer = time.CreateTimer(_ => _ = ReloadOnTimerAsync(), null, interval, interval);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => timer?.Dispose();

    // Returns true when a new catalog took effect.
    internal async Task<bool> ReloadAsync(CancellationToken ct = default)
    {
        if (!Load())
        {
            return false;
        }
        await repricer.RepriceAsync(ct);
        return true;
    }

    // A failure escaping a timer callback would end the process; the last good catalog stays instead.
    private async Task ReloadOnTimerAsync()
    {
        try
        {
            await ReloadAsync();
        }
        catch (Exception ex)
        {
            LogReloadFailed(logger, options.Value.CatalogPath!, ex);
        }
    }

    private bool Load()
    {
        var path = options.Value.CatalogPath!;
        lock (gate)
        {
            string text;
            try
            {
                text = File.ReadAllText(path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                if (lastText is not "")
                {
                    LogUnreadable(logger, path, provider.Current.AsOf, ex);
                }
                lastText = "";
                return false;
            }
            if (text == lastText)
            {
                return false;
            }
            lastText = text;
            var errors = PriceCatalog.Check(text);
            if (errors.Count > 0)
            {
                LogRejected(logger, path, errors.Count, provider.Current.AsOf, string.Join(Environment.NewLine, errors));
                return false;
            }
            var catalog = PriceCatalog.Parse(text, CatalogFile.AsOf(path));
            provider.Replace(catalog);
            LogLoaded(logger, path, catalog.AsOf, catalog.Vendors.Sum(v => v.Models.Count));
            return true;
        }
    }

    [LoggerMessage(EventId = 9001, Level = LogLevel.Information, Message = "Price catalog {Path} (dated {AsOf}, {Models} models) is in use")]
    private static partial void LogLoaded(ILogger logger, string path, string asOf, int models);

    [LoggerMessage(EventId = 9002, Level = LogLevel.Error, Message = "Price catalog {Path} has {Count} error(s); still using the catalog dated {AsOf}:\n{Errors}")]
    private static partial void LogRejected(ILogger logger, string path, int count, string asOf, string errors);

    [LoggerMessage(EventId = 9003, Level = LogLevel.Error, Message = "Price catalog {Path} cannot be read; still using the catalog dated {AsOf}")]
    private static partial void LogUnreadable(ILogger logger, string path, string asOf, Exception exception);

    [LoggerMessage(EventId = 9004, Level = LogLevel.Error, Message = "Reloading the price catalog {Path} failed; the last good catalog stays in use")]
    private static partial void LogReloadFailed(ILogger logger, string path, Exception exception);
}

// Pricing:CatalogPath points at a newer genai-prices data.json than the embedded one; it is re-read
// every ReloadSeconds and an invalid file leaves the last good catalog in place.
internal sealed class PricingOptions
{
    public string? CatalogPath { get; set; }

    public int ReloadSeconds { get; set; } = 60;
}
