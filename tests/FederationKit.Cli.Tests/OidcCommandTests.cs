using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FederationKit.Cli.Tests;

public sealed class OidcCommandTests
{
    private const string Issuer = "https://idp.test";
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private string _dir = null!;

    [SetUp]
    public void CreateFiles()
    {
        _dir = Directory.CreateTempSubdirectory("fedkit-oidc-").FullName;
        var key = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "k1" };
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(key);
        File.WriteAllText(Path.Combine(_dir, "jwks.json"), $$"""{"keys":[{"kty":"RSA","use":"sig","kid":"k1","n":"{{jwk.N}}","e":"{{jwk.E}}"}]}""");
        var token = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Claims = new Dictionary<string, object>
            {
                ["iss"] = Issuer, ["aud"] = "client-1", ["sub"] = "user-42", ["nonce"] = "n-1",
                ["iat"] = Now.ToUnixTimeSeconds(), ["exp"] = Now.AddMinutes(5).ToUnixTimeSeconds(),
            },
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
        File.WriteAllText(Path.Combine(_dir, "token.jwt"), token);
    }

    [TearDown]
    public void DeleteFiles() => Directory.Delete(_dir, recursive: true);

    private Task<FedkitProcess.Outcome> Validate(string issuer, params string[] extra) => FedkitProcess.RunAsync(
        ["oidc", "validate-id-token", Path.Combine(_dir, "token.jwt"), "--issuer", issuer, "--client-id", "client-1",
         "--jwks", Path.Combine(_dir, "jwks.json"), "--now", "2026-01-01T12:01:00Z", .. extra]);

    [Test]
    public async Task ValidateIdToken_ValidToken_ExitsZeroWithSubject()
    {
        var run = await Validate(Issuer, "--nonce", "n-1");
        Assert.That(run.ExitCode, Is.EqualTo(0), run.Stdout);
        Assert.That(run.Json["valid"]!.GetValue<bool>(), Is.True);
        Assert.That(run.Json["subject"]!.GetValue<string>(), Is.EqualTo("user-42"));
        Assert.That(run.Json["claims"]!["aud"]!.GetValue<string>(), Is.EqualTo("client-1"));
    }

    [Test]
    public async Task ValidateIdToken_WrongIssuer_ExitsOneWithCode()
    {
        var run = await Validate("https://other.test");
        Assert.That(run.ExitCode, Is.EqualTo(1), run.Stdout);
        Assert.That(run.Json["error"]!["code"]!.GetValue<string>(), Is.EqualTo("oidc.id_token.issuer_mismatch"));
    }

    [Test]
    public async Task ValidateIdToken_AccessTokenWithoutAtHash_ExitsOneWithCode()
    {
        var run = await Validate(Issuer, "--access-token", "abc");
        Assert.That(run.ExitCode, Is.EqualTo(1), run.Stdout);
        Assert.That(run.Json["error"]!["code"]!.GetValue<string>(), Is.EqualTo("oidc.id_token.at_hash_mismatch"));
    }

    [Test]
    public async Task ValidateIdToken_NoKeySource_ExitsTwo()
    {
        var run = await FedkitProcess.RunAsync("oidc", "validate-id-token", Path.Combine(_dir, "token.jwt"), "--issuer", Issuer, "--client-id", "client-1");
        Assert.That(run.ExitCode, Is.EqualTo(2), run.Stdout);
        Assert.That(run.Json["error"]!["code"]!.GetValue<string>(), Is.EqualTo("cli.usage"));
    }

    [Test]
    public async Task Discover_LoopbackIssuerWithoutOptIn_IsRefusedBeforeAnyRequest()
    {
        using var server = new DiscoveryHttpServer(File.ReadAllText(Path.Combine(_dir, "jwks.json")));

        var run = await FedkitProcess.RunAsync("oidc", "discover", server.Issuer);

        Assert.That(run.ExitCode, Is.EqualTo(1), run.Stdout);
        Assert.That(run.Json["valid"]!.GetValue<bool>(), Is.False);
        Assert.That(run.Json["error"]!["code"]!.GetValue<string>(), Is.EqualTo("outbound.scheme_refused"));
        Assert.That(server.Requests, Is.Zero);
    }

    [Test]
    public async Task Discover_HttpsLocalhostWithoutOptIn_IsRefusedLikeAnUnreachableHost()
    {
        using var server = new DiscoveryHttpServer(File.ReadAllText(Path.Combine(_dir, "jwks.json")));

        var run = await FedkitProcess.RunAsync("oidc", "discover", $"https://localhost:{server.Port}");

        Assert.That(run.ExitCode, Is.EqualTo(1), run.Stdout);
        Assert.That(run.Json["error"]!["code"]!.GetValue<string>(), Is.EqualTo("oidc.discovery.failed"));
        Assert.That(run.Json["error"]!["message"]!.GetValue<string>(), Is.EqualTo(FederationKit.Outbound.OutboundUrlPolicy.UnreachableMessage));
        Assert.That(server.Requests, Is.Zero);
    }

    [Test]
    public async Task Discover_LoopbackIssuerWithOptIn_PrintsTheConfiguration()
    {
        using var server = new DiscoveryHttpServer(File.ReadAllText(Path.Combine(_dir, "jwks.json")));

        var run = await FedkitProcess.RunAsync("oidc", "discover", server.Issuer, "--allow-loopback");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Stdout);
        Assert.That(run.Json["valid"]!.GetValue<bool>(), Is.True);
        Assert.That(run.Json["issuer"]!.GetValue<string>(), Is.EqualTo(server.Issuer));
        Assert.That(run.Json["token_endpoint"]!.GetValue<string>(), Is.EqualTo(server.Issuer + "/token"));
        Assert.That(run.Json["keys"]!.AsArray().Select(k => k!.GetValue<string>()), Is.EqualTo(new[] { "k1" }));
    }

    [Test]
    public async Task ValidateIdToken_DiscoveryOnLoopbackWithOptIn_FetchesTheKeys()
    {
        using var server = new DiscoveryHttpServer(File.ReadAllText(Path.Combine(_dir, "jwks.json")));
        var args = new[] { "oidc", "validate-id-token", Path.Combine(_dir, "token.jwt"), "--issuer", server.Issuer, "--client-id", "client-1",
            "--discovery", server.Issuer + "/.well-known/openid-configuration", "--now", "2026-01-01T12:01:00Z" };

        var refused = await FedkitProcess.RunAsync(args);
        var allowed = await FedkitProcess.RunAsync([.. args, "--allow-loopback"]);

        Assert.That(refused.Json["error"]!["code"]!.GetValue<string>(), Is.EqualTo("outbound.scheme_refused"));
        // The token names https://idp.test as its issuer, so with the keys fetched the verdict is the issuer check.
        Assert.That(allowed.Json["error"]!["code"]!.GetValue<string>(), Is.EqualTo("oidc.id_token.issuer_mismatch"), allowed.Stdout);
        Assert.That(server.Requests, Is.EqualTo(2));
    }

    [Test]
    public async Task Discover_HttpNonLoopbackIssuer_ExitsTwo()
    {
        var run = await FedkitProcess.RunAsync("oidc", "discover", "http://idp.example.com");
        Assert.That(run.ExitCode, Is.EqualTo(2), run.Stdout);
        Assert.That(run.Json["error"]!["code"]!.GetValue<string>(), Is.EqualTo("oidc.settings.invalid"));
    }
}
