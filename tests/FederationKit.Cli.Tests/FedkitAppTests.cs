namespace FederationKit.Cli.Tests;

public class FedkitAppTests
{
    [Test]
    public async Task Run_WithoutArguments_PrintsUsageErrorAndExits2()
    {
        var outcome = await FedkitProcess.RunAsync();

        Assert.That(outcome.ExitCode, Is.EqualTo(2));
        Assert.That(outcome.Json["error"]!["code"]!.GetValue<string>(), Is.EqualTo("cli.usage"));
    }

    [Test]
    public async Task Run_UnknownGroup_Exits2()
    {
        var outcome = await FedkitProcess.RunAsync("frobnicate");

        Assert.That(outcome.ExitCode, Is.EqualTo(2));
    }
}
