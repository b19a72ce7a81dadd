using System.Collections.Immutable;
using FederationKit.Directories;
using FederationKit.DirectorySync.Events;
using FederationKit.Events;
using FederationKit.Organizations;
using FederationKit.Stores;

namespace FederationKit.DirectorySync.Tokens;

/// <summary>
/// Issues, rotates, revokes, lists and checks the SCIM bearer tokens of a directory. Only an administrator of the directory's
/// owner (<see cref="OwnerAdministrators"/>) manages them; the secret is returned once and stored only as its SHA-256 hash.
/// A rotation issues a second token while the previous ones stay valid until the administrator confirms it or
/// <see cref="DirectorySyncOptions.RotationOverlap"/> ends.
/// </summary>
public sealed class DirectorySyncTokenService
{
    private readonly IDirectorySyncTokenStore _tokens;
    private readonly IDirectoryStore _directories;
    private readonly OwnerAdministrators _administrators;
    private readonly StoreWriteCommitter _writes;
    private readonly TimeProvider _time;
    private readonly DirectorySyncOptions _options;

    /// <summary>Creates the service.</summary>
    /// <param name="tokens">The token store.</param>
    /// <param name="directories">The directory store (owner of each directory).</param>
    /// <param name="administrators">Who may administer the directory's owner.</param>
    /// <param name="committer">Publishes the events (through the outbox when the host uses one).</param>
    /// <param name="time">The clock.</param>
    /// <param name="options">Directory sync settings.</param>
    /// <param name="writes">Keeps each token write and its event together (one database transaction with the EF Core stores and the outbox); null publishes the event after the write.</param>
    public DirectorySyncTokenService(
        IDirectorySyncTokenStore tokens, IDirectoryStore directories, OwnerAdministrators administrators, ChangeSetCommitter committer, TimeProvider time, DirectorySyncOptions options,
        IStoreWriteTransactions? writes = null)
    {
        _tokens = tokens ?? throw new ArgumentNullException(nameof(tokens));
        _directories = directories ?? throw new ArgumentNullException(nameof(directories));
        _administrators = administrators ?? throw new ArgumentNullException(nameof(administrators));
        _writes = new StoreWriteCommitter(writes, (committer ?? throw new ArgumentNullException(nameof(committer))).Events);
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _options = options ?? throw new ArgumentNullException(nameof(options));
    }

    /// <summary>Issues a token for the directory; its secret is in the result and nowhere else.</summary>
    /// <param name="directoryId">The directory.</param>
    /// <param name="actor">The acting administrator.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<IssuedDirectorySyncToken>> IssueAsync(DirectoryId directoryId, UserId actor, CancellationToken cancellationToken = default)
    {
        var owner = await AuthorizeAsync(directoryId, actor, cancellationToken).ConfigureAwait(false);
        if (owner.IsFailure)
        {
            return owner.Error;
        }

        var now = _time.GetUtcNow();
        return await _writes.WriteAsync(
            ct => AddAsync(directoryId, actor, ct),
            issued => new DirectorySyncTokenIssued(now, directoryId, owner.Value, issued.Token.Id, actor),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Rotates: issues a new token and gives every valid token of the directory without an end an end at now +
    /// <see cref="DirectorySyncOptions.RotationOverlap"/>, so both work while the IdP is being updated.
    /// </summary>
    /// <param name="directoryId">The directory.</param>
    /// <param name="actor">The acting administrator.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<IssuedDirectorySyncToken>> RotateAsync(DirectoryId directoryId, UserId actor, CancellationToken cancellationToken = default)
    {
        var owner = await AuthorizeAsync(directoryId, actor, cancellationToken).ConfigureAwait(false);
        if (owner.IsFailure)
        {
            return owner.Error;
        }

        var now = _time.GetUtcNow();
        var overlapEnds = now + _options.RotationOverlap;
        var previous = ImmutableArray.CreateBuilder<string>();

        // The old tokens' new ends and the new token, with the event, as one write: a rotation is whole or not at all.
        return await _writes.WriteAsync(
            async ct =>
            {
                previous.Clear();
                foreach (var token in await _tokens.ListByDirectoryAsync(directoryId, ct).ConfigureAwait(false))
                {
                    if (!token.IsValidAt(now))
                    {
                        continue;
                    }

                    if (token.ExpiresAt is null || token.ExpiresAt > overlapEnds)
                    {
                        var updated = await _tokens.UpdateAsync(token with { ExpiresAt = overlapEnds }, ct).ConfigureAwait(false);
                        if (updated.IsFailure)
                        {
                            return Contended(updated.Error);
                        }
                    }

                    previous.Add(token.Id);
                }

                return await AddAsync(directoryId, actor, ct).ConfigureAwait(false);
            },
            issued => new DirectorySyncTokenRotated(now, directoryId, owner.Value, issued.Token.Id, previous.ToImmutable(), overlapEnds, actor),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Confirms a rotation: revokes every other valid token of the directory at once, keeping <paramref name="tokenId"/>.</summary>
    /// <param name="directoryId">The directory.</param>
    /// <param name="tokenId">The token to keep (the rotation's new token).</param>
    /// <param name="actor">The acting administrator.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result> ConfirmRotationAsync(DirectoryId directoryId, string tokenId, UserId actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tokenId);
        var owner = await AuthorizeAsync(directoryId, actor, cancellationToken).ConfigureAwait(false);
        if (owner.IsFailure)
        {
            return owner.Error;
        }

        var now = _time.GetUtcNow();
        var tokens = await _tokens.ListByDirectoryAsync(directoryId, cancellationToken).ConfigureAwait(false);
        if (!tokens.Any(t => string.Equals(t.Id, tokenId, StringComparison.Ordinal) && t.IsValidAt(now)))
        {
            return TokenNotFound(tokenId);
        }

        foreach (var token in tokens.Where(t => !string.Equals(t.Id, tokenId, StringComparison.Ordinal) && t.IsValidAt(now)))
        {
            var revoked = await RevokeCoreAsync(token, owner.Value, actor, now, cancellationToken).ConfigureAwait(false);
            if (revoked.IsFailure)
            {
                return revoked;
            }
        }

        return Result.Success;
    }

    /// <summary>Revokes a token: it is refused from now on.</summary>
    /// <param name="directoryId">The directory.</param>
    /// <param name="tokenId">The token.</param>
    /// <param name="actor">The acting administrator.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result> RevokeAsync(DirectoryId directoryId, string tokenId, UserId actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tokenId);
        var owner = await AuthorizeAsync(directoryId, actor, cancellationToken).ConfigureAwait(false);
        if (owner.IsFailure)
        {
            return owner.Error;
        }

        var token = await _tokens.FindAsync(tokenId, cancellationToken).ConfigureAwait(false);
        if (token is null || token.DirectoryId != directoryId || token.RevokedAt is not null)
        {
            return TokenNotFound(tokenId);
        }

        return await RevokeCoreAsync(token, owner.Value, actor, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Lists the directory's tokens, without secrets or hashes.</summary>
    /// <param name="directoryId">The directory.</param>
    /// <param name="actor">The acting administrator.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<ImmutableArray<DirectorySyncTokenInfo>>> ListAsync(DirectoryId directoryId, UserId actor, CancellationToken cancellationToken = default)
    {
        var owner = await AuthorizeAsync(directoryId, actor, cancellationToken).ConfigureAwait(false);
        if (owner.IsFailure)
        {
            return owner.Error;
        }

        var now = _time.GetUtcNow();
        return (await _tokens.ListByDirectoryAsync(directoryId, cancellationToken).ConfigureAwait(false)).Select(t => Info(t, now)).ToImmutableArray();
    }

    /// <summary>
    /// Checks a presented bearer token against the directory's tokens, comparing SHA-256 hashes in constant time. Unknown,
    /// revoked, expired and other directories' tokens all get <see cref="DirectorySyncErrorCodes.TokenInvalid"/> and nothing more.
    /// </summary>
    /// <param name="directoryId">The directory the request is addressed to.</param>
    /// <param name="presented">The bearer token as presented.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<DirectorySyncCaller>> AuthenticateAsync(DirectoryId directoryId, string? presented, CancellationToken cancellationToken = default)
    {
        var refused = new FederationError(DirectorySyncErrorCodes.TokenInvalid, "The SCIM bearer token is not valid for this directory.");
        if (string.IsNullOrEmpty(presented) || presented.Length > DirectorySyncSecrets.MaxLength)
        {
            return refused;
        }

        var hash = DirectorySyncSecrets.Hash(presented);
        var now = _time.GetUtcNow();
        DirectorySyncToken? match = null;
        foreach (var token in await _tokens.ListByDirectoryAsync(directoryId, cancellationToken).ConfigureAwait(false))
        {
            // Every stored hash is compared, in constant time, whatever matched before.
            if (DirectorySyncSecrets.HashEquals(token.SecretHash, hash) && token.DirectoryId == directoryId)
            {
                match = token;
            }
        }

        return match is not null && match.IsValidAt(now) ? new DirectorySyncCaller(directoryId, match.Id) : refused;
    }

    private async Task<Result<IssuedDirectorySyncToken>> AddAsync(DirectoryId directoryId, UserId actor, CancellationToken cancellationToken)
    {
        var secret = DirectorySyncSecrets.NewSecret();
        var token = new DirectorySyncToken
        {
            Id = DirectorySyncSecrets.NewId(),
            DirectoryId = directoryId,
            SecretHash = DirectorySyncSecrets.Hash(secret),
            CreatedAt = _time.GetUtcNow(),
            CreatedBy = actor,
        };
        var added = await _tokens.AddAsync(token, cancellationToken).ConfigureAwait(false);
        if (added.IsFailure)
        {
            return Contended(added.Error);
        }

        return new IssuedDirectorySyncToken(Info(added.Value, token.CreatedAt), secret);
    }

    private async Task<Result> RevokeCoreAsync(DirectorySyncToken token, OwnerRef owner, UserId actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var revoked = await _writes.WriteAsync(
            async ct => await _tokens.UpdateAsync(token with { RevokedAt = now }, ct).ConfigureAwait(false) is { IsFailure: true } failed ? Contended(failed.Error) : Result.Success,
            new DirectorySyncTokenRevoked(now, token.DirectoryId, owner, token.Id, actor),
            cancellationToken).ConfigureAwait(false);
        return revoked;
    }

    private async Task<Result<OwnerRef>> AuthorizeAsync(DirectoryId directoryId, UserId actor, CancellationToken cancellationToken)
    {
        var directory = await _directories.FindAsync(directoryId, cancellationToken).ConfigureAwait(false);
        if (directory is null || directory.IsBeingDeleted)
        {
            return new FederationError(DirectorySyncErrorCodes.DirectoryNotFound, $"No directory '{directoryId}' exists.")
                .WithDetail("directory", directoryId.ToString());
        }

        if (await _administrators.RefuseUnlessAdministratorAsync(actor, directory.Owner, DirectorySyncErrorCodes.NotAuthorized, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        return directory.Owner;
    }

    private static DirectorySyncTokenInfo Info(DirectorySyncToken t, DateTimeOffset now) =>
        new(t.Id, t.DirectoryId, t.CreatedAt, t.CreatedBy, t.ExpiresAt, t.RevokedAt, t.IsValidAt(now));

    private static FederationError TokenNotFound(string tokenId) =>
        new FederationError(DirectorySyncErrorCodes.TokenNotFound, $"No valid token '{tokenId}' exists on this directory.").WithDetail("token", tokenId);

    private static FederationError Contended(FederationError error) =>
        BoundedRetry.IsConflict(error)
            ? new FederationError(DirectorySyncErrorCodes.Contended, "The directory's tokens changed concurrently; retry.")
            : error;
}
