using BudgetBot.Budgets;

namespace BudgetBot.GitHub;

// What a command comes to before anything is written: a reply (Ok: the command did what it was
// asked, so +1; else confused), or a request to file, whose reply depends on how filing goes.
internal sealed record PrAnswer(string? Reply, bool Ok, RequestAsk? Ask = null)
{
    public static PrAnswer Done(string reply) => new(reply, true);

    public static PrAnswer Refused(string reply) => new(reply, false);

    public static PrAnswer File(RequestAsk ask) => new(null, false, ask);
}
