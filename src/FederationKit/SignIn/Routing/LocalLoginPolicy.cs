using System.Collections.Immutable;
using FederationKit.Events;
using FederationKit.Organizations;
using FederationKit.SignIn.Events;
using FederationKit.Stores;

namespace FederationKit.SignIn.Routing;

/// <summary>
/// The question a host asks before its own password, passkey or social login: may this user sign in without SSO?
/// Refused when SSO is enforced for the email's domain (<see cref="SignInErrorCodes.SsoRequired"/>) or when any organization
/// the user is a member of has <see cref="Organization.OnlySso"/> on (<see cref="SignInErrorCodes.LocalLoginDisabled"/>),
/// whatever the email's domain. A break-glass account is let through and <see cref="BreakGlassLoginUsed"/> is raised: an
/// organization's own break-glass accounts (<see cref="Membership.BreakGlass"/>) exempt from that organization's switch and from the SSO
/// enforced on domains that organization itself owns (never on its parent's); the host-wide <see cref="SignInOptions.BreakGlassEmails"/> exempt from both.
/// </summary>
public sealed class LocalLoginPolicy
{
    private readonly SignInRouter _router;
    private readonly IOrganizationStore _organizations;
    private readonly IMembershipStore _memberships;
    private readonly IFederationEventSink _events;
    private readonly TimeProvider _time;

    /// <summary>Creates the policy.</summary>
    /// <param name="router">The routing index (domain capture and the host-wide break-glass list).</param>
    /// <param name="organizations">The organization store.</param>
    /// <param name="memberships">The membership rows.</param>
    /// <param name="events">Where <see cref="BreakGlassLoginUsed"/> is published.</param>
    /// <param name="time">The clock.</param>
    public LocalLoginPolicy(SignInRouter router, IOrganizationStore organizations, IMembershipStore memberships, IFederationEventSink events, TimeProvider time)
    {
        _router = router ?? throw new ArgumentNullException(nameof(router));
        _organizations = organizations ?? throw new ArgumentNullException(nameof(organizations));
        _memberships = memberships ?? throw new ArgumentNullException(nameof(memberships));
        _events = events ?? throw new ArgumentNullException(nameof(events));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>Checks whether <paramref name="userId"/> may use the product's own login with <paramref name="email"/>.</summary>
    /// <param name="userId">The user about to sign in.</param>
    /// <param name="email">The email the user signs in with.</param>
    /// <param name="organizationIds">
    /// The organizations the user belongs to (the host knows them); only those where the user is a member count, unknown ones are ignored.
    /// </param>
    /// <param name="method">The local method being attempted.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<LocalLoginVerdict>> CheckAsync(
        UserId userId, string email, IEnumerable<OrganizationId> organizationIds, LocalSignInMethod method, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(organizationIds);
        var check = await _router.EvaluateLocalSignInAsync(email ?? string.Empty, method, cancellationToken).ConfigureAwait(false);
        if (check.Refusal is { } invalid && check.EnforcingRoute is null)
        {
            return invalid;
        }

        var memberships = new List<Organization>();
        var breakGlassIn = new HashSet<OrganizationId>();
        foreach (var id in organizationIds.Distinct())
        {
            var organization = await _organizations.FindAsync(id, cancellationToken).ConfigureAwait(false);
            if (organization is not null && await _memberships.FindAsync(id, userId, cancellationToken).ConfigureAwait(false) is { } membership)
            {
                memberships.Add(organization);
                if (membership.BreakGlass)
                {
                    breakGlassIn.Add(id);
                }
            }
        }

        var exemptingOrganizations = ImmutableArray.CreateBuilder<OrganizationId>();
        var hostWide = false;
        if (check.EnforcingRoute is { } route)
        {
            // Only the organization that itself owns the captured domain may lift its capture: a linked organization's
            // break-glass list must not override the SSO its parent enforces.
            var exempting = memberships.Where(o => route.Owner == OwnerRef.Organization(o.Id) && breakGlassIn.Contains(o.Id)).Select(o => o.Id).ToList();
            if (exempting.Count > 0)
            {
                exemptingOrganizations.AddRange(exempting);
            }
            else if (check.OnHostBreakGlassList)
            {
                hostWide = true;
            }
            else
            {
                return check.Refusal!;
            }
        }

        foreach (var organization in memberships.Where(o => o.OnlySso))
        {
            if (breakGlassIn.Contains(organization.Id))
            {
                if (!exemptingOrganizations.Contains(organization.Id))
                {
                    exemptingOrganizations.Add(organization.Id);
                }
            }
            else if (check.OnHostBreakGlassList)
            {
                hostWide = true;
            }
            else
            {
                var methodName = SignInRouter.MethodName(method);
                return new FederationError(SignInErrorCodes.LocalLoginDisabled,
                        $"The organization '{organization.Name}' allows only single sign-on: {methodName} sign-in is refused for its members; sign in through your organization's identity provider.")
                    .WithDetail("organization", organization.Id.ToString())
                    .WithDetail("method", methodName);
            }
        }

        if (exemptingOrganizations.Count == 0 && !hostWide)
        {
            return LocalLoginVerdict.Allowed;
        }

        // One event per organization whose break-glass account was used, so each is in that organization's audit trail; one
        // without an organization when only the host-wide list let the user through.
        var now = _time.GetUtcNow();
        var canonical = MemberEmail.Canonicalize(email)!;
        var methodUsed = SignInRouter.MethodName(method);
        if (exemptingOrganizations.Count == 0)
        {
            await _events.PublishAsync(new BreakGlassLoginUsed(now, userId, canonical, methodUsed, [], hostWide), cancellationToken).ConfigureAwait(false);
        }

        foreach (var organizationId in exemptingOrganizations)
        {
            await _events.PublishAsync(new BreakGlassLoginUsed(now, userId, canonical, methodUsed, [organizationId], hostWide), cancellationToken).ConfigureAwait(false);
        }

        return LocalLoginVerdict.BreakGlass;
    }
}
