using FederationKit.Organizations;
using FederationKit.Stores;

namespace FederationKit.Directories.Service;

/// <summary>Creates, renames and encrypts directories; every owner's default Business directory is created on first use.</summary>
internal sealed class DirectoryKeeper(IDirectoryStore directories, DirectoryAccess access, DirectoryWrites events)
{
    // The one bound of the rename's optimistic-concurrency retry; two first uses racing for the default directory need at most 3.
    private const int MaxAttempts = 10;
    private const int MaxEnsureAttempts = 3;

    public async Task<Result<IdentityDirectory>> EnsureBusinessDirectoryAsync(OwnerRef owner, UserId actor, CancellationToken cancellationToken)
    {
        // Two first uses may race to add the default directory: the loser reads the winner's on its next attempt.
        var ensured = await BoundedRetry.RunAsync(
            MaxEnsureAttempts,
            async _ =>
            {
                var existing = (await directories.ListByOwnerAsync(owner, cancellationToken).ConfigureAwait(false)).FirstOrDefault(d => d.IsDefault);
                if (existing is not null)
                {
                    return existing;
                }

                var directory = new IdentityDirectory
                {
                    Id = DirectoryId.New(),
                    Owner = owner,
                    Name = DirectoryService.DefaultBusinessDirectoryName,
                    IdentityType = DirectoryIdentityType.Business,
                    IsDefault = true,
                    CreatedAt = events.Now,
                };
                return await events.WriteAsync(
                    ct => directories.AddAsync(directory, ct),
                    added => events.Directory(DirectoryEventTypes.DirectoryCreated, added),
                    actor,
                    cancellationToken).ConfigureAwait(false);
            },
            _ => true).ConfigureAwait(false);
        return ensured.IsSuccess
            ? ensured
            : new FederationError(DirectoryErrorCodes.NameTaken, $"The owner has a directory named '{DirectoryService.DefaultBusinessDirectoryName}' that is not its default Business directory.");
    }

    public async Task<Result<IdentityDirectory>> CreateDirectoryAsync(OwnerRef owner, UserId actor, string name, DirectoryIdentityType identityType, bool encrypted, CancellationToken cancellationToken)
    {
        var trimmed = name?.Trim() ?? string.Empty;
        if (DirectoryRules.InvalidName(trimmed) is { } invalid)
        {
            return invalid;
        }

        if (identityType is not (DirectoryIdentityType.Enterprise or DirectoryIdentityType.Federated or DirectoryIdentityType.Business))
        {
            throw new ArgumentOutOfRangeException(nameof(identityType));
        }

        var business = await EnsureBusinessDirectoryAsync(owner, actor, cancellationToken).ConfigureAwait(false);
        if (identityType == DirectoryIdentityType.Business && business.IsSuccess)
        {
            return new FederationError(DirectoryErrorCodes.BusinessDirectoryExists, "Every owner has one Business directory by default; it cannot be created again.");
        }

        var created = new IdentityDirectory
        {
            Id = DirectoryId.New(),
            Owner = owner,
            Name = trimmed,
            IdentityType = identityType,
            IsEncrypted = encrypted,
            CreatedAt = events.Now,
        };
        var added = await events.WriteAsync(
            ct => directories.AddAsync(created, ct),
            stored => events.Directory(DirectoryEventTypes.DirectoryCreated, stored),
            actor,
            cancellationToken).ConfigureAwait(false);
        return added.IsFailure && added.Error.Code == StoreErrorCodes.Duplicate ? NameTaken(trimmed) : added;
    }

    public async Task<Result<IdentityDirectory>> RenameDirectoryAsync(DirectoryId id, UserId actor, string newName, CancellationToken cancellationToken)
    {
        var trimmed = newName?.Trim() ?? string.Empty;
        if (await access.FindAuthorizedAsync(id, actor, cancellationToken).ConfigureAwait(false) is { IsFailure: true } refused)
        {
            return refused;
        }

        if (DirectoryRules.InvalidName(trimmed) is { } invalid)
        {
            return invalid;
        }

        var renamed = await BoundedRetry.RunAsync(
            MaxAttempts,
            async _ =>
            {
                var directory = await directories.FindAsync(id, cancellationToken).ConfigureAwait(false);
                if (directory is null)
                {
                    return DirectoryErrors.NotFound(id);
                }

                if (directory.IsBeingDeleted)
                {
                    return DirectoryErrors.BeingDeleted(id);
                }

                if (string.Equals(directory.Name, trimmed, StringComparison.Ordinal))
                {
                    return directory;
                }

                return await events.WriteAsync(
                    ct => directories.UpdateAsync(directory with { Name = trimmed }, ct),
                    _ => new DirectoryRenamed(events.Now, directory.Owner, id, directory.Name, trimmed),
                    actor,
                    cancellationToken).ConfigureAwait(false);
            },
            error => error.Code == StoreErrorCodes.ConcurrencyConflict).ConfigureAwait(false);
        return renamed.IsFailure && renamed.Error.Code == StoreErrorCodes.Duplicate ? NameTaken(trimmed) : renamed;
    }

    public async Task<Result<IdentityDirectory>> MarkEncryptedAsync(DirectoryId id, UserId actor, CancellationToken cancellationToken)
    {
        var found = await access.FindAuthorizedAsync(id, actor, cancellationToken).ConfigureAwait(false);
        if (found.IsFailure)
        {
            return found;
        }

        var directory = found.Value;
        if (directory.IsEncrypted)
        {
            return new FederationError(DirectoryErrorCodes.AlreadyEncrypted, "The directory is already encrypted.");
        }

        return await events.WriteAsync(
            ct => directories.UpdateAsync(directory with { IsEncrypted = true }, ct),
            updated => events.Directory(DirectoryEventTypes.DirectoryEncrypted, updated),
            actor,
            cancellationToken).ConfigureAwait(false);
    }

    private static FederationError NameTaken(string name) =>
        new FederationError(DirectoryErrorCodes.NameTaken, $"The owner already has a directory named '{name}'.").WithDetail("name", name);
}
