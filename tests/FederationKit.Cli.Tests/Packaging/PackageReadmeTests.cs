using System.IO.Compression;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace FederationKit.Cli.Tests.Packaging;

/// <summary>
/// Every package explains itself on its package page: its own README.md, packed as the package readme, with absolute links
/// only and no images. The package checks read the .nupkg files that scripts/test.sh builds into artifacts/packages (as CI
/// does before the tests); without them (a plain local <c>dotnet test</c>) those checks are ignored, not failed.
/// </summary>
public partial class PackageReadmeTests
{
    private const string RepositoryBlobUrl = "https://github.com/federationkit/federationkit/blob/main/";

    private static IEnumerable<PackableProject> Projects() => PackableProject.All();

    [Test]
    public void All_FindsEveryPackage()
    {
        Assert.That(Projects().Select(p => p.PackageId), Is.SupersetOf(new[]
        {
            "FederationKit", "FederationKit.Cli", "FederationKit.Dns", "FederationKit.EntityFrameworkCore",
            "FederationKit.EntityFrameworkCore.PostgreSql", "FederationKit.EntityFrameworkCore.Sqlite", "FederationKit.Http",
            "FederationKit.Oidc", "FederationKit.Saml", "FederationKit.StackExchangeRedis",
        }));
    }

    [TestCaseSource(nameof(Projects))]
    public void Readme_Exists_AndNamesTheInstallCommand(PackableProject project)
    {
        Assert.That(File.Exists(project.ReadmePath), Is.True, $"{project.PackageId} has no README.md in {project.Directory}");
        var install = IsTool(project) ? $"dotnet tool install --global {project.PackageId}" : $"dotnet add package {project.PackageId}";

        Assert.That(ReadmeLines(project), Does.Contain(install));
    }

    [TestCaseSource(nameof(Projects))]
    public void Readme_HasNoImagesAndNoRelativeLinks(PackableProject project)
    {
        var text = File.ReadAllText(project.ReadmePath);

        Assert.That(text, Does.Not.Contain("!["), "a markdown image");
        Assert.That(text, Does.Not.Contain("<img").IgnoreCase, "an HTML image");
        Assert.That(LinkTargets(text).Where(t => !t.StartsWith("https://", StringComparison.Ordinal)), Is.Empty, "relative or non-https links");
    }

    [TestCaseSource(nameof(Projects))]
    public void Readme_LinksIntoTheRepository_NameFilesThatExist(PackableProject project)
    {
        var missing = LinkTargets(File.ReadAllText(project.ReadmePath))
            .Where(t => t.StartsWith(RepositoryBlobUrl, StringComparison.Ordinal))
            .Select(t => t[RepositoryBlobUrl.Length..].Split('#')[0])
            .Where(path => !File.Exists(Path.Combine(PackableProject.RepositoryRoot, path)));

        Assert.That(missing, Is.Empty);
    }

    [Test]
    public void DirectoryBuildProps_PacksEachProjectsOwnReadme_NotTheRepositoryReadme()
    {
        var props = XDocument.Load(Path.Combine(PackableProject.RepositoryRoot, "src", "Directory.Build.props"));
        var packed = props.Descendants("None").Where(e => (string?)e.Attribute("Pack") == "true").Select(e => (string?)e.Attribute("Include")).ToList();

        Assert.That(props.Descendants("PackageReadmeFile").Select(e => e.Value), Is.EqualTo(new[] { "README.md" }));
        Assert.That(packed, Does.Contain("$(MSBuildProjectDirectory)/README.md"));
        Assert.That(packed.Where(p => p is not null && p.Contains("../README.md", StringComparison.Ordinal)), Is.Empty);
    }

    [TestCaseSource(nameof(Projects))]
    public void Package_CarriesTheProjectsReadmeAsItsReadme(PackableProject project)
    {
        using var package = OpenPackage(project);

        var nuspec = Nuspec(package);
        Assert.That(nuspec.Descendants().Where(e => e.Name.LocalName == "readme").Select(e => e.Value), Is.EqualTo(new[] { "README.md" }));
        Assert.That(EntryText(package, "README.md"), Is.EqualTo(Normalize(File.ReadAllText(project.ReadmePath))),
            "the packed README differs from the project's README.md (re-run dotnet pack?)");
    }

    [TestCase("FederationKit")]
    [TestCase("FederationKit.Cli")]
    public void Package_EmbeddingThePublicSuffixList_CarriesThirdPartyNotices(string packageId)
    {
        var project = Projects().Single(p => p.PackageId == packageId);
        using var package = OpenPackage(project);

        var notices = EntryText(package, "THIRD-PARTY-NOTICES.md");

        Assert.That(notices, Is.EqualTo(Normalize(File.ReadAllText(Path.Combine(PackableProject.RepositoryRoot, "THIRD-PARTY-NOTICES.md")))));
        Assert.That(notices, Does.Contain("Public Suffix List").And.Contain("Mozilla Public License 2.0").And.Contain("The MIT License"));
    }

    [Test]
    public void Package_Cli_InstallsTheFedkitCommand()
    {
        var project = Projects().Single(p => p.PackageId == "FederationKit.Cli");
        using var package = OpenPackage(project);

        var settings = package.Entries.SingleOrDefault(e => e.FullName.EndsWith("/DotnetToolSettings.xml", StringComparison.Ordinal));
        Assert.That(settings, Is.Not.Null, "not a dotnet tool package");
        using var stream = settings!.Open();
        Assert.That(XDocument.Load(stream).Descendants("Command").Select(c => (string?)c.Attribute("Name")), Is.EqualTo(new[] { "fedkit" }));
    }

    [Test]
    public void RepositoryReadme_InstallsFedkitAsTheCliProjectDeclares()
    {
        var csproj = XDocument.Load(Path.Combine(PackableProject.RepositoryRoot, "src", "FederationKit.Cli", "FederationKit.Cli.csproj"));
        string Property(string name) => csproj.Descendants(name).Single().Value;
        Assert.That((Property("PackAsTool"), Property("ToolCommandName"), Property("PackageId")), Is.EqualTo(("true", "fedkit", "FederationKit.Cli")));

        var readme = File.ReadAllText(Path.Combine(PackableProject.RepositoryRoot, "README.md"));

        Assert.That(readme, Does.Contain("`dotnet tool install --global FederationKit.Cli`"));
        Assert.That(readme, Does.Not.Match(@"dotnet tool install (--global |-g )?(?!FederationKit\.Cli\b)FederationKit"), "another package named as the tool");
    }

    private static bool IsTool(PackableProject project) =>
        XDocument.Load(System.IO.Directory.GetFiles(project.Directory, "*.csproj").Single()).Descendants("PackAsTool").Any(e => e.Value.Trim() == "true");

    private static string[] ReadmeLines(PackableProject project) =>
        [.. File.ReadAllLines(project.ReadmePath).Select(l => l.Trim())];

    /// <summary>Targets of inline links <c>[text](target)</c>, reference definitions <c>[id]: target</c> and HTML <c>href</c>/<c>src</c>.</summary>
    private static IEnumerable<string> LinkTargets(string markdown) =>
        InlineLink().Matches(markdown).Concat(ReferenceDefinition().Matches(markdown)).Concat(HtmlLink().Matches(markdown))
            .Select(m => m.Groups["target"].Value.Trim('<', '>'));

    private static ZipArchive OpenPackage(PackableProject project)
    {
        var path = project.FindPackage();
        if (path is null)
        {
            Assert.Ignore($"No {project.PackageId} package in artifacts/packages: run `dotnet pack FederationKit.sln -c Release -o artifacts/packages` (scripts/test.sh does).");
        }

        return ZipFile.OpenRead(path!);
    }

    private static XDocument Nuspec(ZipArchive package)
    {
        using var stream = package.Entries.Single(e => !e.FullName.Contains('/', StringComparison.Ordinal) && e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
        return XDocument.Load(stream);
    }

    private static string EntryText(ZipArchive package, string name)
    {
        var entry = package.GetEntry(name);
        Assert.That(entry, Is.Not.Null, $"{name} is not in the package");
        using var reader = new StreamReader(entry!.Open());
        return Normalize(reader.ReadToEnd());
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);

    [GeneratedRegex(@"\]\((?<target>[^)\s]*)[^)]*\)")]
    private static partial Regex InlineLink();

    [GeneratedRegex(@"^\s{0,3}\[[^\]]+\]:\s*(?<target>\S+)", RegexOptions.Multiline)]
    private static partial Regex ReferenceDefinition();

    [GeneratedRegex(@"(?:href|src)\s*=\s*[""'](?<target>[^""']*)[""']", RegexOptions.IgnoreCase)]
    private static partial Regex HtmlLink();
}
