namespace FederationKit.Cli.Tests;

public sealed class PkceCommandTests
{
    [Test]
    public async Task Pkce_Rfc7636Vector_PrintsChallenge()
    {
        var run = await FedkitProcess.RunAsync("pkce", "--verifier", "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
        Assert.That(run.ExitCode, Is.EqualTo(0), run.Stdout);
        Assert.That(run.Json["challenge"]!.GetValue<string>(), Is.EqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"));
        Assert.That(run.Json["method"]!.GetValue<string>(), Is.EqualTo("S256"));
    }

    [Test]
    public async Task Pkce_NoVerifier_CreatesValidOne()
    {
        var run = await FedkitProcess.RunAsync("pkce");
        Assert.That(run.ExitCode, Is.EqualTo(0), run.Stdout);
        var verifier = run.Json["verifier"]!.GetValue<string>();
        Assert.That(FederationKit.Oidc.Pkce.IsValidVerifier(verifier), Is.True);
        Assert.That(run.Json["challenge"]!.GetValue<string>(), Is.EqualTo(FederationKit.Oidc.Pkce.ComputeChallenge(verifier).Value));
    }

    [Test]
    public async Task Pkce_ShortVerifier_ExitsTwoWithCode()
    {
        var run = await FedkitProcess.RunAsync("pkce", "--verifier", "too-short");
        Assert.That(run.ExitCode, Is.EqualTo(2), run.Stdout);
        Assert.That(run.Json["error"]!["code"]!.GetValue<string>(), Is.EqualTo("oidc.pkce.invalid_verifier"));
    }
}
