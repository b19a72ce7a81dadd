using System.Text;

namespace FederationKit.Saml.Tests.Canonicalization;

/// <summary>
/// Seeded generator of small well-formed documents that stress the exclusive canonicalization rules: namespace declarations
/// at every depth, prefixes reused and redeclared with other URIs, <c>xmlns=""</c>, used and unused declarations,
/// qualified attributes in every order, <c>xml:lang</c>/<c>xml:space</c>, every character that must be escaped (literal and
/// as character references), non-ASCII, CDATA, comments and processing instructions everywhere, whitespace outside the root,
/// empty elements in both syntaxes. Recursion here is over the generator's own bounded depth, not over input.
/// </summary>
internal sealed class RandomXmlGenerator(int seed, bool plainUris = false)
{
    public static readonly string[] Prefixes = ["a", "b", "p", "ns1", "ü"];

    private static readonly string[] Uris =
    [
        "urn:x:a", "urn:x:b", "http://example.com/ns", "http://example.com/ns/", "urn:oasis:names:tc:SAML:2.0:assertion",
        "http://www.w3.org/2000/09/xmldsig#", "urn:x:amp?a=1&amp;b=2", "urn:x:quote&quot;&lt;&gt;", "urn:x:ws&#9;&#10;&#13;end", "urn:x:é😀",
        "urn:x:\U0001F600", "urn:x:\uFB01",
    ];

    // Namespace URIs libxml2's URI parser accepts (ASCII, no whitespace, no '"', '<', '>'), with '&' that must be escaped.
    private static readonly string[] PlainUris = [.. Uris.Where(u => !u.Any(c => c > '~') && !u.Contains("&#") && !u.Contains("&lt;") && !u.Contains("&quot;")), "urn:x:c", "http://example.org/ns"];

    private static readonly string[] ElementNames = ["e", "f", "item", "Ä", "z"];
    private static readonly string[] AttributeNames = ["id", "a", "b", "lang", "space", "Z", "é", "x\u00B7y"];

    private static readonly string[] TextPieces =
    [
        "text", " ", "  two  ", "&amp;", "&lt;", "&gt;", ">", "\"", "'", "&quot;", "&apos;", "&#9;", "\t", "&#10;", "\n", "&#13;",
        "\r\n", "\r", "é", "日本", "😀", "&#x1F600;", "&#xE9;", "]]&gt;", "&#x20;", "a&amp;b&lt;c",
    ];

    private static readonly string[] AttributePieces =
    [
        "v", " ", "&amp;", "&lt;", ">", "&gt;", "&quot;", "'", "&#9;", "\t", "&#10;", "\n", "&#13;", "\r\n", "é", "😀", "&#x1F600;",
        "x y", "",
    ];

    private static readonly string[] ProcessingInstructions = ["<?pi?>", "<?pi data?>", "<?pi  spaced  data ?>", "<?target a&b<c>\"?>", "<?ü é?>"];
    private static readonly string[] Comments = ["<!---->", "<!-- c -->", "<!-- a&b<c> -->", "<!--\r\n-->"];

    private readonly Random _random = new(seed);

    /// <summary>The next document (no XML declaration: both oracles drop it anyway).</summary>
    public string Next() => NextPair().Xml;

    /// <summary>
    /// The next document, and the same document without its comments (for xmllint, whose --exc-c14n keeps comments).
    /// </summary>
    public (string Xml, string WithoutComments) NextPair()
    {
        var builder = new DualBuilder();
        Misc(builder);
        Element(builder, new Dictionary<string, string>(StringComparer.Ordinal), 0);
        Misc(builder);
        return (builder.Full.ToString(), builder.Plain.ToString());
    }

    private void Misc(DualBuilder builder)
    {
        var count = _random.Next(4);
        for (var i = 0; i < count; i++)
        {
            builder.Append(_random.Next(3) switch
            {
                0 => Pick(ProcessingInstructions),
                1 => DualBuilder.Comment(Pick(Comments)),
                _ => Pick([" ", "\n", "\r\n", "\t "]),
            });
        }
    }

    private void Element(DualBuilder builder, Dictionary<string, string> scope, int depth)
    {
        var inScope = new Dictionary<string, string>(scope, StringComparer.Ordinal);
        var declarations = new StringBuilder();
        var declared = new HashSet<string>(StringComparer.Ordinal);
        var declarationCount = _random.Next(depth == 0 ? 4 : 3);
        for (var i = 0; i < declarationCount; i++)
        {
            var prefix = _random.Next(4) == 0 ? string.Empty : Pick(Prefixes);
            if (!declared.Add(prefix))
            {
                continue;
            }

            // xmlns="" undeclares the default namespace; prefixed declarations always bind a URI (XML 1.0 namespaces).
            var uri = prefix.Length == 0 && _random.Next(3) == 0 ? string.Empty : _random.Next(40) == 0 ? Pick(["rel", "../up", "#frag", "a/b"]) : Pick(plainUris ? PlainUris : Uris);
            declarations.Append(prefix.Length == 0 ? " xmlns=" : $" xmlns:{prefix}=").Append(Quote(uri));
            inScope[prefix] = uri;
        }

        var boundPrefixes = inScope.Keys.Where(p => p.Length > 0).ToList();
        var name = Pick(ElementNames);
        if (boundPrefixes.Count > 0 && _random.Next(2) == 0)
        {
            name = Pick(boundPrefixes) + ":" + name;
        }

        var attributes = new StringBuilder();
        var expanded = new HashSet<string>(StringComparer.Ordinal);
        var attributeCount = _random.Next(5);
        for (var i = 0; i < attributeCount; i++)
        {
            string qualified, key;
            var kind = _random.Next(6);
            if (kind == 0)
            {
                qualified = "xml:" + Pick(["lang", "space", "base", "id"]);
                key = qualified;
            }
            else if (kind <= 2 && boundPrefixes.Count > 0)
            {
                var prefix = Pick(boundPrefixes);
                var local = Pick(AttributeNames);
                qualified = prefix + ":" + local;
                key = inScope[prefix] + "|" + local;
            }
            else
            {
                qualified = Pick(AttributeNames);
                key = "|" + qualified;
            }

            if (expanded.Add(key))
            {
                var value = qualified is "xml:space" ? Pick(["preserve", "default"]) : AttributeValue();
                attributes.Append(' ').Append(qualified).Append('=').Append(Quote(value));
            }
        }

        // Declarations and attributes interleaved in a random order (order in the source must not matter).
        var parts = declarations.ToString().Split(" xmlns", StringSplitOptions.RemoveEmptyEntries).Select(d => " xmlns" + d)
            .Concat(SplitAttributes(attributes.ToString())).OrderBy(_ => _random.Next()).ToList();
        builder.Append('<').Append(name).Append(string.Concat(parts));
        var childCount = depth >= 5 ? 0 : _random.Next(depth == 0 ? 6 : 4);
        if (childCount == 0 && _random.Next(2) == 0)
        {
            builder.Append(_random.Next(2) == 0 ? "/>" : " />");
            return;
        }

        builder.Append('>');
        for (var i = 0; i < childCount; i++)
        {
            switch (_random.Next(7))
            {
                case 0:
                case 1:
                    Element(builder, inScope, depth + 1);
                    break;
                case 2:
                    builder.Append(Text());
                    break;
                case 3:
                    builder.Append("<![CDATA[").Append(Pick(["", "x", "a < b & c > d", "]]", "\r\n\t\"'", "é😀"])).Append("]]>");
                    break;
                case 4:
                    builder.Append(DualBuilder.Comment(Pick(Comments)));
                    break;
                case 5:
                    builder.Append(Pick(ProcessingInstructions));
                    break;
                default:
                    builder.Append(Pick([" ", "\n  ", "\r\n", "\t"]));
                    break;
            }
        }

        builder.Append("</").Append(name).Append('>');
    }

    private static IEnumerable<string> SplitAttributes(string attributes)
    {
        // Attributes were appended as ' name="value"' or " name='value'"; split on the spaces that start one.
        var result = new List<string>();
        var i = 0;
        while (i < attributes.Length)
        {
            var equals = attributes.IndexOf('=', i);
            var quote = attributes[equals + 1];
            var end = attributes.IndexOf(quote, equals + 2);
            result.Add(attributes[i..(end + 1)]);
            i = end + 1;
        }

        return result;
    }

    private string Text()
    {
        var builder = new StringBuilder();
        var count = 1 + _random.Next(4);
        for (var i = 0; i < count; i++)
        {
            builder.Append(Pick(TextPieces));
        }

        return builder.ToString();
    }

    private string AttributeValue()
    {
        var builder = new StringBuilder();
        var count = _random.Next(4);
        for (var i = 0; i < count; i++)
        {
            builder.Append(Pick(AttributePieces));
        }

        return builder.ToString();
    }

    private string Quote(string value)
    {
        // Single quotes around values that hold a literal double quote, otherwise a random choice.
        if (value.Contains('"') || (!value.Contains('\'') && _random.Next(3) == 0))
        {
            return "'" + value.Replace("'", "&apos;", StringComparison.Ordinal) + "'";
        }

        return "\"" + value + "\"";
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    /// <summary>Builds a document twice: in full, and without the pieces marked as comments.</summary>
    private sealed class DualBuilder
    {
        private const char CommentMark = '\uFFFF';

        public StringBuilder Full { get; } = new();

        public StringBuilder Plain { get; } = new();

        public static string Comment(string comment) => CommentMark + comment;

        public DualBuilder Append(string text)
        {
            if (text.Length > 0 && text[0] == CommentMark)
            {
                Full.Append(text.AsSpan(1));
                return this;
            }

            Full.Append(text);
            Plain.Append(text);
            return this;
        }

        public DualBuilder Append(char c) => Append(c.ToString());

        public DualBuilder Append(StringBuilder text) => Append(text.ToString());
    }
}
