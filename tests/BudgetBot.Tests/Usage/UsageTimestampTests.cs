using System.Net;
using BudgetBot.Auth;
using BudgetBot.Tests.Infrastructure;
using static BudgetBot.Tests.Usage.UsageEvents;

namespace BudgetBot.Tests.Usage;

// occurredAt means one instant: it carries its offset and lies no more than 24 h ahead of now.
public sealed class UsageTimestampTests : IAsyncLifetime
{
    private readonly TestApp app = new();
    private HttpClient client = null!;

    public async ValueTask InitializeAsync() => client = await app.ClientWithScopesAsync(Scopes.Ingest, Scopes.Read);

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    [Theory]
    [InlineData("2026-03-11T10:00:00")]
    [InlineData("2026-03-11T10:00:00.123")]
    [InlineData("2026-03-11T10:00:00+0100")]
    public async Task OccurredAtWithoutOffset_IsRefused(string occurredAt)
    {
        var response = await client.PostJsonAsync("/api/usage", Event("e1", occurredAt: occurredAt).With("costUsd", 1));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = Assert.Single((await response.ReadAsync()).GetProperty("errors").EnumerateArray());
        Assert.Equal("occurredAt", error.GetProperty("field").GetString());
        Assert.Contains("with an offset", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(0m, (await client.GetJsonAsync("/api/budgets/everything")).Decimal("spentUsd"));
    }

    [Theory]
    [InlineData("2026-03-11T10:00:00Z")]
    [InlineData("2026-03-11T10:00:00.5+01:00")]
    [InlineData("2026-03-12T11:59:59Z")] // 23:59:59 ahead of the test clock: a drifting clock, accepted
    public async Task OccurredAtWithOffset_UpTo24HoursAhead_IsAccepted(string occurredAt)
    {
        var response = await client.PostJsonAsync("/api/usage", Event("e1", occurredAt: occurredAt).With("costUsd", 1));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task EventMoreThan24HoursAhead_IsRefusedWithThatReason_AndNothingIsStored()
    {
        var ahead = TestApp.Start.AddHours(24).AddSeconds(1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var batch = Batch(Event("now").With("costUsd", 1), Event("later", occurredAt: ahead).With("costUsd", 1));

        var response = await client.PostJsonAsync("/api/usage", batch);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var error = Assert.Single((await response.ReadAsync()).GetProperty("errors").EnumerateArray());
        Assert.Equal(1, error.GetProperty("index").GetInt32());
        Assert.Equal("occurredAt", error.GetProperty("field").GetString());
        Assert.Contains("more than 24 hours in the future", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(0m, (await client.GetJsonAsync("/api/budgets/everything")).Decimal("spentUsd"));
    }
}
