using BenchmarkDotNet.Attributes;
using FederationKit.Directories;
using FederationKit.Organizations;
using FederationKit.SignIn;
using FederationKit.SignIn.Ports;
using FederationKit.SignIn.Routing;

namespace FederationKit.Benchmarks;

/// <summary>
/// Email-first routing with 1,000,000 verified domains. Baseline: a naive exact-domain <see cref="Dictionary{TKey,TValue}"/>
/// lookup (what a host would write first; it cannot see subdomains). Each operation is one lookup; 1,024 different
/// emails are cycled per invocation so caches do not flatter the result.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class SignInRoutingBenchmarks
{
    private const int DomainCount = 1_000_000;
    private const int Probes = 1024;

    private Dictionary<string, SignInRoute> _naive = null!;
    private DomainRouteIndex _index = null!;
    private SignInRouter _router = null!;
    private string[] _exactDomains = null!;
    private string[] _subdomainHosts = null!;
    private string[] _emails = null!;
    private string[] _subdomainEmails = null!;

    /// <summary>Builds one million routes and the probe sets.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var owner = OwnerRef.Organization(OrganizationId.New());
        var routes = new List<SignInRoute>(DomainCount);
        for (var i = 0; i < DomainCount; i++)
        {
            routes.Add(new SignInRoute($"tenant{i}.example{i % 97}.com", owner, DirectoryId.New())
            {
                ActiveProfileId = IdpProfileId.New(), Protocol = IdentityProtocol.Oidc, IdpDisplayName = "IdP",
            });
        }

        _naive = routes.ToDictionary(r => r.Domain, StringComparer.Ordinal);
        _index = DomainRouteIndex.Build(routes);
        var source = new InMemorySignInRouteSource();
        _router = new SignInRouter(source, new SignInOptions());
        _router.Apply(routes, []);

        var picks = Enumerable.Range(0, Probes).Select(i => (int)((i * 7919L * 104729L) % DomainCount)).ToArray();
        _exactDomains = [.. picks.Select(i => routes[i].Domain)];
        _subdomainHosts = [.. picks.Select(i => "mail.eu." + routes[i].Domain)];
        _emails = [.. picks.Select(i => "John.Smith@" + routes[i].Domain)];
        _subdomainEmails = [.. picks.Select(i => "John.Smith@mail.eu." + routes[i].Domain)];
    }

    /// <summary>Baseline: exact-domain dictionary lookup of the email's domain (lower-cased), no suffix walk.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Probes)]
    public int NaiveExactDomainDictionary()
    {
        var found = 0;
        foreach (var email in _emails)
        {
            var domain = email[(email.LastIndexOf('@') + 1)..].ToLowerInvariant();
            found += _naive.TryGetValue(domain, out _) ? 1 : 0;
        }

        return found;
    }

    /// <summary>The index on an exact verified domain (one probe).</summary>
    [Benchmark(OperationsPerInvoke = Probes)]
    public int IndexExactDomain()
    {
        var found = 0;
        foreach (var host in _exactDomains)
        {
            found += _index.FindCovering(host) is null ? 0 : 1;
        }

        return found;
    }

    /// <summary>The index on a host two labels below a verified domain (longest-suffix walk, three probes).</summary>
    [Benchmark(OperationsPerInvoke = Probes)]
    public int IndexSubdomain()
    {
        var found = 0;
        foreach (var host in _subdomainHosts)
        {
            found += _index.FindCovering(host) is null ? 0 : 1;
        }

        return found;
    }

    /// <summary>The whole router: email parsing, IDN/lower-case normalization, suffix walk and the decision.</summary>
    [Benchmark(OperationsPerInvoke = Probes)]
    public int RouterRouteEmail()
    {
        var found = 0;
        foreach (var email in _emails)
        {
            found += _router.Route(email) is FederatedRoute ? 1 : 0;
        }

        return found;
    }

    /// <summary>The whole router for an email on a subdomain of a verified domain.</summary>
    [Benchmark(OperationsPerInvoke = Probes)]
    public int RouterRouteSubdomainEmail()
    {
        var found = 0;
        foreach (var email in _subdomainEmails)
        {
            found += _router.Route(email) is FederatedRoute ? 1 : 0;
        }

        return found;
    }
}
