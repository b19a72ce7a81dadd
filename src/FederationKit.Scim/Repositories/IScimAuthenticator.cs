using FederationKit.Directories;

namespace FederationKit.Scim;

/// <summary>Checks a presented SCIM bearer token against the tokens of one directory (in constant time, against stored hashes).</summary>
public interface IScimAuthenticator
{
    /// <summary>Authenticates <paramref name="presentedToken"/> for <paramref name="directoryId"/>.</summary>
    /// <param name="directoryId">The directory whose base URL the request reached.</param>
    /// <param name="presentedToken">The token after <c>Bearer </c>; never logged.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>The token's ID (the actor of the request's changes), or a refusal; the endpoint answers every refusal with the same 401.</returns>
    Task<Result<string>> AuthenticateAsync(DirectoryId directoryId, string presentedToken, CancellationToken cancellationToken);
}
