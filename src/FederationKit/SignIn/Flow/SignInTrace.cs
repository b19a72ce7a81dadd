using System.Diagnostics;
using FederationKit.Diagnostics;
using FederationKit.Directories;

namespace FederationKit.SignIn.Flow;

/// <summary>
/// What a sign-in step learned that its span, log and counter may carry (profile, directory, protocol, intent): filled in as
/// the step finds them, so a refusal part-way still names what was known. Never holds an email, subject or transaction ID.
/// </summary>
internal sealed class SignInTrace(Activity? activity)
{
    public IdpProfileId? ProfileId { get; private set; }

    public IdentityProtocol? Protocol { get; private set; }

    public DirectoryId? DirectoryId { get; private set; }

    /// <summary>The loaded profile's owner: set once the profile itself was read, so a refusal from then on is the owner's event.</summary>
    public Organizations.OwnerRef? Owner { get; set; }

    public SignInIntent Intent { get; private set; } = SignInIntent.SignIn;

    public void SetIntent(SignInIntent intent)
    {
        Intent = intent;
        activity?.SetTag(TelemetryNames.Intent, TelemetryNames.Of(intent));
    }

    public void SetProtocol(IdentityProtocol protocol)
    {
        Protocol = protocol;
        activity?.SetTag(TelemetryNames.Protocol, TelemetryNames.Of(protocol));
    }

    public void SetProfile(IdpProfileId profile, DirectoryId directory)
    {
        ProfileId = profile;
        DirectoryId = directory;
        activity?.SetTag(TelemetryNames.ProfileId, profile.ToString());
        activity?.SetTag(TelemetryNames.DirectoryId, directory.ToString());
    }
}
