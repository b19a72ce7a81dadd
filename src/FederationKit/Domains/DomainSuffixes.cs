namespace FederationKit.Domains;

/// <summary>Enumerates a name and its parents by whole labels, longest first: <c>a.b.com</c>, <c>b.com</c>, <c>com</c>.</summary>
internal static class DomainSuffixes
{
    /// <summary>The name itself, then each parent, longest first.</summary>
    public static IEnumerable<string> Of(string name)
    {
        var start = 0;
        while (start < name.Length)
        {
            yield return start == 0 ? name : name[start..];
            var dot = name.IndexOf('.', start);
            if (dot < 0)
            {
                yield break;
            }

            start = dot + 1;
        }
    }

    /// <summary>The strict parents of a name (without the name itself), longest first.</summary>
    public static IEnumerable<string> ParentsOf(string name) => Of(name).Skip(1);
}
