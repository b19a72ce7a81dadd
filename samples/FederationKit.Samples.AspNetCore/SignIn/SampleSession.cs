using System.Security.Claims;
using FederationKit.Organizations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace FederationKit.Samples.AspNetCore.SignIn;

/// <summary>The app's own cookie session: a local owner (admin pages) or a member who signed in through an IdP.</summary>
internal sealed record SampleSession(UserId UserId, string Email, string Kind, OrganizationId? Organization, string? IdToken, string? ProfileId)
{
    /// <summary>For a SAML sign-in: the NameID and SessionIndex the assertion carried, which single logout names.</summary>
    public FederationKit.Saml.SamlNameId? SamlNameId { get; init; }

    /// <summary>The SAML SessionIndex, or null.</summary>
    public string? SamlSessionIndex { get; init; }

    public const string OwnerKind = "owner";
    public const string MemberKind = "member";

    public static SampleSession? Read(HttpContext context)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated != true || !Guid.TryParse(user.FindFirstValue("uid"), out var id))
        {
            return null;
        }

        return new SampleSession(
            new UserId(id),
            user.FindFirstValue(ClaimTypes.Email) ?? string.Empty,
            user.FindFirstValue("kind") ?? MemberKind,
            Guid.TryParse(user.FindFirstValue("org"), out var org) ? new OrganizationId(org) : null,
            user.FindFirstValue("id_token"),
            user.FindFirstValue("profile"))
        {
            SamlNameId = user.FindFirstValue("saml_nameid") is { } nameId
                ? new FederationKit.Saml.SamlNameId(nameId, user.FindFirstValue("saml_nameid_format"), user.FindFirstValue("saml_nameid_qualifier"), user.FindFirstValue("saml_spnameid_qualifier"))
                : null,
            SamlSessionIndex = user.FindFirstValue("saml_session_index"),
        };
    }

    public Task SignInAsync(HttpContext context)
    {
        var claims = new List<Claim> { new("uid", UserId.ToString()), new(ClaimTypes.Email, Email), new("kind", Kind) };
        if (Organization is { } org)
        {
            claims.Add(new Claim("org", org.ToString()));
        }

        if (IdToken is not null)
        {
            claims.Add(new Claim("id_token", IdToken));
        }

        if (ProfileId is not null)
        {
            claims.Add(new Claim("profile", ProfileId));
        }

        if (SamlNameId is { } name)
        {
            claims.Add(new Claim("saml_nameid", name.Value));
            AddIfSet(claims, "saml_nameid_format", name.Format);
            AddIfSet(claims, "saml_nameid_qualifier", name.NameQualifier);
            AddIfSet(claims, "saml_spnameid_qualifier", name.SpNameQualifier);
            AddIfSet(claims, "saml_session_index", SamlSessionIndex);
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme));
        return context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
    }

    private static void AddIfSet(List<Claim> claims, string type, string? value)
    {
        if (value is not null)
        {
            claims.Add(new Claim(type, value));
        }
    }
}
