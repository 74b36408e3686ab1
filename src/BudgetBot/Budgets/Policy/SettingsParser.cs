using YamlDotNet.RepresentationModel;

namespace BudgetBot.Budgets;

// The small top-level sections. Each key left out takes its default, so a minimal file stays minimal.
internal static class SettingsParser
{
    public static ExperimentLimits Experiments(PolicyReader reader, YamlNode? node)
    {
        var defaults = ExperimentLimits.Default;
        if (node is null)
        {
            return defaults;
        }

        var section = reader.Section(node, "experiments", "maxUsd", "maxDays");
        var maxUsd = section["maxUsd"] is { } usd ? reader.Decimal(usd, section.PathOf("maxUsd"), d => d > 0, "a positive number") : null;
        var maxDays = section["maxDays"] is { } days ? reader.Int(days, section.PathOf("maxDays"), d => d is >= 1 and <= 365, "a whole number of days from 1 to 365") : null;
        return new ExperimentLimits(maxUsd ?? defaults.MaxUsd, maxDays ?? defaults.MaxDays);
    }

    public static AlertSettings Alerts(PolicyReader reader, YamlNode? node)
    {
        if (node is null)
        {
            return AlertSettings.Default;
        }

        var section = reader.Section(node, "alerts", "runawayUsdPerHour", "channel");
        var runaway = section["runawayUsdPerHour"] is { } r
            ? reader.Decimal(r, section.PathOf("runawayUsdPerHour"), d => d > 0, "a positive number")
            : null;
        string? channel = null;
        if (section["channel"] is { } channelNode && reader.Text(channelNode, section.PathOf("channel")) is { } text)
        {
            if (PolicyIds.SlackChannel().IsMatch(text))
            {
                channel = text;
            }
            else
            {
                reader.Error(channelNode, $"{section.PathOf("channel")} must be a Slack channel id like C0123ABCD, not a name (got \"{text}\")");
            }
        }
        return new AlertSettings(runaway, channel);
    }

    // A discount of 1 (100 %) would make everything free and hide spend, so it is refused.
    public static PricingSettings Pricing(PolicyReader reader, YamlNode? node)
    {
        if (node is null)
        {
            return PricingSettings.Default;
        }

        var section = reader.Section(node, "pricing", "discounts", "overrides");
        var discounts = new Dictionary<string, decimal>(StringComparer.OrdinalIgnoreCase);
        if (section["discounts"] is { } discountsNode)
        {
            foreach (var (key, value) in reader.Entries(discountsNode, section.PathOf("discounts")))
            {
                var path = $"{section.PathOf("discounts")}.{key.Value}";
                var discount = reader.Decimal(value, path, d => d is >= 0 and < 1, "a fraction from 0 up to (not including) 1, e.g. 0.15 for 15 %");
                if (discount is { } d && !discounts.TryAdd(key.Value!, d))
                {
                    reader.Error(key, $"{path} is listed twice (provider names ignore case)");
                }
            }
        }

        return new PricingSettings(discounts) { Overrides = Overrides(reader, section["overrides"], section.PathOf("overrides")) };
    }

    private static readonly string[] RateKeys = ["input", "output", "cacheRead", "cacheWrite5m", "cacheWrite1h"];

    // pricing.overrides.<model>: { input, output, cacheRead, cacheWrite5m, cacheWrite1h } in USD per 1M tokens.
    private static Dictionary<string, PriceOverride> Overrides(PolicyReader reader, YamlNode? node, string path)
    {
        var overrides = new Dictionary<string, PriceOverride>(StringComparer.OrdinalIgnoreCase);
        if (node is null)
        {
            return overrides;
        }
        foreach (var (key, value) in reader.Entries(node, path))
        {
            var at = $"{path}.{key.Value}";
            var rates = reader.Section(value, at, RateKeys);
            decimal? Rate(string name) =>
                rates[name] is { } r ? reader.Decimal(r, $"{at}.{name}", d => d >= 0, "a non-negative price in USD per 1M tokens") : null;
            var price = new PriceOverride(Rate("input"), Rate("output"), Rate("cacheRead"), Rate("cacheWrite5m"), Rate("cacheWrite1h"));
            if (value is YamlMappingNode { Children.Count: 0 })
            {
                reader.Error(key, $"{at} must set at least one of {string.Join(", ", RateKeys)}");
            }
            else if (!overrides.TryAdd(key.Value!, price))
            {
                reader.Error(key, $"{at} is listed twice (model ids ignore case)");
            }
        }
        return overrides;
    }

    public static PrCommentSettings PrComments(PolicyReader reader, YamlNode? node)
    {
        var defaults = PrCommentSettings.Default;
        if (node is null)
        {
            return defaults;
        }

        var section = reader.Section(node, "prComments", "mode", "minChangeUsd", "debounceSeconds");
        PrCommentMode? mode = null;
        if (section["mode"] is { } modeNode && reader.Text(modeNode, section.PathOf("mode")) is { } text)
        {
            mode = text switch
            {
                "update" => PrCommentMode.Update,
                "hide-and-new" => PrCommentMode.HideAndNew,
                "new" => PrCommentMode.New,
                "off" => PrCommentMode.Off,
                _ => null,
            };
            if (mode is null)
            {
                reader.Error(modeNode, $"{section.PathOf("mode")} must be update, hide-and-new, new or off (got \"{text}\")");
            }
        }

        var minChange = section["minChangeUsd"] is { } m ? reader.Decimal(m, section.PathOf("minChangeUsd"), d => d >= 0, "zero or a positive number") : null;
        var debounce = section["debounceSeconds"] is { } s ? reader.Int(s, section.PathOf("debounceSeconds"), d => d >= 0, "zero or a positive whole number") : null;
        return new PrCommentSettings(mode ?? defaults.Mode, minChange ?? defaults.MinChangeUsd, debounce ?? defaults.DebounceSeconds);
    }

    public static RequestSettings Requests(PolicyReader reader, YamlNode? node)
    {
        if (node is null)
        {
            return RequestSettings.Default;
        }

        var section = reader.Section(node, "requests", "defaultUsd");
        var usd = section["defaultUsd"] is { } d
            ? reader.Decimal(d, section.PathOf("defaultUsd"), v => v > 0 && v <= 1_000_000m && v == Math.Round(v, 2), "a positive amount of at most 1000000, whole cents")
            : null;
        return new RequestSettings(usd);
    }

    // GitHub logins ignore case, so "Octocat" and "octocat" are one person and may appear only once.
    public static Dictionary<string, string> Users(PolicyReader reader, YamlNode? node)
    {
        var users = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (node is null)
        {
            return users;
        }

        foreach (var (key, value) in reader.Entries(node, "users"))
        {
            var path = $"users.{key.Value}";
            if (!PolicyIds.GitHubLogin().IsMatch(key.Value!))
            {
                reader.Error(key, $"{path}: \"{key.Value}\" is not a GitHub login");
            }
            else if (reader.Text(value, path) is not { } slack)
            {
                continue;
            }
            else if (!PolicyIds.SlackUser().IsMatch(slack))
            {
                reader.Error(value, $"{path} must be a Slack user id like U0123ABCD (got \"{slack}\")");
            }
            else if (!users.TryAdd(key.Value!, slack))
            {
                reader.Error(key, $"{path} is listed twice (GitHub logins ignore case)");
            }
        }

        return users;
    }
}
