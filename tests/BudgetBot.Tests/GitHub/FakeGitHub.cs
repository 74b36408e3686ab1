using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace BudgetBot.Tests.GitHub;

// An in-process GitHub API: records every request (method, URL, headers, the real JSON body),
// keeps comments and check runs like GitHub does, and can be scripted to answer a matching request
// with anything (429, 500, 404) a given number of times.
internal sealed partial class FakeGitHub : HttpMessageHandler
{
    private readonly Lock gate = new();
    private readonly List<(HttpMethod Method, string PathPart, Func<HttpResponseMessage> Answer)> script = [];
    private long nextId = 1000;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public ConcurrentDictionary<long, FakeComment> Comments { get; } = new();

    public TimeProvider Clock { get; set; } = TimeProvider.System;

    public TimeSpan TokenDelay { get; set; }

    public long InstallationId { get; set; } = 99;

    // GET /repos/{o}/{r}/collaborators/{login}/permission answers these ("admin", "write", "read");
    // a login not listed is no collaborator (404).
    public ConcurrentDictionary<string, string> Permissions { get; } = new(StringComparer.OrdinalIgnoreCase);

    public ConcurrentQueue<(long CommentId, string Content)> Reactions { get; } = new();

    // Check runs created, by id: their head SHA and external id (GET .../commits/{sha}/check-runs lists them).
    public ConcurrentDictionary<long, (string Sha, string? ExternalId)> CheckRuns { get; } = new();

    // GET /repos/{o}/{r}/pulls/{n} answers GitHub's own example (Fixtures/github-rest/pulls-get.example.json)
    // for these PRs, with their number, repository and head SHA; any other number is 404.
    public ConcurrentDictionary<(string Repo, int Number), string> Pulls { get; } = new();

    public IReadOnlyList<RecordedRequest> To(HttpMethod method, string pathPart) =>
        Requests.Where(r => r.Method == method && r.Path.Contains(pathPart, StringComparison.Ordinal)).ToList();

    public int TokenRequests => To(HttpMethod.Post, "/access_tokens").Count;

    public void Script(HttpMethod method, string pathPart, Func<HttpResponseMessage> answer, int times = 1)
    {
        lock (gate)
        {
            for (var i = 0; i < times; i++)
            {
                script.Add((method, pathPart, answer));
            }
        }
    }

    public static HttpResponseMessage Answer(HttpStatusCode status, object? body = null, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(status)
        {
            Content = new StringContent(body is null ? "" : JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"),
        };
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }
        return response;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var recorded = new RecordedRequest(request.Method, request.RequestUri!,
            request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase), body);
        Requests.Enqueue(recorded);
        lock (gate)
        {
            var i = script.FindIndex(s => s.Method == request.Method && recorded.Path.Contains(s.PathPart, StringComparison.Ordinal));
            if (i >= 0)
            {
                var answer = script[i].Answer;
                script.RemoveAt(i);
                return answer();
            }
        }
        if (recorded.Path.EndsWith("/access_tokens", StringComparison.Ordinal))
        {
            await Task.Delay(TokenDelay, cancellationToken);
            return Answer(HttpStatusCode.Created, new { token = $"ghs_token{Interlocked.Increment(ref nextId)}", expires_at = Clock.GetUtcNow().AddHours(1) });
        }
        return Route(recorded);
    }

    private HttpResponseMessage Route(RecordedRequest r)
    {
        var path = r.Path;
        if (r.Method == HttpMethod.Get && path.EndsWith("/installation", StringComparison.Ordinal))
        {
            return Answer(HttpStatusCode.OK, new { id = InstallationId });
        }
        if (IssueComments().Match(path) is { Success: true } list)
        {
            var number = int.Parse(list.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture);
            if (r.Method == HttpMethod.Get)
            {
                return Answer(HttpStatusCode.OK, Comments.Values.Where(c => c.Number == number && !c.Deleted).OrderBy(c => c.Id)
                    .Select(c => new { id = c.Id, node_id = c.NodeId, body = c.Body }).ToList());
            }
            var created = new FakeComment(Interlocked.Increment(ref nextId), number, Text(r));
            Comments[created.Id] = created;
            return Answer(HttpStatusCode.Created, new { id = created.Id, node_id = created.NodeId, body = created.Body });
        }
        if (Comment().Match(path) is { Success: true } one && r.Method == HttpMethod.Patch)
        {
            var id = long.Parse(one.Groups["id"].Value, System.Globalization.CultureInfo.InvariantCulture);
            if (!Comments.TryGetValue(id, out var c) || c.Deleted)
            {
                return Answer(HttpStatusCode.NotFound, new { message = "Not Found" });
            }
            c.Body = Text(r);
            return Answer(HttpStatusCode.OK, new { id = c.Id, node_id = c.NodeId, body = c.Body });
        }
        if (Reaction().Match(path) is { Success: true } reaction && r.Method == HttpMethod.Post)
        {
            var content = r.Json().GetProperty("content").GetString()!;
            Reactions.Enqueue((long.Parse(reaction.Groups["id"].Value, System.Globalization.CultureInfo.InvariantCulture), content));
            return Answer(HttpStatusCode.Created, new { id = Interlocked.Increment(ref nextId), content });
        }
        if (Permission().Match(path) is { Success: true } permission && r.Method == HttpMethod.Get)
        {
            var login = Uri.UnescapeDataString(permission.Groups["login"].Value);
            return Permissions.TryGetValue(login, out var level)
                ? Answer(HttpStatusCode.OK, new { permission = level, role_name = level, user = new { login } })
                : Answer(HttpStatusCode.NotFound, new { message = "Not Found" });
        }
        if (path.EndsWith("/check-runs", StringComparison.Ordinal) && r.Method == HttpMethod.Post)
        {
            var id = Interlocked.Increment(ref nextId);
            var json = r.Json();
            CheckRuns[id] = (json.GetProperty("head_sha").GetString()!, json.TryGetProperty("external_id", out var e) ? e.GetString() : null);
            return Answer(HttpStatusCode.Created, new { id });
        }
        if (CheckRunsOfRef().Match(path) is { Success: true } forRef && r.Method == HttpMethod.Get)
        {
            var runs = CheckRuns.Where(c => c.Value.Sha == forRef.Groups["sha"].Value).OrderBy(c => c.Key)
                .Select(c => new { id = c.Key, head_sha = c.Value.Sha, external_id = c.Value.ExternalId, name = "BudgetBot / budget" }).ToList();
            return Answer(HttpStatusCode.OK, new { total_count = runs.Count, check_runs = runs });
        }
        if (path.Contains("/check-runs/", StringComparison.Ordinal) && r.Method == HttpMethod.Patch)
        {
            return Answer(HttpStatusCode.OK, new { id = long.Parse(path[(path.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture) });
        }
        if (PullOfRepo().Match(path) is { Success: true } pull && r.Method == HttpMethod.Get)
        {
            var key = ($"{pull.Groups["o"].Value}/{pull.Groups["r"].Value}", int.Parse(pull.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture));
            return Pulls.TryGetValue(key, out var sha) ? PullAnswer(key.Item1, key.Item2, sha) : Answer(HttpStatusCode.NotFound, new { message = "Not Found" });
        }
        if (path.EndsWith("/graphql", StringComparison.Ordinal))
        {
            var node = r.Json().GetProperty("variables").GetProperty("id").GetString();
            foreach (var c in Comments.Values.Where(c => c.NodeId == node))
            {
                c.Minimized = true;
            }
            return Answer(HttpStatusCode.OK, new { data = new { minimizeComment = new { minimizedComment = new { isMinimized = true } } } });
        }
        return Answer(HttpStatusCode.NotFound, new { message = "Not Found" });
    }

    private static HttpResponseMessage PullAnswer(string repo, int number, string sha)
    {
        var pr = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "github-rest", "pulls-get.example.json")))!;
        pr["number"] = number;
        pr["merged"] = false;
        pr["merged_at"] = null;
        pr["head"]!["sha"] = sha;
        pr["head"]!["repo"]!["full_name"] = repo;
        pr["base"]!["repo"]!["full_name"] = repo;
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(pr.ToJsonString(), Encoding.UTF8, "application/json") };
    }

    private static string Text(RecordedRequest r) => r.Json().GetProperty("body").GetString()!;

    [GeneratedRegex(@"/repos/[^/]+/[^/]+/commits/(?<sha>[^/]+)/check-runs$")]
    private static partial Regex CheckRunsOfRef();

    [GeneratedRegex(@"/repos/(?<o>[^/]+)/(?<r>[^/]+)/pulls/(?<n>\d+)$")]
    private static partial Regex PullOfRepo();

    [GeneratedRegex(@"/repos/[^/]+/[^/]+/issues/(?<n>\d+)/comments$")]
    private static partial Regex IssueComments();

    [GeneratedRegex(@"/repos/[^/]+/[^/]+/issues/comments/(?<id>\d+)$")]
    private static partial Regex Comment();

    [GeneratedRegex(@"/repos/[^/]+/[^/]+/issues/comments/(?<id>\d+)/reactions$")]
    private static partial Regex Reaction();

    [GeneratedRegex(@"/repos/[^/]+/[^/]+/collaborators/(?<login>[^/]+)/permission$")]
    private static partial Regex Permission();
}
