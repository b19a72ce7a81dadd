namespace FederationKit.Domains;

/// <summary>One TXT record: a list of character-strings (each at most 255 bytes on the wire).</summary>
/// <param name="Strings">The record's character-strings in order, unescaped.</param>
public sealed record DnsTxtRecord(IReadOnlyList<string> Strings)
{
    /// <summary>The record's value: its character-strings joined without separator (RFC 7208 section 3.3 does the same).</summary>
    public string Text => string.Concat(Strings);

    /// <summary>A record with one character-string per argument.</summary>
    /// <param name="strings">The character-strings.</param>
    public static DnsTxtRecord Of(params string[] strings) => new(strings);
}
