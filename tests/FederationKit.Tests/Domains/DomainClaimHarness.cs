using FederationKit.Domains;
using FederationKit.Domains.InMemory;
using FederationKit.Events;
using FederationKit.Organizations;
using FederationKit.Stores.InMemory;
using Microsoft.Extensions.Time.Testing;

namespace FederationKit.Tests.Domains;

/// <summary>A claim service over in-memory stores, a fake clock and a fake resolver, with two parent organizations.</summary>
internal sealed class DomainClaimHarness
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly Dictionary<OwnerRef, UserId> _admins = [];

    public DomainClaimHarness(DomainClaimOptions? options = null, params IDomainDependencyQuery[] dependencies)
        : this(null, options, dependencies)
    {
    }

    /// <summary>A harness whose service logs to <paramref name="logger"/>.</summary>
    public DomainClaimHarness(Microsoft.Extensions.Logging.ILogger<DomainClaimService>? logger, DomainClaimOptions? options = null, params IDomainDependencyQuery[] dependencies)
    {
        Options = options ?? new DomainClaimOptions();
        Service = new DomainClaimService(
            Claims, Tokens, Dns, Organizations, Parents, new OwnerAdministrators(Parents, Memberships), dependencies,
            new DomainClaimRules(DomainReferenceData.FromOptions(Options)), Options, Clock, Events, logger: logger);
        Acme = AddParent("Acme");
        Rival = AddParent("Rival");
    }

    public FakeTimeProvider Clock { get; } = new(Start);

    public FakeDnsTxtResolver Dns { get; } = new();

    public InMemoryDomainClaimStore Claims { get; } = new();

    public InMemoryOwnershipTokenStore Tokens { get; } = new();

    public InMemoryOrganizationStore Organizations { get; } = new();

    public InMemoryParentOrganizationStore Parents { get; } = new();

    public InMemoryFederationEventSink Events { get; } = new();

    public InMemoryMembershipStore Memberships { get; } = new();

    public DomainClaimOptions Options { get; }

    public DomainClaimService Service { get; }

    public OwnerRef Acme { get; }

    public OwnerRef Rival { get; }

    public OwnerRef AddParent(string name)
    {
        var admin = UserId.New();
        var parent = new ParentOrganization
        {
            Id = ParentOrganizationId.New(),
            Name = name,
            CreatedAt = Start,
            Administrators = [new OrganizationMember(admin, "admin@" + name.ToLowerInvariant() + ".example", OrganizationRole.Owner)],
        };
        _ = Parents.AddAsync(parent).GetAwaiter().GetResult();
        _admins[parent.AsOwner] = admin;
        return parent.AsOwner;
    }

    /// <summary>
    /// An administrator of <paramref name="owner"/>: the one <see cref="AddParent"/> listed, a new admin member of an
    /// organization, or (for a parent that does not exist) a user who administers nothing.
    /// </summary>
    public UserId Admin(OwnerRef owner)
    {
        if (_admins.TryGetValue(owner, out var known))
        {
            return known;
        }

        var admin = UserId.New();
        if (owner.Kind == OwnerKind.Organization)
        {
            var member = MembershipChanges.NewLocalMember(new OrganizationId(owner.Id), admin, "admin@org.example", OrganizationRole.Admin, Start);
            var joined = new FederationKit.Stores.ChangeSetCommitter(new FederationKit.Stores.InMemoryChangeSetStore(new FederationKit.SignIn.Stores.InMemoryFederatedUserStore(), Memberships), new NullFederationEventSink())
                .CommitAsync(MembershipChanges.Join(member)).GetAwaiter().GetResult();
            Assert.That(joined.IsSuccess, Is.True);
        }

        _admins[owner] = admin;
        return admin;
    }

    /// <summary>Claims a domain and returns the claim (fails the test on a refusal).</summary>
    public async Task<DomainClaim> ClaimAsync(OwnerRef owner, string domain)
    {
        var outcome = (await Service.AddDomainsAsync(owner, Admin(owner), [domain])).Value.Single();
        Assert.That(outcome.Result.IsSuccess, Is.True, () => outcome.Result.Error.ToString());
        return outcome.Result.Value;
    }

    /// <summary>Publishes the owner's correct record for a domain in the fake DNS.</summary>
    public async Task PublishRecordAsync(OwnerRef owner, string domain)
    {
        var instructions = (await Service.GetInstructionsAsync(owner, Admin(owner), domain)).Value;
        Dns.Publish(instructions.Host, DnsTxtRecord.Of("v=spf1 -all"), DnsTxtRecord.Of(instructions.Value));
    }

    /// <summary>Claims and verifies a domain.</summary>
    public async Task<DomainClaim> VerifiedAsync(OwnerRef owner, string domain)
    {
        await ClaimAsync(owner, domain);
        await PublishRecordAsync(owner, domain);
        var report = await Service.VerifyNowAsync(owner, Admin(owner), domain);
        Assert.That(report.Value.Claim.State, Is.EqualTo(DomainClaimState.Verified));
        return report.Value.Claim;
    }

    public async Task<DomainClaim> CurrentAsync(OwnerRef owner, string domain) => (await Claims.FindAsync(owner, domain))!;

    public IReadOnlyList<string> EventTypes => [.. Events.OfType<DomainClaimEvent>().Select(e => e.Type)];
}
