using FederationKit.Events;
using FederationKit.Organizations;
using FederationKit.SignIn;
using FederationKit.Stores;

namespace FederationKit.Directories.Profiles;

/// <summary>Tests a profile with an identity from a real sign-in through it and records the result on the profile.</summary>
internal sealed class ProfileTester(ProfileServices s)
{
    // The one bound of the optimistic-concurrency retry of a test's record.
    private const int MaxAttempts = 5;

    public async Task<Result<ProfileTestResult>> TestProfileAsync(IdpProfileId id, UserId actor, FederatedIdentity identity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identity);
        if (await s.FindAuthorizedAsync(id, actor, cancellationToken).ConfigureAwait(false) is { IsFailure: true } refused)
        {
            return refused.Error;
        }

        var tested = await BoundedRetry.RunAsync(
            MaxAttempts,
            async _ =>
            {
                var profile = await s.Profiles.FindAsync(id, cancellationToken).ConfigureAwait(false);
                if (profile is null)
                {
                    return IdpProfileService.ProfileNotFound(id);
                }

                var directory = await s.Directories.FindAsync(profile.DirectoryId, cancellationToken).ConfigureAwait(false);
                if (directory is null)
                {
                    return DirectoryService.DirectoryNotFound(profile.DirectoryId);
                }

                var failure = ProfileTestRules.Evaluate(profile, await MemberSubjectFormatsAsync(profile, directory, cancellationToken).ConfigureAwait(false), identity);
                var result = new ProfileTestResult(failure is null, s.Time.GetUtcNow(), failure?.Code, failure?.Message);
                var saved = await s.Writes.WriteAsync(
                    ct => s.Profiles.UpdateAsync(profile with { LastTest = result }, ct),
                    _ => new IdpProfileChanged(DirectoryEventTypes.ProfileTested, s.Time.GetUtcNow(), profile.DirectoryId, id, profile.Protocol) { TestResult = result, OwnedBy = profile.Owner, Owner = profile.Owner, Actor = EventActor.User(actor) },
                    cancellationToken).ConfigureAwait(false);
                return saved.IsFailure ? saved.Error : Result<ProfileTestResult>.Success(result);
            },
            error => error.Code == StoreErrorCodes.ConcurrencyConflict).ConfigureAwait(false);
        return tested.IsFailure && tested.Error.Code == StoreErrorCodes.ConcurrencyConflict ? StoreErrors.ConcurrencyConflict("IdP profile", id.ToString()) : tested;
    }

    /// <summary>
    /// The subject formats the directory's existing users were identified by: the one earlier versions recorded on the
    /// directory, and that of every other profile users last signed in through (its NameID format or OIDC user-id claim).
    /// </summary>
    private async Task<IReadOnlyList<string>> MemberSubjectFormatsAsync(IdpProfile tested, IdentityDirectory directory, CancellationToken cancellationToken)
    {
        var formats = new List<string>();
        if (directory.MemberSubjectFormat is { } recorded)
        {
            formats.Add(recorded);
        }

        foreach (var profile in await s.Profiles.ListByDirectoryAsync(directory.Id, cancellationToken).ConfigureAwait(false))
        {
            if (profile.Id != tested.Id && ProfileTestRules.SubjectFormatOf(profile) is { } format && !formats.Contains(format)
                && await s.MembersAsync(profile, cancellationToken).ConfigureAwait(false) > 0)
            {
                formats.Add(format);
            }
        }

        return formats;
    }
}
