using FederationKit.SignIn.Provisioning;

namespace FederationKit.SignIn.Ports;

/// <summary>
/// Tells the directory that a new member joined through a profile, so the rules that protect users hold: a directory or a
/// profile with members cannot be deleted, and the member subject format and an OIDC profile's user-id claim are fixed.
/// </summary>
public interface IDirectoryMemberCounter
{
    /// <summary>Records the first sign-in of a new user through <paramref name="context"/>'s profile.</summary>
    /// <param name="context">The directory and profile of the sign-in.</param>
    /// <param name="identity">The validated identity.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<Result> RecordMemberAddedAsync(SignInProfileContext context, FederatedIdentity identity, CancellationToken cancellationToken = default);
}
