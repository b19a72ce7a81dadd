using System.Diagnostics;
using System.Text.RegularExpressions;

namespace FederationKit.Samples.Tests;

/// <summary>
/// README's ASP.NET Core quick start is a whole Program.cs: extracted from README.md as written and built as a new web app
/// outside this repository (no shared build settings), against the packages' projects, with warnings as errors.
/// </summary>
public sealed partial class ReadmeQuickStartBuildTests
{
    private const string Marker = "<!-- quickstart:aspnetcore -->";

    [Test]
    public void QuickStart_AsWrittenInReadme_IsShortAndBuilds()
    {
        var root = RepositoryRoot();
        var code = Extract(File.ReadAllText(Path.Combine(root, "README.md")));
        var statements = code.Split('\n').Count(line => line.Trim().Length > 0 && !line.TrimStart().StartsWith("using ", StringComparison.Ordinal));
        Assert.That(statements, Is.LessThanOrEqualTo(25), "the quick start promises the integration in about 20 lines of host code");

        var directory = Directory.CreateTempSubdirectory("fedkit-quickstart-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(directory, "Program.cs"), code);
            File.WriteAllText(Path.Combine(directory, "QuickStart.csproj"), Project(root));
            var (exitCode, output) = Run(directory, "build", "QuickStart.csproj", "-c", Configuration(), "-p:BuildProjectReferences=false", "-nologo", "-v", "q");
            Assert.That(exitCode, Is.Zero, output);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static string Extract(string readme)
    {
        var start = readme.IndexOf(Marker, StringComparison.Ordinal);
        Assert.That(start, Is.GreaterThanOrEqualTo(0), "README.md has no " + Marker + " block");
        var match = CodeBlock().Match(readme, start);
        Assert.That(match.Success, Is.True, "the marker is followed by a ```csharp block");
        return match.Groups["code"].Value;
    }

    private static string Project(string root)
    {
        var references = string.Concat(new[] { "FederationKit.AspNetCore", "FederationKit.Saml", "FederationKit.Oidc", "FederationKit.Dns", "FederationKit.Hosting", "FederationKit.EntityFrameworkCore.Sqlite" }
            .Select(name => $"""    <ProjectReference Include="{Path.Combine(root, "src", name, name + ".csproj")}" />{Environment.NewLine}"""));
        return $"""
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <NuGetAudit>false</NuGetAudit>
                <NoWarn>$(NoWarn);NU1603</NoWarn>
              </PropertyGroup>
              <ItemGroup>
            {references}  </ItemGroup>
            </Project>
            """;
    }

    private static (int ExitCode, string Output) Run(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("dotnet build of the quick start did not finish in 5 minutes");
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    // The test runs from tests/FederationKit.Samples.Tests/bin/<configuration>/net10.0/.
    private static string Configuration() => new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;

    private static string RepositoryRoot() => new DirectoryInfo(AppContext.BaseDirectory).Parent!.Parent!.Parent!.Parent!.Parent!.FullName;

    [GeneratedRegex("```csharp\\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex CodeBlock();
}
