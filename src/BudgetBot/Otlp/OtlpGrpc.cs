using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace BudgetBot.Otlp;

// OTLP/gRPC: the three collector services on their own HTTP/2 cleartext port (Otlp:GrpcPort, 4317 by
// default, empty for none), next to the HTTP/1.1 endpoint, with the same ingest token as metadata.
internal static class OtlpGrpc
{
    public static IHostApplicationBuilder AddOtlpGrpc(this IHostApplicationBuilder builder)
    {
        if (OtlpGrpcPort.Read(builder.Configuration) is not { } port)
        {
            return builder;
        }
        builder.Services.AddGrpc(o =>
        {
            // The same cap as an OTLP/HTTP body once decompressed; past it the call is RESOURCE_EXHAUSTED.
            o.MaxReceiveMessageSize = (int)OtlpBody.MaxBytes;
            o.Interceptors.Add<OtlpGrpcAuth>();
        });
        builder.Services.AddOptions<KestrelServerOptions>().Configure<IConfiguration>((kestrel, config) => OtlpGrpcPort.Listen(kestrel, config, port));
        return builder;
    }

    public static IEndpointRouteBuilder MapOtlpGrpc(this IEndpointRouteBuilder app)
    {
        if (OtlpGrpcPort.Read(app.ServiceProvider.GetRequiredService<IConfiguration>()) is null)
        {
            return app;
        }
        app.MapGrpcService<MetricsGrpcService>();
        app.MapGrpcService<LogsGrpcService>();
        app.MapGrpcService<TraceGrpcService>();
        return app;
    }
}
