namespace BudgetBot.Storage;

// Who holds a lease (inbox, outbox). Stable across restarts of one instance, so a restarted instance
// can take back at once what its previous run held: Instance:Id when set (set it when several
// instances share a host name), else the host name (a container's or pod's) and the listening URLs.
internal sealed class InstanceIdentity(IConfiguration config)
{
    public string Id { get; } = config["Instance:Id"] is { Length: > 0 } id
        ? id
        : Environment.MachineName + (config["urls"] is { Length: > 0 } urls ? "@" + urls : "");
}
