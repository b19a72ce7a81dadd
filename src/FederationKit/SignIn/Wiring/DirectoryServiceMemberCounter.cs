using FederationKit.Directories;
using FederationKit.SignIn.Ports;
using FederationKit.SignIn.Provisioning;

namespace FederationKit.SignIn.Wiring;

/// <summary><see cref="IDirectoryMemberCounter"/> over <see cref="DirectoryService.RecordMemberAddedAsync"/>.</summary>
internal sealed class DirectoryServiceMemberCounter : IDirectoryMemberCounter
{
    private readonly DirectoryService _directories;

    /// <summary>Creates the counter.</summary>
    /// <param name="directories">The directory service.</param>
    public DirectoryServiceMemberCounter(DirectoryService directories) => _directories = directories ?? throw new ArgumentNullException(nameof(directories));

    /// <inheritdoc />
    public async Task<Result> RecordMemberAddedAsync(SignInProfileContext context, FederatedIdentity identity, CancellationToken cancellationToken = default)
    {
        var recorded = await _directories.RecordMemberAddedAsync(context.ProfileId, identity, cancellationToken).ConfigureAwait(false);
        return recorded.IsFailure ? recorded.Error : Result.Success;
    }
}
