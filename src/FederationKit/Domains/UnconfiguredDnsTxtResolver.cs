namespace FederationKit.Domains;

/// <summary>
/// The resolver registered until a host adds a real one (such as <c>AddDnsClientResolver()</c> from FederationKit.Dns):
/// every lookup fails, so nothing is ever verified by mistake and nothing verified lapses.
/// </summary>
public sealed class UnconfiguredDnsTxtResolver : IDnsTxtResolver
{
    /// <summary>The detail every lookup returns.</summary>
    public const string Detail = "no DNS resolver is configured; register one, for example with AddDnsClientResolver() from FederationKit.Dns";

    /// <inheritdoc />
    public Task<DnsTxtLookup> ResolveTxtAsync(string hostName, CancellationToken cancellationToken = default) =>
        Task.FromResult(DnsTxtLookup.Failed(Detail));
}
