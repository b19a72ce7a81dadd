using System.Collections.Immutable;
using FederationKit.Directories;
using Microsoft.AspNetCore.Authentication;

namespace FederationKit.AspNetCore;

/// <summary>
/// Where the handler keeps, in the sign-in scheme's <see cref="AuthenticationProperties.Items"/>, what sign-out needs: the
/// profile and the protocol's session data (SAML NameID and SessionIndex; OIDC ID token). Keep these items when shaping the
/// properties; they stay inside the (encrypted) authentication cookie.
/// </summary>
public static class FederationKitSessionItems
{
    /// <summary>The item holding the IdP profile ID.</summary>
    public const string ProfileKey = ".fedkit.session.profile";

    /// <summary>The start of the items holding the session data; the data's key follows.</summary>
    public const string DataPrefix = ".fedkit.session.data.";

    /// <summary>Writes the profile and the session data into <paramref name="properties"/>.</summary>
    /// <param name="properties">The properties of the signed-in session.</param>
    /// <param name="profileId">The profile the user signed in through.</param>
    /// <param name="sessionData">The protocol's session data.</param>
    public static void Write(AuthenticationProperties properties, IdpProfileId profileId, ImmutableDictionary<string, string> sessionData)
    {
        ArgumentNullException.ThrowIfNull(properties);
        ArgumentNullException.ThrowIfNull(sessionData);
        properties.Items[ProfileKey] = profileId.ToString();
        foreach (var (key, value) in sessionData)
        {
            properties.Items[DataPrefix + key] = value;
        }
    }

    /// <summary>Reads the profile and the session data back; false when the session was not signed in through FederationKit.</summary>
    /// <param name="properties">The properties of the signed-in session.</param>
    /// <param name="profileId">The profile.</param>
    /// <param name="sessionData">The session data.</param>
    public static bool TryRead(AuthenticationProperties? properties, out IdpProfileId profileId, out ImmutableDictionary<string, string> sessionData)
    {
        profileId = default;
        sessionData = ImmutableDictionary<string, string>.Empty;
        if (properties is null || !properties.Items.TryGetValue(ProfileKey, out var profile) || !Guid.TryParseExact(profile, "D", out var id))
        {
            return false;
        }

        var data = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in properties.Items)
        {
            if (key.StartsWith(DataPrefix, StringComparison.Ordinal) && value is not null)
            {
                data[key[DataPrefix.Length..]] = value;
            }
        }

        profileId = new IdpProfileId(id);
        sessionData = data.ToImmutable();
        return true;
    }
}
