using BudgetBot.Auth;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;

namespace BudgetBot.Otlp;

// The OTLP/HTTP rule for gRPC calls: an API token with the ingest scope in the `authorization`
// metadata (`Bearer <token>`). Answered as gRPC statuses, not HTTP 401/403, so exporters log why.
internal sealed class OtlpGrpcAuth(IAuthorizationService authorization) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        var result = await context.GetHttpContext().AuthenticateAsync(TokenAuthenticationHandler.SchemeName);
        if (!result.Succeeded)
        {
            throw new RpcException(new Status(StatusCode.Unauthenticated,
                "Send a BudgetBot API token with the ingest scope as 'authorization: Bearer <token>' metadata."));
        }
        if (!(await authorization.AuthorizeAsync(result.Principal, Scopes.Ingest)).Succeeded)
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, "The token does not have the ingest scope."));
        }
        return await continuation(request, context);
    }
}
