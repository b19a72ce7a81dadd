using FederationKit.Directories;
using FederationKit.DirectoryTrust;
using FederationKit.Organizations;
using FederationKit.SignIn.Policies;
using FederationKit.SignIn.Stores;
using FederationKit.SignIn.Usernames;

namespace FederationKit.SignIn.Wiring;

/// <summary>The default <see cref="ITrusteeMemberProfiles"/>, over the <see cref="IMemberProfileStore"/> that JIT writes.</summary>
public sealed class MemberProfileTrusteeMembers : ITrusteeMemberProfiles
{
    private readonly IMemberProfileStore _profiles;
    private readonly SignInOptions _options;
    private readonly TimeProvider _time;

    /// <summary>Creates the adapter.</summary>
    /// <param name="profiles">The member profile store.</param>
    /// <param name="options">The sign-in options (username and retry limits).</param>
    /// <param name="time">The clock.</param>
    public MemberProfileTrusteeMembers(IMemberProfileStore profiles, SignInOptions options, TimeProvider time)
    {
        _profiles = profiles ?? throw new ArgumentNullException(nameof(profiles));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <inheritdoc />
    public async Task<Result> AddAsync(OrganizationId trustee, DirectoryId directoryId, UserId userId, string email, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(email);
        for (var retry = 0; retry < _options.MaxConcurrencyRetries; retry++)
        {
            if (await _profiles.FindAsync(trustee, userId, cancellationToken).ConfigureAwait(false) is { } kept)
            {
                var updated = await _profiles.UpdateAsync(kept with { DirectoryId = directoryId, UserType = MemberUserType.Business, Email = email }, cancellationToken).ConfigureAwait(false);
                if (updated.IsSuccess || updated.Error.Code != StoreErrorCodes.ConcurrencyConflict)
                {
                    return updated.IsSuccess ? Result.Success : updated.Error;
                }

                continue;
            }

            var added = await AddNewAsync(trustee, directoryId, userId, email, cancellationToken).ConfigureAwait(false);
            if (added is not { } error)
            {
                return Result.Success;
            }

            // Duplicate of another kind than the username: the user's profile appeared meanwhile; take it over above.
            if (error.Code != StoreErrorCodes.Duplicate)
            {
                return error;
            }
        }

        return StoreErrors.ConcurrencyConflict("member profile", $"{trustee}/{userId}");
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<UserId>> ListReachedThroughAsync(OrganizationId trustee, DirectoryId directoryId, CancellationToken cancellationToken = default) =>
        [.. (await _profiles.ListByDirectoryAsync(trustee, directoryId, cancellationToken).ConfigureAwait(false))
            .Where(p => p.UserType == MemberUserType.Business).Select(p => p.UserId)];

    /// <inheritdoc />
    public async Task<bool> RemoveAsync(OrganizationId trustee, DirectoryId directoryId, UserId userId, CancellationToken cancellationToken = default)
    {
        for (var retry = 0; retry < _options.MaxConcurrencyRetries; retry++)
        {
            var profile = await _profiles.FindAsync(trustee, userId, cancellationToken).ConfigureAwait(false);
            if (profile is null || profile.DirectoryId != directoryId || profile.UserType != MemberUserType.Business)
            {
                return false;
            }

            var deleted = await _profiles.DeleteAsync(trustee, userId, profile.Version, cancellationToken).ConfigureAwait(false);
            if (deleted.IsSuccess)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Adds a new Business-ID profile with the first free username; null on success, else the store's error.</summary>
    private async Task<FederationError?> AddNewAsync(OrganizationId trustee, DirectoryId directoryId, UserId userId, string email, CancellationToken cancellationToken)
    {
        var at = email.LastIndexOf('@');
        var usernameBase = UsernameRules.Normalize(at > 0 ? email[..at] : userId.ToString());
        for (var attempt = 0; attempt < _options.MaxUsernameAttempts; attempt++)
        {
            if (UsernameRules.Candidate(usernameBase, string.Empty, attempt) is not { } candidate)
            {
                continue;
            }

            var added = await _profiles.AddAsync(new MemberProfile
            {
                OrganizationId = trustee,
                UserId = userId,
                DirectoryId = directoryId,
                Username = candidate,
                UserType = MemberUserType.Business,
                Email = email,
                JoinedAt = _time.GetUtcNow(),
            }, cancellationToken).ConfigureAwait(false);
            if (added.IsSuccess)
            {
                return null;
            }

            if (added.Error.Code != StoreErrorCodes.Duplicate
                || !string.Equals(added.Error.Details.GetValueOrDefault("kind"), IMemberProfileStore.UsernameKind, StringComparison.Ordinal))
            {
                return added.Error;
            }
        }

        return new FederationError(SignInErrorCodes.UsernameExhausted, $"No unique username was found after {_options.MaxUsernameAttempts} attempts.")
            .WithDetail("organization", trustee.ToString());
    }
}
