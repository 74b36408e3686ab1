using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace BudgetBot.Otlp;

// Where OTLP/gRPC listens. Kestrel ignores the configured URLs (ASPNETCORE_URLS, --urls,
// ASPNETCORE_HTTP_PORTS) once an endpoint is added in code, so those are listened on here as well,
// as Kestrel would have: the HTTP/1.1 endpoint stays where it was, and the gRPC port is added.
internal static class OtlpGrpcPort
{
    public const int Default = 4317;

    // null: OTLP/gRPC is off (Otlp:GrpcPort set empty).
    public static int? Read(IConfiguration config)
    {
        var text = config["Otlp:GrpcPort"];
        if (text is null)
        {
            return Default;
        }
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) && port <= IPEndPoint.MaxPort
            ? port
            : throw new InvalidOperationException($"Otlp:GrpcPort '{text}' is not a port number from 0 to 65535; set it empty to turn OTLP/gRPC off.");
    }

    public static void Listen(KestrelServerOptions kestrel, IConfiguration config, int port)
    {
        // Endpoints in the Kestrel section are Kestrel's own configuration; they are bound as they are.
        if (!config.GetSection("Kestrel:Endpoints").Exists())
        {
            foreach (var url in Urls(config))
            {
                Listen(kestrel, BindingAddress.Parse(url));
            }
        }
        kestrel.ListenAnyIP(port, o => o.Protocols = HttpProtocols.Http2);
    }

    private static IEnumerable<string> Urls(IConfiguration config)
    {
        var split = StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries;
        if (config["urls"] is { Length: > 0 } urls)
        {
            return urls.Split(';', split);
        }
        if (config["http_ports"] is { Length: > 0 } ports)
        {
            return ports.Split(';', split).Select(p => "http://*:" + p);
        }
        return ["http://localhost:5000"];
    }

    private static void Listen(KestrelServerOptions kestrel, BindingAddress address)
    {
        Action<ListenOptions> https = o =>
        {
            if (string.Equals(address.Scheme, "https", StringComparison.OrdinalIgnoreCase))
            {
                o.UseHttps();
            }
        };
        if (address.IsUnixPipe)
        {
            kestrel.ListenUnixSocket(address.UnixPipePath, https);
        }
        else if (string.Equals(address.Host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            kestrel.ListenLocalhost(address.Port, https);
        }
        else if (IPAddress.TryParse(address.Host, out var ip))
        {
            kestrel.Listen(ip, address.Port, https);
        }
        else
        {
            kestrel.ListenAnyIP(address.Port, https);
        }
    }
}
