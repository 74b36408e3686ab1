namespace BudgetBot.Otlp;

// What goes into OTLP's partialSuccess: how many items were rejected and, briefly, why.
internal sealed class Rejections
{
    private const int MaxMessages = 5;
    private readonly List<string> messages = [];

    public int Count { get; private set; }

    public void Add(string message)
    {
        Count++;
        if (messages.Count < MaxMessages && !messages.Contains(message, StringComparer.Ordinal))
        {
            messages.Add(message);
        }
    }

    public string? Message => Count == 0 ? null : string.Join("; ", messages) + (Count > messages.Count ? $" ({Count} rejected in all)" : "");
}
