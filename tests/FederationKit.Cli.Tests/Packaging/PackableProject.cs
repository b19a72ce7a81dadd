using System.Xml.Linq;

namespace FederationKit.Cli.Tests.Packaging;

/// <summary>A project under src/ that yields a NuGet package, with its package id and folder.</summary>
public sealed record PackableProject(string PackageId, string Directory)
{
    /// <summary>The repository root (the folder holding FederationKit.sln).</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>Every project under src/ that does not opt out of packing (src/Directory.Build.props makes them packable).</summary>
    public static IEnumerable<PackableProject> All()
    {
        foreach (var csproj in System.IO.Directory.GetFiles(Path.Combine(RepositoryRoot, "src"), "*.csproj", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var project = XDocument.Load(csproj);
            string? Property(string name) => project.Descendants(name).Select(e => e.Value.Trim()).FirstOrDefault();
            if (string.Equals(Property("IsPackable"), "false", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            yield return new PackableProject(Property("PackageId") ?? Path.GetFileNameWithoutExtension(csproj), Path.GetDirectoryName(csproj)!);
        }
    }

    /// <summary>The project's README.md.</summary>
    public string ReadmePath => Path.Combine(Directory, "README.md");

    /// <summary>The package built by <c>dotnet pack -o artifacts/packages</c> (as scripts/test.sh does), or null when there is none.</summary>
    public string? FindPackage()
    {
        var folder = Path.Combine(RepositoryRoot, "artifacts", "packages");
        if (!System.IO.Directory.Exists(folder))
        {
            return null;
        }

        // "FederationKit.0.1.0.nupkg" must not match "FederationKit.Cli.0.1.0.nupkg": the id is followed by a version digit.
        return System.IO.Directory.GetFiles(folder, PackageId + ".*.nupkg")
            .Where(f => !f.EndsWith(".snupkg", StringComparison.Ordinal) && char.IsAsciiDigit(Path.GetFileName(f)[PackageId.Length + 1]))
            .OrderByDescending(File.GetLastWriteTimeUtc)
            .FirstOrDefault();
    }

    /// <inheritdoc />
    public override string ToString() => PackageId;

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FederationKit.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("FederationKit.sln not found above " + AppContext.BaseDirectory);
    }
}
