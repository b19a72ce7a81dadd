using FederationKit.Directories;
using FederationKit.DirectorySync.Tokens;

namespace FederationKit.Scim.DirectorySync;

/// <summary>Authenticates SCIM bearer tokens with the domain's <see cref="DirectorySyncTokenService"/> (hashed, constant-time).</summary>
public sealed class DirectorySyncScimAuthenticator : IScimAuthenticator
{
    private readonly DirectorySyncTokenService _tokens;

    /// <summary>Creates the authenticator.</summary>
    /// <param name="tokens">The directory sync token service.</param>
    public DirectorySyncScimAuthenticator(DirectorySyncTokenService tokens) => _tokens = tokens ?? throw new ArgumentNullException(nameof(tokens));

    /// <inheritdoc />
    public async Task<Result<string>> AuthenticateAsync(DirectoryId directoryId, string presentedToken, CancellationToken cancellationToken)
    {
        var caller = await _tokens.AuthenticateAsync(directoryId, presentedToken, cancellationToken).ConfigureAwait(false);
        return caller.IsSuccess ? caller.Value.TokenId : caller.Error;
    }
}
