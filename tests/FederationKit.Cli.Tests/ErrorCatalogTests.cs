using System.Reflection;
using System.Text.RegularExpressions;

namespace FederationKit.Cli.Tests;

/// <summary>Every error code in every FederationKit assembly is documented in docs/errors.md, and nothing else is.</summary>
public partial class ErrorCatalogTests
{
    private static readonly string[] AssemblyNames =
        ["FederationKit", "FederationKit.Http", "FederationKit.Saml", "FederationKit.Oidc", "FederationKit.Dns", "fedkit", "FederationKit.Scim"];

    [Test]
    public void EveryCodeInCode_IsDocumented_AndEveryDocumentedCodeExists()
    {
        var inCode = CodesInCode();
        var documented = DocumentedCodes();

        Assert.Multiple(() =>
        {
            Assert.That(inCode.Keys.Except(documented), Is.Empty, "codes missing from docs/errors.md");
            Assert.That(documented.Except(inCode.Keys), Is.Empty, "documented codes that no longer exist in code");
        });
    }

    [Test]
    public void Codes_AreUniqueAndDottedLowerCase()
    {
        var all = AllCodeFields().ToList();

        Assert.Multiple(() =>
        {
            foreach (var group in all.GroupBy(f => f.Code).Where(g => g.Count() > 1))
            {
                Assert.Fail($"code '{group.Key}' is declared by {string.Join(", ", group.Select(f => f.Where))}");
            }

            foreach (var field in all)
            {
                Assert.That(CodeShape().IsMatch(field.Code), Is.True, $"{field.Where} = '{field.Code}' is not dotted lower case");
            }
        });
    }

    private static Dictionary<string, string> CodesInCode() =>
        AllCodeFields().GroupBy(f => f.Code).ToDictionary(g => g.Key, g => g.First().Where);

    private static IEnumerable<(string Code, string Where)> AllCodeFields()
    {
        foreach (var name in AssemblyNames)
        {
            var assembly = Assembly.Load(name);
            var types = assembly.GetTypes().Where(t => t.IsAbstract && t.IsSealed && t.Name.EndsWith("ErrorCodes", StringComparison.Ordinal));
            foreach (var type in types)
            {
                foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral && f.FieldType == typeof(string)))
                {
                    yield return ((string)field.GetRawConstantValue()!, $"{type.FullName}.{field.Name}");
                }
            }
        }
    }

    private static HashSet<string> DocumentedCodes()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "errors.md"));
        return [.. DocumentedRow().Matches(text).Select(m => m.Groups[1].Value)];
    }

    private static string RepositoryRoot()
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

    [GeneratedRegex(@"^\|\s*`([a-z0-9_.]+)`\s*\|", RegexOptions.Multiline)]
    private static partial Regex DocumentedRow();

    [GeneratedRegex(@"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")]
    private static partial Regex CodeShape();
}
