using System.Collections.Immutable;
using System.Text.Json;
using FederationKit.Directories;
using FederationKit.OneTime;
using FederationKit.Organizations;

namespace FederationKit.SignIn.Flow;

/// <summary>
/// Keeps sign-in transactions in the shared <see cref="IOneTimeStore"/>: added once, taken at most once, and remembered as
/// used afterwards so a replayed response is told apart from an unknown or expired one.
/// </summary>
internal sealed class SignInTransactionStore(IOneTimeStore store, TimeProvider time)
{
    /// <summary>The one-time-store purpose of live transactions.</summary>
    public const string Purpose = "signin.transaction";

    /// <summary>The one-time-store purpose of consumed transactions.</summary>
    public const string UsedPurpose = "signin.transaction.used";

    /// <summary>The longest transaction ID accepted from a response (ours are 43 characters).</summary>
    public const int MaximumIdLength = 64;

    public async Task<Result> AddAsync(SignInTransaction transaction, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        try
        {
            var added = await store.TryAddAsync(Purpose, transaction.Id, JsonSerializer.SerializeToUtf8Bytes(Stored.From(transaction)), expiresAt, cancellationToken).ConfigureAwait(false);
            return added ? Result.Success : throw new InvalidOperationException("A freshly generated sign-in transaction ID collided in the one-time store.");
        }
        catch (OneTimeStoreUnavailableException)
        {
            return new FederationError(StoreErrorCodes.OneTimeUnavailable, "The one-time store is unavailable, so the sign-in could not be started; retry.");
        }
    }

    public async Task<Result<SignInTransaction>> TakeAsync(string? id, TimeSpan usedMarkerLifetime, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(id) || id.Length > MaximumIdLength)
        {
            return Unknown();
        }

        try
        {
            var taken = await store.TryTakeAsync(Purpose, id, cancellationToken).ConfigureAwait(false);
            if (taken is null)
            {
                var used = await store.TryTakeAsync(UsedPurpose, id, cancellationToken).ConfigureAwait(false);
                if (used is null)
                {
                    return Unknown();
                }

                await store.TryAddAsync(UsedPurpose, id, used, time.GetUtcNow() + usedMarkerLifetime, cancellationToken).ConfigureAwait(false);
                return new FederationError(SignInErrorCodes.TransactionReplayed, "This sign-in response was already used: it is a replay. Start the sign-in again.");
            }

            await store.TryAddAsync(UsedPurpose, id, new byte[] { 1 }, time.GetUtcNow() + usedMarkerLifetime, cancellationToken).ConfigureAwait(false);
            return JsonSerializer.Deserialize<Stored>(taken)!.To(id);
        }
        catch (OneTimeStoreUnavailableException)
        {
            return new FederationError(StoreErrorCodes.OneTimeUnavailable, "The one-time store is unavailable, so the sign-in response could not be checked; it was refused. Retry the sign-in.");
        }
    }

    /// <summary>
    /// Puts back a transaction taken for a response that did not come from its browser, so whoever learned the ID (it
    /// travels through the IdP) cannot cancel the sign-in; best effort: without the store the sign-in must start again.
    /// </summary>
    public async Task RestoreAsync(SignInTransaction transaction, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        try
        {
            await store.TryTakeAsync(UsedPurpose, transaction.Id, cancellationToken).ConfigureAwait(false);
            await store.TryAddAsync(Purpose, transaction.Id, JsonSerializer.SerializeToUtf8Bytes(Stored.From(transaction)), expiresAt, cancellationToken).ConfigureAwait(false);
        }
        catch (OneTimeStoreUnavailableException)
        {
            // The response is refused either way.
        }
    }

    private static FederationError Unknown() =>
        new(SignInErrorCodes.TransactionUnknown, "This sign-in response belongs to no sign-in in progress (unknown or expired). Start the sign-in again.");

    /// <summary>The stored form: primitives only, so the format does not depend on how the ID types serialize.</summary>
    private sealed record Stored(Guid Profile, Guid Directory, int Protocol, int Intent, Guid? Administrator, string ReturnUrl, Dictionary<string, string> Data, DateTimeOffset CreatedAt, string Binding)
    {
        public static Stored From(SignInTransaction t) => new(
            t.ProfileId.Value, t.DirectoryId.Value, (int)t.Protocol, (int)t.Intent, t.AdministratorId?.Value, t.ReturnUrl,
            new Dictionary<string, string>(t.ProtocolData, StringComparer.Ordinal), t.CreatedAt, t.BrowserBindingHash);

        public SignInTransaction To(string id) => new()
        {
            Id = id,
            ProfileId = new IdpProfileId(Profile),
            DirectoryId = new DirectoryId(Directory),
            Protocol = (IdentityProtocol)Protocol,
            Intent = (SignInIntent)Intent,
            AdministratorId = Administrator is { } admin ? new UserId(admin) : null,
            ReturnUrl = ReturnUrl,
            ProtocolData = Data.ToImmutableDictionary(StringComparer.Ordinal),
            CreatedAt = CreatedAt,
            BrowserBindingHash = Binding,
        };
    }
}
