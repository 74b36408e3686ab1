using BudgetBot.Usage;

namespace BudgetBot.Tests.Pricing;

// The genai-prices data.json format, read strictly: every problem is reported with its JSON path.
public sealed class PriceCatalogJsonTests
{
    private const string Valid = """
        [{"id":"anthropic","name":"Anthropic","api_pattern":"x","model_match":{"starts_with":"a"},"provider_match":{"contains":"anthropic"},"models":[
           {"id":"a-model","match":{"or":[{"starts_with":"a-model"},{"equals":"a.model"}]},
            "prices":{"input_mtok":{"base":3,"tiers":[{"start":200000,"price":6}]},"output_mtok":{"base":15,"tiers":[{"start":200000,"price":22.5}]},
                      "cache_read_mtok":0.3,"cache_write_mtok":3.75,"cache_write_1h_mtok":6,"web_searches_kcount":10}}]},
         {"id":"openai","name":"OpenAI","api_pattern":"y","model_match":{"regex":"^o-"},"models":[
           {"id":"o-model","match":{"and":[{"starts_with":"o-"},{"ends_with":"model"}]},
            "prices":[{"prices":{"input_mtok":10,"output_mtok":40}},
                      {"constraint":{"start_date":"2026-06-10"},"prices":{"input_mtok":2,"cache_read_mtok":0.5,"output_mtok":8}}]}]},
         {"id":"gateway","name":"Gateway","api_pattern":"z","fallback_model_providers":["anthropic"],"models":[]}]
        """;

    [Fact]
    public void Parse_ReadsEveryField()
    {
        var catalog = PriceCatalog.Parse(Valid, "2026-11-01");

        Assert.True(catalog.TryGet("a.model", out var a));
        Assert.Equal(new ModelPrice("a-model", "anthropic", 3m, 15m, 0.3m, 3.75m, 6m, new LongContextTier(200_000, 6m, 22.5m, 0.3m, 3.75m, 6m), 0.5m), a);
        Assert.Equal(new ModelPrice("o-model", "openai", 2m, 8m, 0.5m, null, null, null, 0.5m), catalog.Resolve("o-model", at: new DateTimeOffset(2026, 6, 10, 0, 0, 0, TimeSpan.Zero))!.Price);
        Assert.Equal(new ModelPrice("o-model", "openai", 10m, 40m, 10m, null, null, null, 0.5m), catalog.Resolve("o-model", at: new DateTimeOffset(2026, 6, 9, 23, 59, 59, TimeSpan.Zero))!.Price);
        Assert.Equal(("gateway", "a-model"), catalog.Resolve("a-model-1", "gateway") is { } r ? ("gateway", r.Entry) : default);
        Assert.Equal("2026-11-01", catalog.AsOf);
    }

    [Theory]
    [InlineData("[{\"id\":\"anthropic\"", "[,{\"id\":\"anthropic\"", "$ is not valid JSON")]
    [InlineData("\"id\":\"anthropic\",", "", "$[0].id is missing")]
    [InlineData("\"id\":\"openai\"", "\"id\":\"open ai\"", "$[1].id must be a non-empty name without spaces")]
    [InlineData("\"id\":\"gateway\"", "\"id\":\"openai\"", "$[2].id 'openai' is listed twice")]
    [InlineData("\"fallback_model_providers\":[\"anthropic\"]", "\"fallback_model_providers\":[\"anthropc\"]", "$[2].fallback_model_providers names 'anthropc'")]
    [InlineData("\"model_match\":{\"starts_with\":\"a\"}", "\"model_match\":{\"start_with\":\"a\"}", "$[0].model_match.start_with is not a match clause")]
    [InlineData("{\"starts_with\":\"a-model\"}", "{\"starts_with\":\"a-model\",\"equals\":\"b\"}", "$[0].models[0].match.or[0] must be an object with exactly one of")]
    [InlineData("\"regex\":\"^o-\"", "\"regex\":\"^o-(\"", "$[1].model_match.regex is not a valid regular expression")]
    [InlineData("{\"equals\":\"a.model\"}", "{\"equals\":\"\"}", "$[0].models[0].match.or[1].equals must be a non-empty string")]
    [InlineData("\"and\":[{\"starts_with\":\"o-\"},{\"ends_with\":\"model\"}]", "\"and\":[]", "$[1].models[0].match.and must be a non-empty array")]
    [InlineData("\"cache_read_mtok\":0.3", "\"cache_read_mtok\":\"0.3\"", "$[0].models[0].prices.cache_read_mtok must be a non-negative number or {base, tiers}")]
    [InlineData("\"output_mtok\":40", "\"output_mtok\":-40", "$[1].models[0].prices[0].prices.output_mtok must be a non-negative number")]
    [InlineData("\"start\":200000,\"price\":6", "\"start\":0,\"price\":6", "$[0].models[0].prices.input_mtok.tiers[0].start must be a positive whole number")]
    [InlineData("\"start\":200000,\"price\":22.5", "\"start\":128000,\"price\":22.5", "$[0].models[0].prices has tiers starting at different token counts")]
    [InlineData("\"base\":3,", "\"base\":3,\"ceiling\":9,", "$[0].models[0].prices.input_mtok.ceiling is not a known field")]
    [InlineData("2026-06-10", "10 June 2026", "$[1].models[0].prices[1].constraint.start_date must be a yyyy-MM-dd date")]
    [InlineData("\"constraint\":{", "\"constraint\":{\"end_date\":\"2027-01-01\",", "$[1].models[0].prices[1].constraint.end_date is not a known field")]
    [InlineData("\"id\":\"o-model\",", "\"id\":\"o-model\",\"context\":1,", "$[1].models[0].context is not a known field")]
    [InlineData(",\"models\":[]", "", "$[2].models must be an array")]
    [InlineData("\"prices\":[{\"prices\"", "\"prices\":[],\"x\":[{\"prices\"", "$[1].models[0].prices must be an object of prices or a non-empty array")]
    public void Parse_RejectsMalformedCatalog_NamingThePath(string find, string replace, string expectedMessage)
    {
        var json = Valid.Replace(find, replace, StringComparison.Ordinal);
        Assert.NotEqual(Valid, json);

        var error = Assert.Throws<InvalidDataException>(() => PriceCatalog.Parse(json));

        Assert.Contains(expectedMessage, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ListsEveryError_NotTheFirst()
    {
        var json = Valid.Replace("\"output_mtok\":40", "\"output_mtok\":-40", StringComparison.Ordinal)
            .Replace("\"id\":\"anthropic\",", "", StringComparison.Ordinal)
            .Replace("2026-06-10", "June", StringComparison.Ordinal);

        var errors = PriceCatalog.Check(json);

        Assert.Equal(
            ["$[0].id is missing", "$[1].models[0].prices[0].prices.output_mtok must be a non-negative number",
             "$[1].models[0].prices[1].constraint.start_date must be a yyyy-MM-dd date",
             "$[2].fallback_model_providers names 'anthropic', which is not a provider of this file"],
            errors);
    }

    [Fact]
    public void Parse_RejectsCatalogWithoutProviders()
    {
        var error = Assert.Throws<InvalidDataException>(() => PriceCatalog.Parse("[]"));

        Assert.Contains("$ must be a non-empty array of providers", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EmbeddedCatalog_HasNoErrors() => Assert.Empty(PriceCatalog.Check(PriceCatalogTestData.EmbeddedJson()));
}
