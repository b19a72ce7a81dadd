namespace FederationKit.Scim;

/// <summary>
/// Which attributes a response carries (RFC 7644 §3.9 <c>attributes</c> and <c>excludedAttributes</c>, top-level names;
/// <c>id</c>, <c>schemas</c> and <c>meta</c> always). A repository uses it to skip reading what is not returned, such as a
/// group's members under <c>excludedAttributes=members</c>.
/// </summary>
/// <param name="Attributes">The <c>attributes</c> parameter (comma-separated), or <see langword="null"/>.</param>
/// <param name="ExcludedAttributes">The <c>excludedAttributes</c> parameter (comma-separated), or <see langword="null"/>; ignored when <paramref name="Attributes"/> is set.</param>
public sealed record ScimProjection(string? Attributes = null, string? ExcludedAttributes = null)
{
    private static readonly string[] Always = ["id", "schemas", "meta"];

    /// <summary>Every attribute.</summary>
    public static ScimProjection Full { get; } = new();

    /// <summary>Whether the response carries the top-level attribute <paramref name="name"/>.</summary>
    /// <param name="name">A top-level attribute name (<c>members</c>).</param>
    /// <returns><see langword="true"/> when it is returned.</returns>
    public bool Returns(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (Always.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            return true;
        }

        if (!string.IsNullOrWhiteSpace(Attributes))
        {
            return Names(Attributes).Contains(name);
        }

        return string.IsNullOrWhiteSpace(ExcludedAttributes) || !Names(ExcludedAttributes).Contains(name);
    }

    /// <summary>The top-level names of a comma-separated list (a schema URN prefix and sub-attributes dropped).</summary>
    internal static HashSet<string> Names(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(n => n.Contains(':', StringComparison.Ordinal) && n.StartsWith("urn:", StringComparison.OrdinalIgnoreCase) ? n[(n.LastIndexOf(':') + 1)..] : n)
            .Select(n => n.Split('.')[0])
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
}
