using FederationKit.Events;
using FederationKit.Organizations;
using FederationKit.SignIn;
using FederationKit.Stores;

namespace FederationKit.Directories.Profiles;

/// <summary>Activates a profile (the previous active one becomes inactive in the same step) and deletes an inactive one no user depends on.</summary>
internal sealed class ProfileLifecycle(ProfileServices s)
{
    public async Task<Result<IdpProfileView>> ActivateProfileAsync(IdpProfileId id, UserId actor, bool force, CancellationToken cancellationToken)
    {
        var found = await s.FindAuthorizedAsync(id, actor, cancellationToken).ConfigureAwait(false);
        if (found.IsFailure)
        {
            return found.Error;
        }

        var profile = found.Value;

        if (profile.IsActive)
        {
            return new FederationError(DirectoryErrorCodes.ProfileAlreadyActive, "The profile is already active.");
        }

        if (!force && profile.LastTest is not { Passed: true })
        {
            return new FederationError(DirectoryErrorCodes.ProfileNotTested, "Test the profile with a sign-in that maps to existing users before activating it, or force the activation.");
        }

        var previous = (await s.Profiles.ListByDirectoryAsync(profile.DirectoryId, cancellationToken).ConfigureAwait(false)).FirstOrDefault(p => p.IsActive);
        var activated = await s.Writes.WriteAsync(
            ct => s.Profiles.ActivateAsync(id, profile.Version, ct),
            _ => new IdpProfileChanged(DirectoryEventTypes.ProfileActivated, s.Time.GetUtcNow(), profile.DirectoryId, id, profile.Protocol)
            {
                OwnedBy = profile.Owner, Owner = profile.Owner,
                Actor = EventActor.User(actor),
                PreviousActiveProfileId = previous?.Id,
                Forced = force && profile.LastTest is not { Passed: true },
            },
            cancellationToken).ConfigureAwait(false);
        if (activated.IsFailure)
        {
            return activated.Error;
        }

        return await s.ViewAsync(activated.Value, cancellationToken).ConfigureAwait(false);
    }

    public async Task<Result> DeleteProfileAsync(IdpProfileId id, UserId actor, CancellationToken cancellationToken)
    {
        var found = await s.FindAuthorizedAsync(id, actor, cancellationToken).ConfigureAwait(false);
        if (found.IsFailure)
        {
            return found.Error;
        }

        var profile = found.Value;

        var members = await s.MembersAsync(profile, cancellationToken).ConfigureAwait(false);
        if (members > 0)
        {
            return new FederationError(DirectoryErrorCodes.ProfileHasMembers, $"{members} members signed in through this profile; it cannot be deleted.");
        }

        if (profile.IsActive)
        {
            return new FederationError(DirectoryErrorCodes.ProfileActive, "The active profile cannot be deleted; activate another profile first.");
        }

        var deleted = await s.Writes.WriteAsync(
            ct => s.Profiles.DeleteAsync(id, profile.Version, ct),
            new IdpProfileChanged(DirectoryEventTypes.ProfileDeleted, s.Time.GetUtcNow(), profile.DirectoryId, id, profile.Protocol) { OwnedBy = profile.Owner, Owner = profile.Owner, Actor = EventActor.User(actor) },
            cancellationToken).ConfigureAwait(false);
        if (deleted.IsFailure)
        {
            return deleted;
        }

        // Secrets may live outside the database (a vault): removed only once the deletion is kept.
        if (profile.Oidc is { } oidc)
        {
            await s.DeleteSecretsAsync(oidc, cancellationToken).ConfigureAwait(false);
        }

        return Result.Success;
    }
}
