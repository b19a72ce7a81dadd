namespace FederationKit.EntityFrameworkCore.Stores;

/// <summary>A host name and each of its parents by whole labels (<c>a.b.c</c>, <c>b.c</c>, <c>c</c>), for suffix lookups in one query.</summary>
internal static class HostNameSuffixes
{
    public static List<string> Of(string name)
    {
        var suffixes = new List<string> { name };
        for (var dot = name.IndexOf('.', StringComparison.Ordinal); dot >= 0; dot = name.IndexOf('.', dot + 1))
        {
            suffixes.Add(name[(dot + 1)..]);
        }

        return suffixes;
    }
}
