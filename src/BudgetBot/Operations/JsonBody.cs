using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BudgetBot.Operations;

// A request type that reads itself from a JSON body and lists every problem instead of the first.
internal interface IJsonRequest<TSelf> where TSelf : class
{
    // The problem details title when the body is refused.
    static abstract string InvalidTitle { get; }

    // now is the server's clock, for fields that are judged against it (an event's time).
    static abstract (TSelf? Request, IReadOnlyList<FieldError> Errors) Read(JsonElement body, DateTimeOffset now);
}

// A handler parameter bound from the body by T.Read: the parsed request, or the 400 that says why not.
// The framework's own JSON binding stops at the first problem and answers without the list.
internal sealed class JsonBody<T> where T : class, IJsonRequest<T>
{
    private JsonBody(T? value, ProblemHttpResult? problem) => (Value, Problem) = (value, problem);

    public T? Value { get; }

    public ProblemHttpResult? Problem { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Problem))]
    public bool IsValid => Value is not null;

    public static async ValueTask<JsonBody<T>> BindAsync(HttpContext context)
    {
        var (body, problem) = await Problems.ReadJsonAsync(context.Request, context.RequestAborted);
        if (problem is not null)
        {
            return new(null, problem);
        }
        var now = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        var (request, errors) = T.Read(body, now);
        return errors.Count > 0 || request is null
            ? new(null, Problems.Invalid(errors, T.InvalidTitle))
            : new(request, null);
    }
}
