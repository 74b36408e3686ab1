using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using BudgetBot.Auth;
using BudgetBot.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace BudgetBot.Tests.Dashboard;

// A browser-like client of the dashboard: HTTPS (the session cookie is Secure), cookies kept,
// redirects not followed so tests see them; SignInAsync posts the form with its antiforgery token.
internal sealed class DashboardSession(TestApp app)
{
    private static readonly HtmlParser Parser = new();

    public HttpClient Client { get; } = app.CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = new Uri("https://localhost"),
        AllowAutoRedirect = false,
        HandleCookies = true,
    });

    public static async Task<IDocument> ParseAsync(HttpResponseMessage response) =>
        await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

    public async Task<HttpResponseMessage> PostFormAsync(string formPage, string action, IDictionary<string, string> fields)
    {
        var page = await ParseAsync(await Client.GetAsync(formPage, TestContext.Current.CancellationToken));
        var form = page.QuerySelectorAll("form").First(f => f.GetAttribute("action") == action);
        var values = new Dictionary<string, string>(fields)
        {
            ["__RequestVerificationToken"] = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
        };
        return await Client.PostAsync(action, new FormUrlEncodedContent(values), TestContext.Current.CancellationToken);
    }

    public async Task<HttpResponseMessage> SignInAsync(params string[] scopes)
    {
        var token = await app.Get<ApiTokenStore>().CreateAsync("lead", scopes.Length == 0 ? [Scopes.Read] : scopes);
        return await PostFormAsync("/dashboard/signin", "/dashboard/signin", new Dictionary<string, string> { ["token"] = token });
    }

    public async Task<IDocument> PageAsync(string url)
    {
        var response = await Client.GetAsync(url, TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return await ParseAsync(response);
    }
}
