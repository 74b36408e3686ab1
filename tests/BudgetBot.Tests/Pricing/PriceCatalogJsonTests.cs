using BudgetBot.Pricing;

namespace BudgetBot.Tests.Pricing;

public sealed class PriceCatalogJsonTests
{
    private const string Valid = """
        {"asOf":"2026-11-01","source":"test","notes":["n"],"models":[
          {"id":"a-model","provider":"anthropic","aliases":["a-model-20260101"],
           "input":3,"output":15,"cacheRead":0.3,"cacheWrite5m":3.75,"cacheWrite1h":6,
           "longContext":{"aboveInputTokens":200000,"input":6,"output":22.5,"cacheRead":0.6,"cacheWrite5m":7.5,"cacheWrite1h":12},
           "batchDiscount":0.5},
          {"id":"o-model","provider":"openai",
           "input":1.25,"output":10,"cacheRead":0.125,"cacheWrite5m":null,"cacheWrite1h":null,"batchDiscount":0}]}
        """;

    [Fact]
    public void Parse_ReadsEveryField()
    {
        var catalog = PriceCatalog.Parse(Valid);

        Assert.True(catalog.TryGet("a-model-20260101", out var a));
        Assert.True(catalog.TryGet("o-model", out var o));
        Assert.Equal(new LongContextTier(200_000, 6m, 22.5m, 0.6m, 7.5m, 12m), a.LongContext);
        Assert.Equal(new ModelPrice("o-model", "openai", 1.25m, 10m, 0.125m, null, null, null, 0m), o);
    }

    [Theory]
    [InlineData("\"models\":[", "\"models\":[,", "not valid JSON")]
    [InlineData("\"asOf\":\"2026-11-01\",", "", "$.asOf is missing")]
    [InlineData("2026-11-01", "1 Nov 2026", "$.asOf must be a yyyy-MM-dd date")]
    [InlineData("\"cacheWrite5m\":3.75", "\"cacheWrite5M\":3.75", "$.models[0].cacheWrite5M is not a known field")]
    [InlineData(",\"cacheWrite1h\":null", "", "$.models[1].cacheWrite1h is missing")]
    [InlineData("\"input\":3,", "\"input\":\"3\",", "$.models[0].input must be a non-negative number")]
    [InlineData("\"output\":15,", "\"output\":-15,", "$.models[0].output must be a non-negative number")]
    [InlineData("\"output\":10,", "\"output\":null,", "$.models[1].output must be a number, not null")]
    [InlineData("\"id\":\"o-model\"", "\"id\":\"\"", "$.models[1].id must be a non-empty name")]
    [InlineData("\"id\":\"o-model\"", "\"id\":\"a-model-20260101\"", "'a-model-20260101' is already used by model 'a-model'")]
    [InlineData("\"a-model-20260101\"", "\"a model\"", "$.models[0].aliases[0] must be a non-empty name")]
    [InlineData("\"batchDiscount\":0}", "\"batchDiscount\":1}", "$.models[1].batchDiscount must be a fraction below 1")]
    [InlineData("\"aboveInputTokens\":200000", "\"aboveInputTokens\":0", "$.models[0].longContext.aboveInputTokens must be a positive")]
    [InlineData("\"longContext\":{", "\"longContext\":{\"extra\":1,", "$.models[0].longContext.extra is not a known field")]
    [InlineData("\"models\":[", "\"models\":{", "not valid JSON")]
    public void Parse_RejectsMalformedCatalog_NamingTheField(string find, string replace, string expectedMessage)
    {
        var json = Valid.Replace(find, replace, StringComparison.Ordinal);
        Assert.NotEqual(Valid, json);

        var error = Assert.Throws<InvalidDataException>(() => PriceCatalog.Parse(json));

        Assert.Contains(expectedMessage, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RejectsCatalogWithoutModels()
    {
        var error = Assert.Throws<InvalidDataException>(() =>
            PriceCatalog.Parse("""{"asOf":"2026-11-01","source":"test","models":[]}"""));

        Assert.Contains("$.models must list at least one model", error.Message, StringComparison.Ordinal);
    }
}
