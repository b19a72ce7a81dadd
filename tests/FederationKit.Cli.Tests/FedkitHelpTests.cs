namespace FederationKit.Cli.Tests;

/// <summary>Every fedkit command and subcommand answers <c>--help</c> with its usage on stdout and exit code 0.</summary>
public sealed class FedkitHelpTests
{
    [TestCase("usage: fedkit (saml|oidc|pkce|domain|dns)", "--help")]
    [TestCase("usage: fedkit (saml|oidc|pkce|domain|dns)", "-h")]
    [TestCase("usage: fedkit saml validate RESPONSE_FILE", "saml", "--help")]
    [TestCase("usage: fedkit saml validate RESPONSE_FILE", "saml", "validate", "--help")]
    [TestCase("usage: fedkit saml validate RESPONSE_FILE", "saml", "validate", "response.xml", "--sp-entity-id", "x", "--help")]
    [TestCase("usage: fedkit saml metadata", "saml", "metadata", "--help")]
    [TestCase("usage: fedkit oidc validate-id-token", "oidc", "--help")]
    [TestCase("usage: fedkit oidc validate-id-token", "oidc", "validate-id-token", "--help")]
    [TestCase("usage: fedkit oidc discover", "oidc", "discover", "--help")]
    [TestCase("usage: fedkit pkce", "pkce", "--help")]
    [TestCase("usage: fedkit domain normalize", "domain", "--help")]
    [TestCase("usage: fedkit domain normalize", "domain", "normalize", "--help")]
    [TestCase("usage: fedkit dns instructions", "dns", "--help")]
    [TestCase("usage: fedkit dns instructions", "dns", "instructions", "--help")]
    [TestCase("fedkit dns check", "dns", "check", "--help")]
    public async Task Help_AnyCommand_PrintsItsUsageAndExits0(string expected, params string[] args)
    {
        var outcome = await FedkitProcess.RunAsync(args);

        Assert.That(outcome.ExitCode, Is.Zero, outcome.Stdout);
        Assert.That(outcome.Stdout, Does.StartWith("usage: fedkit").And.Contain(expected));
    }

    [Test]
    public async Task Help_SamlValidate_ListsThePolicyFlags()
    {
        var outcome = await FedkitProcess.RunAsync("saml", "validate", "--help");

        Assert.That(outcome.Stdout, Does.Contain("--min-rsa-key-bits N").And.Contain("--allow-rsa15-key-transport").And.Contain("--no-require-authn-statement")
            .And.Contain("--require-signed-assertion").And.Contain("--audience ID").And.Contain("--acs-url URL [--acs-url URL ...]"));
    }
}
