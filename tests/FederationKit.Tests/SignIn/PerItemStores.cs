using FederationKit.Directories;
using FederationKit.Organizations;
using FederationKit.SignIn.Settings;
using FederationKit.Stores;

namespace FederationKit.Tests.SignIn;

/// <summary>
/// Store decorators that hide the bulk-read interfaces, as a host's own stores might, so the route source takes its
/// per-item path (one coverage check per link, three reads per directory).
/// </summary>
internal static class PerItemStores
{
    internal sealed class VerifiedDomains(IVerifiedDomainQuery inner) : IVerifiedDomainQuery
    {
        public Task<bool> IsCoveredAsync(OwnerRef owner, string domain, CancellationToken cancellationToken = default) => inner.IsCoveredAsync(owner, domain, cancellationToken);
    }

    internal sealed class Directories(IDirectoryStore inner) : IDirectoryStore
    {
        public Task<IdentityDirectory?> FindAsync(DirectoryId id, CancellationToken cancellationToken = default) => inner.FindAsync(id, cancellationToken);

        public Task<IReadOnlyList<IdentityDirectory>> ListByOwnerAsync(OwnerRef owner, CancellationToken cancellationToken = default) => inner.ListByOwnerAsync(owner, cancellationToken);

        public Task<Result<IdentityDirectory>> AddAsync(IdentityDirectory directory, CancellationToken cancellationToken = default) => inner.AddAsync(directory, cancellationToken);

        public Task<Result<IdentityDirectory>> UpdateAsync(IdentityDirectory directory, CancellationToken cancellationToken = default) => inner.UpdateAsync(directory, cancellationToken);

        public Task<Result> DeleteAsync(DirectoryId id, long expectedVersion, CancellationToken cancellationToken = default) => inner.DeleteAsync(id, expectedVersion, cancellationToken);
    }

    internal sealed class Profiles(IIdpProfileStore inner) : IIdpProfileStore
    {
        public Task<IdpProfile?> FindAsync(IdpProfileId id, CancellationToken cancellationToken = default) => inner.FindAsync(id, cancellationToken);

        public Task<IReadOnlyList<IdpProfile>> ListByDirectoryAsync(DirectoryId directoryId, CancellationToken cancellationToken = default) => inner.ListByDirectoryAsync(directoryId, cancellationToken);

        public Task<Result<IdpProfile>> AddAsync(IdpProfile profile, CancellationToken cancellationToken = default) => inner.AddAsync(profile, cancellationToken);

        public Task<Result<IdpProfile>> UpdateAsync(IdpProfile profile, CancellationToken cancellationToken = default) => inner.UpdateAsync(profile, cancellationToken);

        public Task<Result<IdpProfile>> ActivateAsync(IdpProfileId id, long expectedVersion, CancellationToken cancellationToken = default) => inner.ActivateAsync(id, expectedVersion, cancellationToken);


        public Task<Result> DeleteAsync(IdpProfileId id, long expectedVersion, CancellationToken cancellationToken = default) => inner.DeleteAsync(id, expectedVersion, cancellationToken);
    }

    internal sealed class Settings(IDirectorySignInSettingsStore inner) : IDirectorySignInSettingsStore
    {
        public Task<DirectorySignInSettings?> FindAsync(DirectoryId directoryId, CancellationToken cancellationToken = default) => inner.FindAsync(directoryId, cancellationToken);

        public Task<Result<DirectorySignInSettings>> SaveAsync(DirectorySignInSettings settings, CancellationToken cancellationToken = default) => inner.SaveAsync(settings, cancellationToken);

        public Task DeleteAsync(DirectoryId directoryId, CancellationToken cancellationToken = default) => inner.DeleteAsync(directoryId, cancellationToken);
    }
}
