using FederationKit.Directories;
using FederationKit.Organizations;

namespace FederationKit.SignIn.Ports;

/// <summary>
/// One routing entry: a verified domain, who owns it, the directory it is linked to and that directory's active IdP profile.
/// A verified domain covers its subdomains unless a longer verified domain has its own entry.
/// </summary>
/// <param name="Domain">The verified domain, normalized (lower-case ASCII/punycode, no trailing dot).</param>
/// <param name="Owner">The owner of the domain and the directory.</param>
/// <param name="DirectoryId">
/// The directory the domain is linked to; the default value for an entry that only stops the lookup at a verified domain of
/// another owner that is not linked (it then routes to local sign-in and provisions nothing).
/// </param>
public sealed record SignInRoute(string Domain, OwnerRef Owner, DirectoryId DirectoryId)
{
    /// <summary>The directory's active IdP profile, or null when the directory has none (then the domain cannot federate).</summary>
    public IdpProfileId? ActiveProfileId { get; init; }

    /// <summary>The protocol of the active profile; required when <see cref="ActiveProfileId"/> is set.</summary>
    public IdentityProtocol? Protocol { get; init; }

    /// <summary>A name of the IdP that users recognize (for example <c>Acme Okta</c>), shown in refusals.</summary>
    public string IdpDisplayName { get; init; } = string.Empty;

    /// <summary>Whether SSO is enforced for the domain (domain capture): password and social sign-in are then refused.</summary>
    public bool SsoEnforced { get; init; }
}
