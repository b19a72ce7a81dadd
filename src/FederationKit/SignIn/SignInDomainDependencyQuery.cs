using System.Globalization;
using FederationKit.Organizations;
using FederationKit.SignIn.Stores;

namespace FederationKit.SignIn;

/// <summary>
/// Reports the federated users whose email is on a domain (or a subdomain), so a domain that users sign in with is not removed.
/// Not registered by default: the host or the lead combines it with the directory's own <see cref="IDomainDependencyQuery"/>.
/// </summary>
internal sealed class SignInDomainDependencyQuery : IDomainDependencyQuery
{
    private readonly IFederatedUserStore _users;

    /// <summary>Creates the query.</summary>
    /// <param name="users">The federated user store.</param>
    public SignInDomainDependencyQuery(IFederatedUserStore users) => _users = users ?? throw new ArgumentNullException(nameof(users));

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> DescribeDependentsAsync(OwnerRef owner, string domain, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(domain);
        var count = await _users.CountByEmailDomainAsync(domain, cancellationToken).ConfigureAwait(false);
        return count switch
        {
            0 => [],
            1 => ["1 user"],
            _ => [string.Create(CultureInfo.InvariantCulture, $"{count} users")],
        };
    }
}
