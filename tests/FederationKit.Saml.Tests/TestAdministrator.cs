using FederationKit.Organizations;

namespace FederationKit.Saml.Tests;

/// <summary>The user that creates (and so administers) the organizations these tests federate; the acting user of their admin steps.</summary>
internal static class TestAdministrator
{
    /// <summary>The administrator's user id.</summary>
    public static UserId Id { get; } = UserId.New();
}
