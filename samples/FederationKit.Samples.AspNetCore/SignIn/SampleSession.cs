using System.Security.Claims;
using FederationKit.AspNetCore;
using FederationKit.Organizations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace FederationKit.Samples.AspNetCore.SignIn;

/// <summary>
/// The app's cookie session: a local owner (admin pages), or a member the FederationKit scheme signed in through an IdP
/// (its principal carries the user ID as NameIdentifier and the organizations as <see cref="FederationKitClaimTypes.Organization"/>).
/// </summary>
internal sealed record SampleSession(UserId UserId, string Email, string Kind, OrganizationId? Organization)
{
    public const string OwnerKind = "owner";
    public const string MemberKind = "member";

    public static SampleSession? Read(HttpContext context)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated != true || !Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id))
        {
            return null;
        }

        var organization = user.FindFirstValue("org") ?? user.FindFirstValue(FederationKitClaimTypes.Organization);
        return new SampleSession(
            new UserId(id),
            user.FindFirstValue(ClaimTypes.Email) ?? string.Empty,
            user.FindFirstValue("kind") ?? MemberKind,
            Guid.TryParse(organization, out var org) ? new OrganizationId(org) : null);
    }

    /// <summary>Signs a local owner in (the sample has no user database: the owner's ID is minted when they start).</summary>
    public Task SignInAsync(HttpContext context)
    {
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, UserId.ToString()), new(ClaimTypes.Email, Email), new("kind", Kind) };
        if (Organization is { } org)
        {
            claims.Add(new Claim("org", org.ToString()));
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme));
        return context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
    }
}
