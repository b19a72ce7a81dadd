namespace FederationKit.Cli.Tests;

public class DomainCommandsTests
{
    [TestCase("Acme.COM.", "acme.com")]
    [TestCase("bücher.example", "xn--bcher-kva.example")]
    [TestCase("acme.github.io", "acme.github.io")]
    public async Task Normalize_ValidName_PrintsNormalizedAndExits0(string input, string expected)
    {
        var outcome = await FedkitProcess.RunAsync("domain", "normalize", input);

        Assert.That(outcome.ExitCode, Is.EqualTo(0), outcome.Stdout + outcome.Stderr);
        Assert.That(outcome.Json.Select(p => p.Key), Is.EqualTo(new[] { "input", "normalized" }));
        Assert.That(outcome.Json["input"]!.GetValue<string>(), Is.EqualTo(input));
        Assert.That(outcome.Json["normalized"]!.GetValue<string>(), Is.EqualTo(expected));
    }

    [TestCase("gmail.com", "domain.free_mail")]
    [TestCase("co.uk", "domain.public_suffix")]
    [TestCase("github.io", "domain.public_suffix")]
    [TestCase("*.acme.com", "domain.wildcard")]
    [TestCase("localhost", "domain.single_label")]
    [TestCase("ac_me.com", "domain.label_invalid")]
    public async Task Normalize_RefusedName_PrintsErrorAndExits1(string input, string code)
    {
        var outcome = await FedkitProcess.RunAsync("domain", "normalize", input);

        Assert.That(outcome.ExitCode, Is.EqualTo(1));
        Assert.That(outcome.Json["input"]!.GetValue<string>(), Is.EqualTo(input));
        Assert.That(outcome.Json["error"]!["code"]!.GetValue<string>(), Is.EqualTo(code));
        Assert.That(outcome.Json["error"]!["message"]!.GetValue<string>(), Is.Not.Empty);
        Assert.That(outcome.Json.ContainsKey("normalized"), Is.False);
    }

    [TestCase("domain")]
    [TestCase("domain", "normalize")]
    [TestCase("domain", "normalize", "a.com", "b.com")]
    [TestCase("domain", "normalize", "a.com", "--strict")]
    [TestCase("domain", "frobnicate", "a.com")]
    public async Task Normalize_WrongUsage_Exits2(params string[] args)
    {
        var outcome = await FedkitProcess.RunAsync(args);

        Assert.That(outcome.ExitCode, Is.EqualTo(2));
        Assert.That(outcome.Json["error"]!["code"]!.GetValue<string>(), Is.EqualTo("cli.usage"));
    }
}
