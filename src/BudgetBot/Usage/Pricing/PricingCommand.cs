using System.Globalization;

namespace BudgetBot.Usage;

// `budgetbot pricing check FILE` lists every problem of a genai-prices catalog file with its JSON path;
// `budgetbot pricing show MODEL [--provider P] [--catalog FILE]` shows what an id resolves to.
internal static class PricingCommand
{
    public static int Check(string path, TextWriter stdout, TextWriter stderr)
    {
        if (Read(path, stderr) is not { } json)
        {
            return 1;
        }
        var errors = PriceCatalog.Check(json);
        if (errors.Count == 0)
        {
            var catalog = PriceCatalog.Parse(json);
            stdout.WriteLine($"catalog OK: {catalog.Vendors.Count} providers, {catalog.Vendors.Sum(v => v.Models.Count)} models");
            return 0;
        }
        foreach (var error in errors)
        {
            stderr.WriteLine($"{path}: {error}");
        }
        stderr.WriteLine($"catalog invalid: {errors.Count} error(s)");
        return 1;
    }

    public static int Show(string model, string? provider, string? catalogPath, TextWriter stdout, TextWriter stderr)
    {
        PriceCatalog catalog;
        if (catalogPath is null)
        {
            catalog = PriceCatalog.LoadEmbedded();
        }
        else if (Read(catalogPath, stderr) is { } json && PriceCatalog.Check(json) is { Count: 0 })
        {
            catalog = PriceCatalog.Parse(json, CatalogFile.AsOf(catalogPath));
        }
        else
        {
            stderr.WriteLine($"{catalogPath}: not a valid catalog; run `budgetbot pricing check {catalogPath}`");
            return 1;
        }
        if (catalog.Resolve(model, provider) is not { } r)
        {
            stderr.WriteLine($"no rule of the catalog dated {catalog.AsOf} matches '{model}': its events stay unpriced until a catalog that knows it is deployed");
            return 1;
        }
        var p = r.Price;
        stdout.WriteLine($"model:      {model}");
        stdout.WriteLine($"provider:   {r.Vendor}");
        stdout.WriteLine($"entry:      {r.Entry}");
        stdout.WriteLine($"canonical:  {r.CanonicalModel}");
        stdout.WriteLine($"catalog:    {catalog.AsOf}");
        stdout.WriteLine("USD per 1M tokens (current price):");
        stdout.WriteLine($"  input {Rate(p.Input)}  output {Rate(p.Output)}  cache read {Rate(p.CacheRead)}  " +
            $"cache write 5m {Rate(p.CacheWrite5m ?? p.Input)}  cache write 1h {Rate(p.CacheWrite1h ?? p.Input)}");
        if (p.LongContext is { } t)
        {
            stdout.WriteLine($"  above {t.AboveInputTokens.ToString(CultureInfo.InvariantCulture)} prompt tokens: input {Rate(t.Input)}  output {Rate(t.Output)}  " +
                $"cache read {Rate(t.CacheRead)}  cache write 5m {Rate(t.CacheWrite5m ?? t.Input)}  cache write 1h {Rate(t.CacheWrite1h ?? t.Input)}");
        }
        stdout.WriteLine($"  batch discount {Rate(p.BatchDiscount * 100)} %");
        return 0;
    }

    private static string? Read(string path, TextWriter stderr)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"{path}: cannot read the catalog file: {ex.Message}");
            return null;
        }
    }

    private static string Rate(decimal d) => d.ToString("0.####", CultureInfo.InvariantCulture);
}
